const dotenv = require('dotenv')
const parsed = dotenv.parse('A=1\nB="two words"\n# comment\nC=\'x#y\'\nMULTI="l1\\nl2"\n')
console.log(JSON.stringify(parsed))
const env = {}
dotenv.populate(env, { K: 'v' })
console.log(JSON.stringify(env))
