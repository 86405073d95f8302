import path from 'node:path'
const here = path.basename(import.meta.dirname)
const file = path.basename(import.meta.filename)
const { default: camelCase } = await import('camelcase')
const later = await new Promise((resolve) => setTimeout(() => resolve('after-await'), 5))
console.log(here, file, camelCase('top-level-await'), later)
