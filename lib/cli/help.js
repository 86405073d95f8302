'use strict'
// `lavamoat --help`. Written here rather than by yargs: yargs puts an option's spellings and
// its description side by side, and the long alias lists (`--policyOverride, -o, --override,
// --policyOverridePath`) ran into the description column. Here each option's spellings get a
// line and its description the lines below, so nothing shares a column; and the text can say
// which arguments are lavamoat's and which the app's, with examples.

const { options } = require('./cli-options')

const USAGE = [
  'Usage: lavamoat <entry> [options] [-- app args]',
  '       lavamoat --bin <name> [options] [-- app args]',
  '       lavamoat --diffPolicies <old.json> <new.json> [--json] [--failOnPowerful]',
]

const ARGUMENTS_RULE =
  "lavamoat's options go before the entry. Everything after the entry is the app's argv, as with " +
  'node (`lavamoat app.js --port 8080` gives the app `--port 8080`). For compatibility, an option ' +
  'lavamoat knows is still read as lavamoat\'s after the entry (`lavamoat app.js --autopolicy`); to ' +
  'hand such an option to the app, put it after `--`. The entry may be a directory: its package.json ' +
  '"main" runs, else its index.js, as with `node .`.'

const EXAMPLES = [
  ['lavamoat app.js --autopolicy', 'write lavamoat/node/policy.json from what app.js uses'],
  ['lavamoat app.js', 'run app.js under that policy'],
  ['lavamoat app.js serve --port 8080', 'run it with `serve --port 8080` as its arguments'],
  ['lavamoat --bin eslint --autopolicy -- src/', 'write lavamoat/node/bin/eslint/policy.json: analyse the bin, then run it once to learn its config and plugins'],
  ['lavamoat --bin eslint -- src/ --fix', 'run that bin under it with `src/ --fix`'],
  ['lavamoat --diffPolicies old.json lavamoat/node/policy.json', 'review what a policy change grants'],
]

/**
 * `text` cut at spaces into lines of at most `width` characters after `indent`; each of
 * `units` (`[default: "a b"]`) stays whole on one line.
 */
function wrap(text, width, indent, units = []) {
  const lines = []
  let line = ''
  for (const word of [...text.split(/\s+/), ...units]) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(indent + line)
  return lines
}

function spellingsOf(name, option) {
  const aliases = option.alias ?? []
  const short = aliases.filter((alias) => alias.length === 1).map((alias) => `-${alias}`)
  const long = [name, ...aliases.filter((alias) => alias.length > 1)].map((alias) => `--${alias}`)
  const value = option.nargs === 2 ? ' <old> <new>' : option.type === 'string' ? ' <value>' : option.type === 'array' ? ' <names...>' : ''
  return [...short, ...long].join(', ') + value
}

function facts(option) {
  const parts = [`[${option.type}]`]
  if (option.deprecated) parts.unshift(`[deprecated: ${option.deprecated}]`)
  if (option.default !== undefined) parts.push(`[default: ${JSON.stringify(option.default)}]`)
  return parts
}

/** The help text for a terminal `columns` wide (at most 100, for reading). */
function helpText(columns = 100) {
  const width = Math.max(60, Math.min(100, columns || 100))
  const out = [...USAGE, '', ...wrap('Run a Node.js app with each of its dependencies confined by a policy.', width, ''), '']
  out.push('Arguments:', ...wrap(ARGUMENTS_RULE, width, '  '), '', 'Options:')
  const all = {
    ...options,
    help: { alias: ['h'], type: 'boolean', describe: 'Show this help' },
    version: { alias: ['v'], type: 'boolean', describe: 'Show the version number' },
  }
  for (const [name, option] of Object.entries(all)) {
    out.push(`  ${spellingsOf(name, option)}`, ...wrap(option.describe, width, '      ', facts(option)))
  }
  out.push('', 'Examples:')
  for (const [command, what] of EXAMPLES) out.push(`  ${command}`, ...wrap(what, width, '      '))
  out.push('', 'Relative paths are relative to --projectRoot.')
  return out.join('\n')
}

module.exports = { helpText, USAGE }
