const bcrypt = require('bcryptjs')
const salt = '$2a$04$abcdefghijklmnopqrstuu'
const hash = bcrypt.hashSync('s3cret', salt)
console.log(hash, bcrypt.compareSync('s3cret', hash), bcrypt.compareSync('nope', hash), bcrypt.getRounds(hash))
bcrypt.hash('x', 4).then((h) => bcrypt.compare('x', h)).then((ok) => console.log('async', ok))
