'use strict'
// `npm run bench -- [--runs N] [--only autopolicy|runtime|esm|tools] [--project small|medium|large] [--case <case>] [--peer <dir>]`

const path = require('node:path')
const { parseArgs } = require('node:util')

const SECTIONS = ['autopolicy', 'runtime', 'esm', 'tools']
const PROJECTS = ['small', 'medium', 'large']

function usageError(message) {
  console.error(`bench: ${message}`)
  console.error('usage: npm run bench -- [--runs N] [--only autopolicy|runtime|esm|tools] [--project small|medium|large] [--case <case>] [--peer <dir>]')
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
      },
    }))
  } catch (err) {
    usageError(err.message)
  }
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) usageError(`--runs must be a positive integer, got "${values.runs}"`)
  if (values.only && !SECTIONS.includes(values.only)) usageError(`--only must be one of ${SECTIONS.join(', ')}`)
  const projects = values.project ?? PROJECTS
  for (const name of projects) {
    if (!PROJECTS.includes(name)) usageError(`--project must be one of ${PROJECTS.join(', ')}, got "${name}"`)
  }
  return {
    runs,
    sections: values.only ? [values.only] : SECTIONS,
    projects,
    // Runtime, esm and tools cases by name (hot-loop, marked, execa, eslint, ...); all when absent.
    cases: values.case,
    // The directory of an @lavamoat/node built from source (README, "Benchmarks"); null: no peer column.
    peerDir: values.peer ? path.resolve(values.peer) : null,
  }
}

module.exports = { parseBenchArgs }
