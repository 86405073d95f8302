'use strict'
// Which arguments are lavamoat's and which are the app's, decided before any option parsing:
//
//   lavamoat [lavamoat options] <entry> [app arguments] [-- app arguments]
//
// As with node, what follows the entry is the app's argv. lavamoat's own options are the
// exception: the reference documents `lavamoat app.js --autopolicy`, so an option lavamoat
// knows is still lavamoat's after the entry (and never also the app's). After `--` everything
// is the app's, unread. Before the entry an unknown option is an error; after it, it is the
// app's, unless it is one slip away from a lavamoat option (`app.js --autopolcy`): running the
// app without the intended option would go unnoticed, so that is an error too.
//
// The result is the same argument list normalised as `[lavamoat's..., '--', app's...]`, which
// both parsers (lib/cli/cli-fast-path.js and yargs) read the same way.

const { options } = require('./cli-options')
const { nearest } = require('./did-you-mean')

/** Options yargs adds itself; `-h` and `-v` are their short forms (as in most CLIs). */
const BUILT_IN = { help: { type: 'boolean', alias: ['h'] }, version: { type: 'boolean', alias: ['v'] } }

const kebab = (name) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** Every spelling yargs accepts → its option: names, aliases, kebab-case, `--no-` negations. */
function knownSpellings() {
  const spellings = new Map()
  for (const [name, option] of Object.entries({ ...options, ...BUILT_IN })) {
    for (const alias of [name, ...(option.alias ?? [])]) {
      const forms = new Set([alias, kebab(alias)])
      if (option.type === 'boolean') for (const form of [...forms]) forms.add(`no-${form}`)
      for (const form of forms) spellings.set(form.length === 1 ? `-${form}` : `--${form}`, option)
    }
  }
  return spellings
}

const spellings = knownSpellings()
/** The spellings suggestions are made from: one per name and alias, as the help lists them. */
const suggestable = [...Object.entries({ ...options, ...BUILT_IN })].flatMap(([name, option]) =>
  [name, ...(option.alias ?? [])].map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`)),
)

/** The option a flag token (`--policy=x`, `-ad`) stands for; for a group of short flags, its last. */
function optionOf(token) {
  const equals = token.indexOf('=')
  const spelling = equals === -1 ? token : token.slice(0, equals)
  const option = spellings.get(spelling)
  if (option !== undefined) return { option, inlineValue: equals !== -1 }
  // `-ab`: a group of one-letter flags, as yargs reads it (even `-pd`, which is not `--pd`).
  if (/^-[a-zA-Z]{2,}$/.test(spelling) && [...spelling.slice(1)].every((letter) => spellings.has(`-${letter}`))) {
    return { option: spellings.get(`-${spelling.at(-1)}`), inlineValue: false }
  }
  return undefined
}

const isFlag = (token) => token.startsWith('-') && token !== '-' && !/^-\d/.test(token)

/** How many of the tokens after `i` are the option's value, as yargs would take them. */
function valueCount(option, argv, i) {
  const next = argv[i + 1]
  if (option.nargs) return option.nargs
  if (option.type === 'boolean') return next === 'true' || next === 'false' ? 1 : 0
  if (option.type === 'array') {
    let count = 0
    while (i + 1 + count < argv.length && !isFlag(argv[i + 1 + count]) && argv[i + 1 + count] !== '--') count += 1
    return count
  }
  return next !== undefined && next !== '--' && !isFlag(next) ? 1 : 0
}

/**
 * Splits the command line.
 * @param {string[]} argv arguments after the script name
 * @returns {{ argv: string[], entry: string | undefined, appArgs: string[],
 *   unknown: Array<{ flag: string, suggestion?: string }>, asksHelpOrVersion: boolean }}
 *   `argv` normalised for the parsers; `unknown` each mistaken flag once, in order
 */
function splitArguments(argv) {
  const own = []
  const appArgs = []
  const unknown = new Map()
  let entry
  let asksHelpOrVersion = false
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]
    if (token === '--') {
      appArgs.push(...argv.slice(i + 1))
      break
    }
    if (!isFlag(token)) {
      if (entry === undefined) {
        entry = token
        own.push(token)
      } else {
        appArgs.push(token)
      }
      continue
    }
    const known = optionOf(token)
    if (known === undefined) {
      const flag = token.split('=')[0]
      if (entry === undefined) {
        if (!unknown.has(flag)) unknown.set(flag, { flag, suggestion: nearest(flag, suggestable)?.spelling })
        continue
      }
      // After the entry: the app's, unless it looks like a slip (see the top of this file).
      // Short and single-letter flags are left alone: too many are one edit from something.
      const slip = flag.startsWith('--') && flag.length >= 6 ? nearest(flag, suggestable.filter((s) => s.length >= 6), 1) : undefined
      if (slip !== undefined) {
        if (!unknown.has(flag)) unknown.set(flag, { flag, suggestion: slip.spelling })
      } else {
        appArgs.push(token)
      }
      continue
    }
    if (known.option === BUILT_IN.help || known.option === BUILT_IN.version) asksHelpOrVersion = true
    const count = known.inlineValue ? 0 : valueCount(known.option, argv, i)
    own.push(...argv.slice(i, i + 1 + count))
    i += count
  }
  const normalised = appArgs.length > 0 ? [...own, '--', ...appArgs] : own
  return { argv: normalised, entry, appArgs, unknown: [...unknown.values()], asksHelpOrVersion }
}

module.exports = { splitArguments }
