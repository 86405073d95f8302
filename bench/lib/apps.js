'use strict'
// The apps of the runtime section. `marked` and `lodash` are real packages, installed from
// their app's lockfile under bench/apps/; the others are generated on every run.

const path = require('node:path')

const { appsDir } = require('./paths')
const { installProject } = require('./install')
const { generatedApp, workTimedCall } = require('./generated-app')
const { hotLoopApps } = require('./hot-loops')

const TINY_PACKAGE_COUNT = 200
const JSON_ROUND_TRIPS = 50

function tinyPackageNames() {
  return Array.from({ length: TINY_PACKAGE_COUNT }, (_, i) => `tiny-${String(i).padStart(3, '0')}`)
}

function installedApp(name, title) {
  const dir = path.join(appsDir, name)
  installProject(dir)
  return { name, title, dir }
}

/** A dependency that builds 10,000 records and round-trips them through JSON. */
function jsonApp() {
  return {
    name: 'json',
    title: `JSON.stringify + JSON.parse of 10,000 records x${JSON_ROUND_TRIPS} in a dependency`,
    dir: generatedApp('json', workTimedCall(`require('json-round-trip')(${JSON_ROUND_TRIPS})`), {
      'json-round-trip': [
        'module.exports = function roundTrips(count) {',
        '  let records = Array.from({ length: 1e4 }, (_, i) => ({ id: i, name: `record ${i}`, tags: ["a", "b"], nested: { ok: i % 2 === 0 } }))',
        '  for (let i = 0; i < count; i++) records = JSON.parse(JSON.stringify(records))',
        '  return records.length',
        '}',
        '',
      ].join('\n'),
    }),
  }
}

function manyPackagesApp() {
  const tiny = tinyPackageNames()
  return {
    name: 'many-packages',
    title: `start, requiring ${TINY_PACKAGE_COUNT} tiny packages`,
    dir: generatedApp(
      'many-packages',
      `const loaded = [\n${tiny.map((pkg) => `  require('${pkg}'),`).join('\n')}\n]\nconsole.log(loaded.length)\n`,
      Object.fromEntries(tiny.map((pkg, i) => [pkg, `module.exports = { name: '${pkg}', index: ${i} }\n`]))
    ),
  }
}

/** The same start cost for ES modules: an ESM app importing 200 tiny ESM packages. */
function manyEsmPackagesApp() {
  const tiny = tinyPackageNames()
  const binding = (i) => `p${i}`
  return {
    name: 'many-esm-packages',
    esm: true,
    title: `start, importing ${TINY_PACKAGE_COUNT} tiny ES module packages`,
    dir: generatedApp(
      'many-esm-packages',
      `${tiny.map((pkg, i) => `import ${binding(i)} from '${pkg}'`).join('\n')}\nconsole.log([${tiny.map((_, i) => binding(i)).join(', ')}].length)\n`,
      Object.fromEntries(tiny.map((pkg, i) => [pkg, `export const name = '${pkg}'\nexport default { name, index: ${i} }\n`])),
      { esm: true }
    ),
  }
}

const WORKER_COUNT = 10

/**
 * What a worker thread's start costs: a dependency starts workers on a file of its own, one
 * after another, each posting back once (under lavamoat each worker locks its realm down and
 * loads the policy: confined-workers.js). Timed by the app's clock, start excluded.
 */
function workersApp() {
  return {
    name: 'workers',
    title: `start ${WORKER_COUNT} worker threads one after another, each running a file of a dependency`,
    dir: generatedApp(
      'workers',
      [
        'const started = process.hrtime.bigint()',
        `require('pool')(${WORKER_COUNT}).then((count) => {`,
        '  const workMs = Number(process.hrtime.bigint() - started) / 1e6',
        '  console.log(count)',
        '  console.log(`bench-work-ms: ${workMs}`)',
        '})',
        '',
      ].join('\n'),
      {
        pool: [
          "const { Worker } = require('worker_threads')",
          "const path = require('path')",
          'const once = () => new Promise((resolve) => {',
          "  const worker = new Worker(path.join(__dirname, 'task.js'))",
          "  worker.once('message', () => worker.terminate().then(resolve))",
          '})',
          'module.exports = async (count) => {',
          '  for (let i = 0; i < count; i++) await once()',
          '  return count',
          '}',
          '',
        ].join('\n'),
      },
      { extraFiles: { 'node_modules/pool/task.js': "require('worker_threads').parentPort.postMessage(1)\n" } }
    ),
  }
}

/** `[{ name, title, dir, entry, esm }]`, ready to run; `esm`: the app is ES modules. */
function runtimeApps() {
  return [
    ...hotLoopApps(),
    installedApp('marked', 'marked parses a document x20'),
    installedApp('lodash', 'lodash groupBy + sortBy over 100,000 objects x5'),
    jsonApp(),
    manyPackagesApp(),
    manyEsmPackagesApp(),
    workersApp(),
    { name: 'empty', title: 'empty app: fixed start cost', dir: generatedApp('empty', '') },
  ].map((app) => ({ entry: 'app.js', ...app }))
}

module.exports = { runtimeApps }
