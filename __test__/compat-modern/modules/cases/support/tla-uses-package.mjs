import { nanoid } from 'nanoid'
console.log('package user: evaluated', typeof nanoid)
export const user = 'user'
