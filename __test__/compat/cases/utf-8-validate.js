const isValidUTF8 = require('utf-8-validate')
console.log(isValidUTF8(Buffer.from('héllo €')), isValidUTF8(Buffer.from([0xff, 0xfe])), isValidUTF8(Buffer.alloc(100, 0x41)))
