'use strict'
// `--autopolicy`: the Rust core walks and analyses the app; this file reports and writes. For a
// bin, a learning run then adds what the tool loads by names no request spells.

const fs = require('node:fs')
const native = require('../native')
const { reportPolicyChanges } = require('./policy-diff')
const { paint } = require('../cli/colors')

/** Writes the policy from static analysis; returns the warnings it printed and the files it read. */
function writeAutoPolicy(opts) {
  const previous = readPreviousPolicy(opts.policyPath)
  sayOnStderr(`lavamoat: generating the policy from entry "${opts.entryPath}"...`)
  const generated = native.generatePolicy({
    entryPath: opts.entryPath,
    projectRoot: opts.projectRoot,
    policyOverridePath: opts.policyOverridePath,
    includeDebugInfo: Boolean(opts.writeAutoPolicyDebug),
    showProgress: Boolean(process.stderr.isTTY),
  })
  return { printedWarnings: writeGenerated(opts, generated, previous, new Set()), analysedFiles: generated.files }
}

function writeGenerated(opts, { policy, debug, warnings, notes, notesSummary }, previous, alreadyPrinted, say = sayOnStderr) {
  const printed = new Set(alreadyPrinted)
  // What needs no action is one line, unless --debugMode asks for each.
  const noteLines = opts.debugMode ? notes : notesSummary ? [notesSummary] : []
  const messages = [...warnings.map((text) => ({ text, kind: 'warning' })), ...noteLines.map((text) => ({ text, kind: 'note' }))]
  for (const { text, kind } of messages) {
    if (!printed.has(text)) say(text, kind)
    printed.add(text)
  }
  if (debug) {
    native.writePolicyFile(opts.policyDebugPath, debug, opts.policyOverridePath)
    say(`lavamoat: wrote the debug policy to "${opts.policyDebugPath}"`, 'info')
  }
  native.writePolicyFile(opts.policyPath, policy, opts.policyOverridePath)
  say(`lavamoat: wrote the policy to "${opts.policyPath}"`, 'info')
  if (previous) reportPolicyChanges(previous, policy, { isTTY: process.stderr.isTTY, write: say })
  return printed
}

const withNewline = (text) => (text.endsWith('\n') ? text : `${text}\n`)
const sayOnStderr = (text, kind = 'info') => process.stderr.write(withNewline(paint(text, kind)))
// After a tool's run, process.stderr may be anything the tool made of it (jest's exit helper
// replaces its `write` with a no-op): the learned policy's report goes to the descriptor.
const sayToStderr = (text, kind = 'info') => fs.writeSync(2, withNewline(paint(text, kind)))

/**
 * The learning run of a bin (lib/policy/learning-run.js): runs the tool once under the policy
 * just written and, when the process exits (tools end with `process.exit`), writes that policy
 * again with what the run learned. Resolves as the run does.
 */
function learnFromRun(opts, { printedWarnings, analysedFiles }) {
  const { createLearner } = require('./learning-run')
  let learner
  process.once('exit', () => {
    if (learner !== undefined) writeLearnedPolicy(opts, learner, printedWarnings)
  })
  sayOnStderr(`lavamoat: learning run: running ${opts.bin} once to learn what it loads at run time...`)
  return require('../compartments/kernel').run(opts, {
    learn: createLearner,
    analysedFiles,
    onLearner: (created) => {
      learner = created
    },
  })
}

function writeLearnedPolicy(opts, learner, printedWarnings) {
  try {
    const previous = readPreviousPolicy(opts.policyPath)
    const generated = learner.generate({ includeDebugInfo: Boolean(opts.writeAutoPolicyDebug) })
    const { learned, refused, override } = learner.summary()
    sayToStderr(
      learned.length
        ? `lavamoat: learning run: ${opts.bin} loaded, by names static analysis cannot see:\n${learned.join('\n')}`
        : `lavamoat: learning run: ${opts.bin} loaded nothing static analysis had not found`
    )
    if (refused.length) {
      sayToStderr(
        'lavamoat: learning run: refused, and not learnt (a builtin, a global or a package the dependency graph does ' +
          `not declare is only granted by analysis or by ${opts.policyOverridePath}):\n${refused.join('\n')}`
      )
      if (override !== undefined) {
        sayToStderr(`If you trust the tool with them, this in ${opts.policyOverridePath} allows what was refused:\n${override}`)
      }
    }
    writeGenerated(opts, generated, previous, printedWarnings, sayToStderr)
  } catch (err) {
    sayToStderr(`lavamoat: learning run: could not write the learned policy: ${err.message}`)
    process.exitCode = 1
  }
}

/**
 * The policy about to be replaced, to summarise what the rewrite changes; `null` when there is
 * none. A broken previous policy is exactly what regeneration repairs, so it never stops it.
 */
function readPreviousPolicy(policyPath) {
  try {
    return native.readPolicyFile(policyPath)
  } catch (err) {
    sayOnStderr(`lavamoat: the previous policy is unreadable, so no summary of changes: ${err.message}`, 'warning')
    return null
  }
}

module.exports = { writeAutoPolicy, learnFromRun }
