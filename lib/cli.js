#!/usr/bin/env node
'use strict'
// The `lavamoat` command: the reference's flags, aliases and defaults, parsed by yargs.

require('./compile-cache').enableCompileCache()

const path = require('node:path')
const yargs = require('yargs/yargs')
const { runLava, defaults } = require('..')

// --scuttleGlobalThis makes the real console and process unusable while the app runs; the
// error report must not depend on them.
const printError = console.error.bind(console)
const exit = process.exit.bind(process)

/** Flag name → yargs option. Names, aliases and defaults are those users already type. */
const options = {
  policy: {
    alias: ['p', 'policyPath'],
    type: 'string',
    default: defaults.policyPath,
    describe: 'Policy file to run with; with --autopolicy, where to write it',
  },
  policyOverride: {
    alias: ['o', 'override', 'policyOverridePath'],
    type: 'string',
    default: defaults.policyOverridePath,
    describe: 'Your hand-written changes to the policy; they always win over the generated policy',
  },
  policyDebug: {
    alias: ['pd', 'policydebug', 'policyDebugPath'],
    type: 'string',
    default: defaults.policyDebugPath,
    describe: 'Where --writeAutoPolicyDebug writes the policy with per-module details',
  },
  writeAutoPolicy: {
    alias: ['a', 'autopolicy'],
    type: 'boolean',
    default: false,
    describe: 'Analyse the app from the entry and write the policy file (merged with the override), then stop',
  },
  writeAutoPolicyAndRun: {
    alias: ['ar', 'autorun'],
    type: 'boolean',
    default: false,
    describe: 'Write the policy as --autopolicy does, then run the app with it',
  },
  writeAutoPolicyDebug: {
    alias: ['dp', 'debugpolicy'],
    type: 'boolean',
    default: false,
    describe: 'Also write the debug policy file (what each module uses, and why)',
  },
  projectRoot: {
    type: 'string',
    default: process.cwd(),
    describe: 'Directory whose package.json and node_modules define the packages',
  },
  debugMode: {
    alias: ['d', 'debug'],
    type: 'boolean',
    default: false,
    describe: 'Print where policies are looked up and more detail on errors (not for production)',
  },
  statsMode: {
    alias: ['stats'],
    type: 'boolean',
    default: false,
    describe: 'Time the initialisation of every module and write a flame-graph JSON file',
  },
  scuttleGlobalThis: {
    type: 'string',
    describe: 'Make the real globalThis unusable: true, or JSON {"enabled":true,"exceptions":[...]}',
  },
  scuttleGlobalThisExceptions: {
    type: 'array',
    deprecated: 'use --scuttleGlobalThis \'{"exceptions": [...]}\'',
    default: [],
    describe: 'Globals that --scuttleGlobalThis leaves alone',
  },
  diffPolicies: {
    type: 'string',
    nargs: 2,
    describe: 'Compare two policy files <old> <new>: print what the new one grants or takes away, run nothing',
  },
  json: {
    type: 'boolean',
    implies: 'diffPolicies',
    describe: 'With --diffPolicies: print the comparison as JSON',
  },
  failOnPowerful: {
    type: 'boolean',
    implies: 'diffPolicies',
    describe: 'With --diffPolicies: exit with code 2 when the new policy adds a powerful permission',
  },
}

function parseScuttle(value) {
  if (value === undefined) return defaults.scuttleGlobalThis
  if (value === '' || value === 'true') return { enabled: true }
  if (value === 'false') return { enabled: false }
  try {
    return JSON.parse(value)
  } catch (err) {
    throw new Error(`--scuttleGlobalThis takes true, false or a JSON object: ${err.message}`)
  }
}

function parseArgs(argv) {
  return yargs(argv)
    .scriptName('lavamoat')
    .usage('$0 <entryPath> [options] [-- app arguments]')
    .command('$0 [entryPath]', 'Run a Node.js app with each dependency isolated by its policy', (y) =>
      y.positional('entryPath', { type: 'string', describe: 'The entry file of your app, as for node' })
    )
    .options(options)
    .check((argv) => {
      // Only --diffPolicies runs without an entry; the message is the one yargs gives for `<entryPath>`.
      if (argv.entryPath === undefined && argv.diffPolicies === undefined) {
        throw new Error('Not enough non-option arguments: got 0, need at least 1')
      }
      return true
    })
    .coerce('scuttleGlobalThis', parseScuttle)
    .parserConfiguration({ 'populate--': true })
    .strictOptions()
    .fail((message, err) => {
      console.error(`lavamoat: ${message || err.message}`)
      console.error('See `lavamoat --help`. Arguments for your app go after "--".')
      process.exit(1)
    })
    .version(require('../package.json').version)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .parse()
}

/** The app sees the argv the reference gives it: `--` separates the app's own arguments. */
function appArgv(argv, parsed) {
  const afterDashes = parsed['--']
  if (afterDashes) return [process.argv[0], parsed.entryPath, ...afterDashes]
  return argv.slice(1)
}

function main() {
  const parsed = parseArgs(process.argv.slice(2))
  if (parsed.diffPolicies) return reviewPolicyChange(parsed)
  process.argv = appArgv(process.argv, parsed)
  runLava({
    entryPath: parsed.entryPath,
    projectRoot: parsed.projectRoot,
    policyPath: parsed.policy,
    policyOverridePath: parsed.policyOverride,
    policyDebugPath: parsed.policyDebug,
    writeAutoPolicy: parsed.writeAutoPolicy,
    writeAutoPolicyDebug: parsed.writeAutoPolicyDebug,
    writeAutoPolicyAndRun: parsed.writeAutoPolicyAndRun,
    debugMode: parsed.debugMode,
    statsMode: parsed.statsMode,
    scuttleGlobalThis: parsed.scuttleGlobalThis,
    scuttleGlobalThisExceptions: parsed.scuttleGlobalThisExceptions,
  }).catch(reportAndExit)
}

/** `--diffPolicies <old> <new>`: a review of a policy change, for people or (`--json`) for CI. */
function reviewPolicyChange(parsed) {
  const { comparePolicyFiles, formatPolicyDiff, usesColor } = require('./policy-diff')
  const [oldPath, newPath] = parsed.diffPolicies.map((file) => path.resolve(parsed.projectRoot, file))
  let diff
  try {
    diff = comparePolicyFiles(oldPath, newPath)
  } catch (err) {
    reportAndExit(err)
  }
  const output = parsed.json ? JSON.stringify(diff, null, 2) : formatPolicyDiff(diff, { color: usesColor(process.stdout) })
  if (output) console.log(output)
  if (parsed.failOnPowerful && diff.addsPowerful) {
    console.error('lavamoat: the new policy adds powerful permissions (--failOnPowerful)')
    process.exitCode = 2
  }
}

/** Configuration errors are stated plainly; anything thrown by the app keeps its stack. */
function reportAndExit(err) {
  const isConfigError = typeof err?.code === 'string' && /^LAVAMOAT_(POLICY|PACKAGE_JSON|OPTIONS|AUTOPOLICY|NATIVE|ENTRY|UNKNOWN_EXTENSION|UNKNOWN_PACKAGE_DIR)/.test(err.code)
  printError(isConfigError ? `lavamoat: ${err.message}` : err?.stack || err)
  exit(1)
}

main()
