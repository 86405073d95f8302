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

/** A prepareStackTrace producing V8's default stack string. */
function v8StackFormat(error, callSites) {
  let stack = header(error)
  for (const site of callSites) stack += `\n    at ${site.toString()}`
  return stack
}

module.exports = { v8StackFormat }
