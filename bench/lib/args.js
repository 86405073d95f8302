'use strict'
// `npm run bench -- [--runs N] [--only autopolicy|runtime|esm|tools|servers] [--project small|medium|large] [--case <case>] [--peer <dir>] [--seconds N] [--baseline <dir>]`
// `npm run bench -- --check [--runs N]`: CI's check of autopolicy against its floor (check.js)

const path = require('node:path')
const { parseArgs } = require('node:util')

const SECTIONS = ['autopolicy', 'runtime', 'esm', 'tools', 'servers']
const PROJECTS = ['small', 'medium', 'large']

function usageError(message) {
  console.error(`bench: ${message}`)
  console.error('usage: npm run bench -- [--runs N] [--only autopolicy|runtime|esm|tools|servers] [--project small|medium|large] [--case <case>] [--peer <dir>] [--seconds N] [--baseline <dir>]')
  console.error('       npm run bench -- --check [--runs N]')
  process.exit(2)
}

function parseBenchArgs(argv) {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string', default: '3' },
        only: { type: 'string' },
        project: { type: 'string', multiple: true },
        case: { type: 'string', multiple: true },
        peer: { type: 'string' },
        seconds: { type: 'string', default: '5' },
        baseline: { type: 'string' },
        check: { type: 'boolean', default: false },
      },
    }))
  } catch (err) {
    usageError(err.message)
  }
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) usageError(`--runs must be a positive integer, got "${values.runs}"`)
  if (values.only && !SECTIONS.includes(values.only)) usageError(`--only must be one of ${SECTIONS.join(', ')}`)
  const seconds = Number(values.seconds)
  if (!Number.isInteger(seconds) || seconds < 1) usageError(`--seconds must be a positive integer, got "${values.seconds}"`)
  const projects = values.project ?? PROJECTS
  for (const name of projects) {
    if (!PROJECTS.includes(name)) usageError(`--project must be one of ${PROJECTS.join(', ')}, got "${name}"`)
  }
  if (values.check && (values.only || values.project || values.case || values.peer || values.baseline)) {
    usageError('--check measures one row (autopolicy, large) and takes only --runs')
  }
  return {
    check: values.check,
    runs,
    sections: values.only ? [values.only] : SECTIONS,
    projects,
    // Runtime, esm and tools cases by name (hot-loop, marked, execa, eslint, ...); all when absent.
    cases: values.case,
    // How long the servers section loads each server per run (after a warm-up).
    seconds,
    // The directory of an @lavamoat/node built from source (docs/benchmarks.md); null: no peer column.
    peerDir: values.peer ? path.resolve(values.peer) : null,
    // Another checkout of this repository (its lib/ and built addon), measured as `baseline` by
    // the servers section: a change's before and after, side by side in one run.
    baselineDir: values.baseline ? path.resolve(values.baseline) : null,
  }
}

module.exports = { parseBenchArgs }
