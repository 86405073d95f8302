const fse = require('fs-extra')
const os = require('os')
const path = require('path')
const dir = fse.mkdtempSync(path.join(os.tmpdir(), 'compat-fse-'))
try {
  fse.outputJsonSync(path.join(dir, 'a/b/c.json'), { ok: 1 })
  fse.copySync(path.join(dir, 'a'), path.join(dir, 'copy'))
  fse.moveSync(path.join(dir, 'copy/b/c.json'), path.join(dir, 'moved.json'))
  console.log(JSON.stringify(fse.readJsonSync(path.join(dir, 'moved.json'))), fse.pathExistsSync(path.join(dir, 'copy/b/c.json')))
  fse.emptyDirSync(path.join(dir, 'a'))
  console.log(fse.readdirSync(path.join(dir, 'a')).length)
} finally {
  fse.removeSync(dir)
}
console.log('removed', !fse.existsSync(dir))
