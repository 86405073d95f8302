const iconv = require('iconv-lite')
const buf = iconv.encode('Привет €', 'win1251')
console.log(buf.toString('hex'), iconv.decode(buf, 'win1251'), iconv.encodingExists('shift_jis'))
console.log(iconv.decode(Buffer.from([0x82, 0xa0]), 'shift_jis'), iconv.encode('é', 'latin1').toString('hex'))
