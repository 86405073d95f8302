#!/usr/bin/env node
'use strict'
// The `lavamoat` command: the reference's flags, aliases and defaults, parsed by yargs (common
// invocations by lib/cli/cli-fast-path.js, which gives the same result sooner).

require('./cli/compile-cache').enableCompileCache()

const path = require('node:path')
const { runLava, defaults } = require('..')
const { options } = require('./cli/cli-options')
const { parseCommonInvocation } = require('./cli/cli-fast-path')
const { resolveBin } = require('./cli/bin')
const { formatError } = require('./cli/error-report')

// --scuttleGlobalThis makes the real console and process unusable while the app runs; the
// error report must not depend on them.
const printError = console.error.bind(console)
const exit = process.exit.bind(process)

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
  return parseCommonInvocation(argv) ?? parseWithYargs(argv)
}

function parseWithYargs(argv) {
  const yargs = require('yargs/yargs')
  return yargs(argv)
    .scriptName('lavamoat')
    .usage('$0 <entryPath> [options] [-- app arguments]\n$0 --bin <name> [options] [-- arguments]')
    .command('$0 [entryPath]', 'Run a Node.js app with each dependency isolated by its policy', (y) =>
      y.positional('entryPath', { type: 'string', describe: 'The entry file of your app, as for node (with --bin: a bin name)' })
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

/**
 * The app sees the argv the reference gives it: `--` separates the app's own arguments. A bin
 * (`binFile`, resolved) sees what node gives a script it runs: `[node, file, ...arguments]`.
 */
function appArgv(argv, parsed, binFile) {
  const afterDashes = parsed['--']
  if (binFile !== undefined) return [argv[0], binFile, ...(afterDashes ?? [])]
  if (afterDashes) return [argv[0], parsed.entryPath, ...afterDashes]
  return argv.slice(1)
}

function main() {
  const parsed = parseArgs(process.argv.slice(2))
  if (parsed.diffPolicies) return reviewPolicyChange(parsed)
  // The bin is resolved here rather than by runLava's `bin` option: its file is the app's argv[1].
  let binFile
  try {
    if (parsed.bin) binFile = resolveBin(parsed.entryPath, path.resolve(parsed.projectRoot))
  } catch (err) {
    reportAndExit(err)
  }
  run(parsed, binFile)
}

/** Runs (or writes the policy of) the parsed invocation; `binFile` is the resolved `--bin`. */
function run(parsed, binFile) {
  process.argv = appArgv(process.argv, parsed, binFile)
  runLava({
    entryPath: binFile ?? parsed.entryPath,
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
  }).catch((err) => reportAndExit(err, parsed.debugMode))
}

/** `--diffPolicies <old> <new>`: a review of a policy change, for people or (`--json`) for CI. */
function reviewPolicyChange(parsed) {
  const { comparePolicyFiles, formatPolicyDiff, usesColor } = require('./policy/policy-diff')
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

function reportAndExit(err, debugMode = false, code = 1) {
  printError(formatError(err, { debugMode }))
  exit(code)
}

if (require.main === module) main()

module.exports = { parseArgs, parseWithYargs, appArgv, run, reportAndExit }
