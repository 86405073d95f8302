'use strict'
// Stack strings in V8's own format, for every error of the process.
//
// Why: SES's stack formatter heads a stack with `${error}` ("[object Object]" for the plain
// object console.trace captures) and indents frames by two spaces. Node's inspect only
// recognises frames indented by four and otherwise prints an error in brackets, so
// `console.log(err)` did not print what Node prints. This is V8's default: the header as
// V8 writes it (Error.prototype.toString's rules, never an overridden toString), then
// "\n    at <frame>" per call site. SES still hands it only its safe call-site facets.

const { toString } = Error.prototype

function header(error) {
  try {
    return Reflect.apply(toString, error, [])
  } catch {
    return '<error>'
  }
}

/** file -> columns the module loader's header adds to its line 1 (module-source.js), for every
 * file it loads */
const firstLineShifts = new Map()

function noteFirstLineShift(file, columns) {
  firstLineShifts.set(file, columns)
}

/**
 * The name part of a frame of a loaded module as V8 writes it for code that is not
 * evaluated: modules are evaluated code here, and V8 names an anonymous function there
 * `eval` (`Object.eval`, `Timeout.eval [as _onTimeout]`, `eval (file:1:2)`) where Node
 * writes `Object.<anonymous>`, `Timeout._onTimeout` and a bare location.
 */
function asUnevaluated(text) {
  const method = /^((?:async )?(?:new )?[\w$.<>]*?\.)eval \[as ([^\]]+)\] \(/.exec(text)
  if (method) return `${method[1]}${method[2]} (${text.slice(method[0].length)}`
  const member = /^((?:async )?(?:new )?[\w$.<>]*?\.)eval \(/.exec(text)
  if (member) return `${member[1]}<anonymous> (${text.slice(member[0].length)}`
  const bare = /^(async )?eval \((.*)\)$/.exec(text)
  return bare ? `${bare[1] ?? ''}${bare[2]}` : text
}

/** The frame as V8 writes it for a file Node loads: the file's column, Node's names. */
function frameText(site) {
  const text = site.toString()
  // Loaded sources are evaluated code: their file is the `//# sourceURL` V8 reports here.
  const shift = firstLineShifts.get(site.getScriptNameOrSourceURL())
  if (shift === undefined) return text
  // V8 calls an anonymous function of evaluated code `eval`; strict code (all package code)
  // cannot declare a function of that name, only a method (`{ eval() {} }`).
  const isAnonymous = site.getFunctionName() === 'eval' && site.getMethodName() !== 'eval'
  const named = isAnonymous ? asUnevaluated(text) : text
  if (site.getLineNumber() !== 1) return named
  const column = site.getColumnNumber()
  const position = `:1:${column}`
  const at = named.lastIndexOf(position)
  if (at === -1 || column <= shift) return named
  return `${named.slice(0, at)}:1:${column - shift}${named.slice(at + position.length)}`
}

/** A prepareStackTrace producing V8's default stack string. */
function v8StackFormat(error, callSites) {
  let stack = header(error)
  for (const site of callSites) stack += `\n    at ${frameText(site)}`
  return stack
}

module.exports = { v8StackFormat, noteFirstLineShift }
