'use strict'
// Speed: loading yargs is about 35 ms of a 150 ms start. Most invocations are an entry file and
// a few plain flags (`lavamoat app.js --autopolicy`); those are read here, with the same result
// yargs gives. Anything else (help, version, mistakes, negations, kebab-case spellings,
// repeated or grouped flags, --diffPolicies, --scuttleGlobalThis) goes to yargs, which stays
// the authority: __test__/cli-fast-path.test.js compares both on many argument lists. Both
// read the command line as lib/cli/arguments.js normalised it (the app's arguments after `--`).

const { options } = require('./cli-options')

// Options with a plain string or boolean value; the others need yargs (arrays, nargs, implies,
// and the coercion of --scuttleGlobalThis).
const PLAIN_TYPES = new Set(['string', 'boolean'])
const EXCLUDED = new Set(['scuttleGlobalThis'])

/** Long (`--name`) and one-letter (`-x`) spellings of the plain options → canonical name. */
const spellings = new Map()
for (const [name, option] of Object.entries(options)) {
  if (EXCLUDED.has(name) || !PLAIN_TYPES.has(option.type) || option.nargs || option.implies) continue
  for (const spelling of [name, ...(option.alias ?? [])]) {
    // yargs reads multi-letter single-dash spellings (`-pd`) as groups of short flags.
    spellings.set(spelling.length === 1 ? `-${spelling}` : `--${spelling}`, name)
  }
}

/**
 * The parsed arguments when `argv` is a common invocation, else undefined.
 * @param {string[]} argv arguments after the script name
 */
function parseCommonInvocation(argv) {
  const values = new Map()
  let entryPath
  let afterDashes
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]
    if (token === '--') {
      afterDashes = argv.slice(i + 1)
      break
    }
    if (!token.startsWith('-')) {
      if (entryPath !== undefined) return undefined
      entryPath = token
      continue
    }
    const equals = token.indexOf('=')
    const spelling = equals === -1 ? token : token.slice(0, equals)
    const name = spellings.get(spelling)
    // Repeated options become arrays in yargs.
    if (name === undefined || values.has(name)) return undefined
    if (options[name].type === 'boolean') {
      // `--flag true|false` and `--flag=value` give the flag that value in yargs.
      if (equals !== -1 || argv[i + 1] === 'true' || argv[i + 1] === 'false') return undefined
      values.set(name, true)
      continue
    }
    const value = equals === -1 ? argv[(i += 1)] : token.slice(equals + 1)
    if (value === undefined || value === '' || value.startsWith('-')) return undefined
    values.set(name, value)
  }
  if (entryPath === undefined) return undefined
  const parsed = { entryPath }
  for (const [name, option] of Object.entries(options)) {
    parsed[name] = values.has(name) ? values.get(name) : option.default
  }
  // yargs records what follows `--` only when something does.
  if (afterDashes !== undefined && afterDashes.length > 0) parsed['--'] = afterDashes
  return parsed
}

module.exports = { parseCommonInvocation }
