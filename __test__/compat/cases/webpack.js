const webpack = require('webpack')
const fs = require('fs')
const os = require('os')
const path = require('path')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-webpack-'))
fs.writeFileSync(path.join(dir, 'dep.js'), 'module.exports = (n) => n * 7\n')
fs.writeFileSync(path.join(dir, 'entry.js'), 'const dep = require("./dep")\nconsole.log("bundle says", dep(6))\n')
webpack({ mode: 'production', context: dir, entry: './entry.js', output: { path: path.join(dir, 'dist'), filename: 'out.js' }, target: 'node', infrastructureLogging: { level: 'none' } }, (err, stats) => {
  try {
    console.log(err, stats.hasErrors(), Object.keys(stats.compilation.assets).join(','))
    const code = fs.readFileSync(path.join(dir, 'dist/out.js'), 'utf8')
    console.log(code.includes('bundle says'))
  } finally {
    fs.rmSync(dir, { recursive: true })
  }
})
