'use strict'
// Sample cases that fail under our lavamoat today, each with its cause (the first line of the
// error): __test__/compat.test.js runs them as todo tests. Remove an entry once its case passes.

const knownFailures = {
  lodash: 'SyntaxError: Strict mode code may not include a with statement (_.template compiles a `with` block)',
  marked: 'an HTML comment `<!-- -->` in the source is rewritten to `< ! -- -- >` (the SES HTML-comment rewrite)',
}

module.exports = { knownFailures }
