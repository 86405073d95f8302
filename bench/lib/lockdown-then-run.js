'use strict'
// The `lockdown` runner: plain node, but with SES's lockdown() applied first, with the options
// lavamoat uses, then the app loaded by Node's own require. No compartments, no policy: the
// floor any runtime built on SES pays on V8, which loses fast paths (RegExp, arrays) once the
// intrinsics are frozen. `node lockdown-then-run.js app.js` (CommonJS or an ES module)

const path = require('node:path')
const { pathToFileURL } = require('node:url')
const { lockdownRealm } = require('../../lib/realm/lockdown')

lockdownRealm()
import(pathToFileURL(path.resolve(process.argv[2])).href)
