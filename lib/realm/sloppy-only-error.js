'use strict'
// Every package runs as strict code: SES evaluates nothing else, neither module files nor
// what a package compiles with `Function` or `eval`. The sloppy-only construct real packages
// generate is the `with` statement (template engines: lodash, underscore, ejs); code failing
// on one is compiled again with them rewritten into strict code (compileRewritingWith in
// lib/modules/module-source.js, src/transform/sloppy_with.rs). What the rewrite cannot take (a
// `for (var a = 1 in o)` initializer in the body, code V8 does not compile) still fails, and
// V8's "Strict mode code may not include a with statement" names neither the package nor a
// way out: the error is rethrown saying both.

const WITH_IN_STRICT_CODE = 'Strict mode code may not include a with statement'

/** Whether `err` is V8's SyntaxError for a `with` statement in strict code. */
function isWithInStrictCode(err) {
  return typeof err === 'object' && err !== null && err.name === 'SyntaxError' && err.message === WITH_IN_STRICT_CODE
}

/**
 * The error to throw for `err`, raised while compiling code of package `packageName`.
 * @param {unknown} err
 * @param {string} packageName
 * @param {string} compiled what was compiled, for the message ("code it passed to Function")
 * @param {Function} SyntaxErrorOfRealm the package realm's SyntaxError
 */
function explainSloppyOnly(err, packageName, compiled, SyntaxErrorOfRealm) {
  if (!isWithInStrictCode(err)) return err
  return new SyntaxErrorOfRealm(
    `LavaMoat - package "${packageName}": ${compiled} has a \`with\` statement that LavaMoat could not ` +
      'rewrite into strict code, and LavaMoat (SES) runs all code strict. Have the package generate ' +
      'strict code (ejs: the `strict: true` option, or `_with: false`), or replace the package.',
    { cause: err },
  )
}

module.exports = { explainSloppyOnly, isWithInStrictCode }
