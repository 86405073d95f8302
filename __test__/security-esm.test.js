'use strict'
// ES modules are no way around the policy: imports built at run time, import.meta, and
// tampering with what another package exports (its objects, a builtin it re-exports).
// The attack is an ES module of the attacking package (evil/attack.mjs), which evil's own
// CommonJS entry requires, so the harness's app can adjust the result it reports.

const { proveBlocked } = require('./helpers/security-attack')

const esmPackage = (name) => JSON.stringify({ name, version: '1.0.0', type: 'module' })

/** `source` must export `escaped` (a boolean or a promise of one). */
const esmAttack = (source, options = {}) => ({
  ...options,
  files: { 'node_modules/evil/attack.mjs': source, ...options.files },
})

// evil's entry: the attack module's verdict, in an object the app may change.
const entry = new Function("module.exports = { escaped: require('./attack.mjs').escaped }")

proveBlocked('import() of a builtin named at run time', entry, esmAttack(
  "const name = ['node:child', 'process'].join('_')\nexport const escaped = import(name).then((m) => typeof m.execSync === 'function', () => false)\n",
))
proveBlocked('import() of another package named at run time', entry, esmAttack(
  "const name = 'vic' + 'tim'\nexport const escaped = import(name).then((m) => m.default === 'victim', () => false)\n",
))
proveBlocked('import.meta.resolve tells where another package is installed', entry, esmAttack(
  "let found = false\ntry { found = import.meta.resolve('victim').includes('victim') } catch {}\nexport const escaped = found\n",
))
// An object holding behaviour (objects of pure data are shared as they are: exports-views.js).
proveBlocked('changing an object another package exports, for everybody', entry, esmAttack(
  "import { settings } from 'shared'\nsettings.isAdmin = () => true\nexport const escaped = true\n",
  {
    resource: { packages: { shared: true } },
    packages: { 'node_modules/shared': [] },
    files: { 'node_modules/shared/package.json': esmPackage('shared'), 'node_modules/shared/index.js': 'export const settings = { isAdmin: () => false }\n' },
    rootAfter: "if (require('shared').settings.isAdmin() !== true) result.escaped = false",
  },
))
proveBlocked('replacing a method of a builtin another package re-exports', entry, esmAttack(
  "import { path } from 'shared'\npath.join = () => 'owned'\nexport const escaped = true\n",
  {
    resource: { packages: { shared: true } },
    packages: { 'node_modules/shared': [] },
    files: { 'node_modules/shared/package.json': esmPackage('shared'), 'node_modules/shared/index.js': "import path from 'node:path'\nexport { path }\n" },
    resources: { shared: { builtin: { 'node:path': true } } },
    rootAfter: "if (require('node:path').join('a') !== 'owned') result.escaped = false",
  },
))
