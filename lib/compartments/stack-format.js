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

/** file -> columns the module loader's header adds to its line 1 (module-source.js) */
const firstLineShifts = new Map()

function noteFirstLineShift(file, columns) {
  firstLineShifts.set(file, columns)
}

/** The frame as V8 writes it, at the column of the file rather than of the loaded source. */
function frameText(site) {
  const text = site.toString()
  // Loaded sources are evaluated code: their file is the `//# sourceURL` V8 reports here.
  const shift = firstLineShifts.get(site.getScriptNameOrSourceURL())
  if (shift === undefined || site.getLineNumber() !== 1) return text
  const column = site.getColumnNumber()
  const position = `:1:${column}`
  const at = text.lastIndexOf(position)
  if (at === -1 || column <= shift) return text
  return `${text.slice(0, at)}:1:${column - shift}${text.slice(at + position.length)}`
}

/** A prepareStackTrace producing V8's default stack string. */
function v8StackFormat(error, callSites) {
  let stack = header(error)
  for (const site of callSites) stack += `\n    at ${frameText(site)}`
  return stack
}

module.exports = { v8StackFormat, noteFirstLineShift }
