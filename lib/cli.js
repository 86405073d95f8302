#!/usr/bin/env node
'use strict'
// The `lavamoat` command: the reference's flags, aliases and defaults, parsed by yargs (common
// invocations by lib/cli/cli-fast-path.js, which gives the same result sooner).

require('./cli/compile-cache').enableCompileCache()

const fs = require('node:fs')
const path = require('node:path')
const { runLava, defaults } = require('..')
const { options } = require('./cli/cli-options')
const { parseCommonInvocation } = require('./cli/cli-fast-path')
const { splitArguments } = require('./cli/arguments')
const { helpText, USAGE } = require('./cli/help')
const { resolveBin } = require('./cli/bin')
const { resolveEntry } = require('./cli/entry-path')
const { missingPolicyError, policyMissingFor } = require('./cli/missing-policy')
const { formatError, packageOfFirstFrame } = require('./cli/error-report')

// --scuttleGlobalThis makes the real console and process unusable while the app runs; the
// error report must not depend on them.
const { paint } = require('./cli/colors')

const printError = (message) => console.error(paint(message, 'error'))
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

/**
 * The parsed command line; `parsed['--']` holds the app's arguments (see lib/cli/arguments.js
 * for which those are). Mistakes are reported here and end the process.
 */
function parseArgs(argv) {
  const split = splitArguments(argv)
  if (split.unknown.length > 0) usageError(split.unknown.map(describeUnknown))
  if (split.entry === undefined && !split.asksHelpOrVersion && !split.argv.some(isDiffPolicies)) {
    usageError([], [...USAGE, 'See `lavamoat --help` for the options and examples.'])
  }
  return parseCommonInvocation(split.argv) ?? parseWithYargs(split.argv)
}

const isDiffPolicies = (token) => /^--diff-?policies(=|$)/i.test(token)

function describeUnknown({ flag, suggestion }) {
  return `unknown option ${flag}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`
}

/** Ends the process (code 1) after `lines`, with the usage or the pointer to --help. */
function usageError(lines, footer = ['See `lavamoat --help`. Arguments after the entry, or after "--", are the app\'s.']) {
  for (const line of lines) console.error(`lavamoat: ${line}`)
  for (const line of footer) console.error(line)
  process.exit(1)
}

function parseWithYargs(argv) {
  const yargs = require('yargs/yargs')
  return yargs(argv)
    .scriptName('lavamoat')
    .command('$0 [entryPath]', 'Run a Node.js app with each dependency isolated by its policy', (y) =>
      y.positional('entryPath', { type: 'string', describe: 'The entry file of your app, as for node (with --bin: a bin name)' })
    )
    .options(options)
    .check((argv) => {
      // Only --diffPolicies runs without an entry (parseArgs says so first, with the usage).
      if (argv.entryPath === undefined && argv.diffPolicies === undefined && !argv.help) throw new Error(USAGE.join('\n'))
      return true
    })
    .coerce('scuttleGlobalThis', parseScuttle)
    .parserConfiguration({ 'populate--': true })
    .strictOptions()
    .fail((message, err) => usageError([message || err.message]))
    .version(require('../package.json').version)
    .alias('version', 'v')
    // The help text is lib/cli/help.js's (yargs' own ran its columns together).
    .help(false)
    .option('help', { alias: 'h', type: 'boolean' })
    .parse()
}

/**
 * The app's argv, as node gives a script: `[node, entry, ...arguments]`, where the entry is as
 * typed, or for a bin (`binFile`) the file it resolved to.
 */
function appArgv(argv, parsed, binFile) {
  return [argv[0], binFile ?? parsed.entryPath, ...(parsed['--'] ?? [])]
}

function main() {
  const parsed = parseArgs(process.argv.slice(2))
  if (parsed.help) return console.log(helpText(process.stdout.columns))
  if (parsed.diffPolicies) return reviewPolicyChange(parsed)
  const projectRoot = path.resolve(parsed.projectRoot)
  // The bin is resolved here rather than by runLava's `bin` option: its file is the app's argv[1].
  let entryFile
  try {
    entryFile = parsed.bin ? resolveBin(parsed.entryPath, projectRoot) : resolveEntry(parsed.entryPath, projectRoot)
    refuseMissingExplicitPolicy(parsed, projectRoot)
  } catch (err) {
    reportAndExit(err, parsed)
  }
  run(parsed, entryFile)
}

/**
 * Runs (or writes the policy of) the parsed invocation; `entryFile` is the resolved entry (with
 * `--bin`, the bin's file).
 */
function run(parsed, entryFile) {
  process.argv = appArgv(process.argv, parsed, parsed.bin ? entryFile : undefined)
  runLava({
    entryPath: parsed.bin ? undefined : entryFile,
    bin: parsed.bin ? parsed.entryPath : undefined,
    learn: parsed.learn,
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
  }).catch((err) => reportAndExit(err, parsed))
}

/**
 * `--policy <file>` names a file to run with: when it does not exist that is a mistake (a typo,
 * a wrong directory), said before anything runs. The default file may be missing: the app may
 * need no policy (see lib/cli/missing-policy.js).
 */
function refuseMissingExplicitPolicy(parsed, projectRoot) {
  const writes = parsed.writeAutoPolicy || parsed.writeAutoPolicyDebug || parsed.writeAutoPolicyAndRun
  if (writes || parsed.policy === defaults.policyPath) return
  const policyPath = path.resolve(projectRoot, parsed.policy)
  if (!fs.existsSync(policyPath)) throw missingPolicyError({ policyPath, command: autopolicyCommand(parsed) })
}

/** This command line as the one that writes the policy it runs with. */
function autopolicyCommand(parsed) {
  const quote = (arg) => (/^[\w./@:=+-]+$/.test(arg) ? arg : JSON.stringify(arg))
  const words = ['lavamoat', ...(parsed.bin ? ['--bin'] : []), quote(parsed.entryPath), '--autopolicy']
  if (parsed.policy !== defaults.policyPath) words.push('--policy', quote(parsed.policy))
  if (parsed.policyOverride !== defaults.policyOverridePath) words.push('--policyOverride', quote(parsed.policyOverride))
  return words.join(' ')
}

/** `--diffPolicies <old> <new>`: a review of a policy change, for people or (`--json`) for CI. */
function reviewPolicyChange(parsed) {
  const { comparePolicyFiles, formatPolicyDiff, usesColor } = require('./policy/policy-diff')
  const [oldPath, newPath] = parsed.diffPolicies.map((file) => path.resolve(parsed.projectRoot, file))
  // comparePolicyFiles (the API) reads a missing file as the empty policy; on the command line
  // a missing file is a typo, and reviewing it as "everything added/removed" would mislead.
  for (const file of [oldPath, newPath]) {
    const problem = unreadable(file)
    if (problem) {
      printError(`lavamoat: cannot read the policy file ${file}: ${problem}`)
      return exit(2)
    }
  }
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

/** Why `file` cannot be read as a policy, or undefined when it can. */
function unreadable(file) {
  try {
    if (!fs.statSync(file).isFile()) return 'not a file'
    fs.accessSync(file, fs.constants.R_OK)
    return undefined
  } catch (err) {
    return err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.message
  }
}

/** `code` is the exit code: 1 unless the command (lavamoat-run-command) has its own. */
function reportAndExit(err, parsed, code = 1) {
  // The kernel knows the file it looked for; the command that writes it is this CLI's.
  if (err?.code === 'LAVAMOAT_POLICY_MISSING' && parsed?.entryPath !== undefined && err.command === undefined) {
    err = missingPolicyError({ policyPath: err.policyPath, refused: err.refused, command: autopolicyCommand(parsed) })
  }
  printError(formatError(err, { debugMode: parsed?.debugMode ?? false }))
  // A package's error in a run without a policy file is most likely the empty policy's doing.
  const missingPolicy = policyMissingFor(err)
  if (missingPolicy !== undefined && parsed?.entryPath !== undefined && packageOfFirstFrame(String(err?.stack)) !== undefined) {
    printError(
      `lavamoat: there is no policy file at ${missingPolicy}, so every package ran with no permissions ` +
        `(a global not granted is undefined), which may be what failed.\nWrite it with \`${autopolicyCommand(parsed)}\`, review it, then run again.`,
    )
  }
  exit(code)
}

if (require.main === module) main()

module.exports = { parseArgs, parseWithYargs, appArgv, run, reportAndExit }
