const protobuf = require('protobufjs')
const root = protobuf.parse('syntax = "proto3"; message Msg { string text = 1; int32 n = 2; repeated string tags = 3; }').root
const Msg = root.lookupType('Msg')
const buf = Msg.encode(Msg.create({ text: 'hi', n: 150, tags: ['a', 'b'] })).finish()
console.log(Buffer.from(buf).toString('hex'))
console.log(JSON.stringify(Msg.toObject(Msg.decode(buf))), Msg.verify({ n: 'x' }))
