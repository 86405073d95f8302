import { nanoid, customAlphabet, urlAlphabet } from 'nanoid'
const id = nanoid()
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id))
const hex = customAlphabet('0123456789abcdef', 12)
const made = hex()
console.log(made.length, /^[0-9a-f]{12}$/.test(made))
console.log(urlAlphabet.length)
