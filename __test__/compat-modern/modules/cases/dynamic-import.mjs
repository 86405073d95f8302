// Optional dependencies found with import(): a missing one rejects with Node's code.
for (const id of ['no-such-package-at-all', 'chalk/no-such-subpath', './support/no-such-file.mjs']) {
  try {
    await import(id)
    console.log(id, 'loaded')
  } catch (error) {
    console.log(id, error.code)
  }
}
const { default: camelCase } = await import('camelcase')
console.log(camelCase('dynamic-import'))
