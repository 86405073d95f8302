const through2 = require('through2')
const { Readable } = require('stream')
const parts = []
Readable.from(['one', 'two']).pipe(through2(function (chunk, enc, cb) { this.push(chunk.toString().length + ';'); cb() }))
  .pipe(through2.obj((c, e, cb) => { parts.push(c.toString()); cb() }, (cb) => { console.log(parts.join('')); cb() }))
