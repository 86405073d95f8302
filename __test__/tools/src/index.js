import { greet } from './greet.mjs'

const names = ['ada', 'grace']
export const greetings = names.map((name) => greet(name))
console.log(greetings.join('\n'))
