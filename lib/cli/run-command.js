#!/usr/bin/env node
'use strict'
// `lavamoat-run-command [lavamoat flags] -- <command> [arguments]`: the second bin of the
// reference, kept so that package.json scripts written for it work unchanged. It means
// `lavamoat --bin <command> [flags] -- [arguments]`, so it is turned into exactly that and
// handed to the `lavamoat` command's parser and runner: one meaning for every flag, one way of
// finding a bin. Its own part is the usage and the exit codes scripts may test (2: no
// command, 4: no such installed command), which are the reference's.

require('./compile-cache').enableCompileCache()

const path = require('node:path')
const { parseArgs, run, reportAndExit } = require('../cli')
const { resolveBin } = require('./bin')

const USAGE = 'Usage: lavamoat-run-command [lavamoat flags] -- <command> [arguments]'
const EXIT_USAGE = 2
const EXIT_NO_SUCH_COMMAND = 4

function usageError(message) {
  console.error(`lavamoat-run-command: ${message}`)
  console.error(USAGE)
  process.exit(EXIT_USAGE)
}

function main(argv) {
  const dashes = argv.indexOf('--')
  const flags = dashes === -1 ? argv : argv.slice(0, dashes)
  const [command, ...args] = dashes === -1 ? [] : argv.slice(dashes + 1)
  // Asked before a command is required, so that `lavamoat-run-command --help` answers.
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(
      `${USAGE}\n\nRuns the bin <command> installed in the project (node_modules/.bin) under its package's policy,\n` +
        'as `lavamoat --bin <command> [lavamoat flags] -- [arguments]` does. The flags are those of\n' +
        '`lavamoat --help`; with --autopolicy the command runs once to learn what it loads (--no-learn: it does not).',
    )
    return
  }
  if (flags.includes('--version')) {
    console.log(require('../../package.json').version)
    return
  }
  if (command === undefined || command === '') usageError('no command: put it after "--"')
  const parsed = parseArgs(['--bin', ...flags, command, '--', ...args])
  // Before "--" only flags are taken: a word there (the parser's entry, then) is a command
  // missing its "--" (or a typo) that would otherwise be dropped without a word.
  const commandArgs = parsed['--'] ?? []
  if (parsed.entryPath !== command || commandArgs.length !== args.length) {
    const stray = parsed.entryPath !== command ? parsed.entryPath : commandArgs[0]
    usageError(`unexpected ${JSON.stringify(String(stray))} before "--"`)
  }
  if (parsed.diffPolicies !== undefined) usageError('--diffPolicies runs no command: use `lavamoat --diffPolicies`')
  let binFile
  try {
    binFile = resolveBin(command, path.resolve(parsed.projectRoot))
  } catch (err) {
    reportAndExit(err, parsed, EXIT_NO_SUCH_COMMAND)
  }
  run(parsed, binFile)
}

main(process.argv.slice(2))
