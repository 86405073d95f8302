'use strict'
// The tools that do not run under our lavamoat yet (issue 21), each with the stage it fails
// at, its cause and what that run prints. __test__/dev-tools.test.js checks that every other
// tool passes and that each of these still fails that way: a tool that starts to pass, or
// fails otherwise, fails the test until this list says what is now true.
// Same on Node 20 and 24. `stage` is where the first error is: the autopolicy run or the run
// with the policy it wrote.

const knownFailures = {
  sass: {
    stage: 'run',
    cause: "dart2js's runtime tags the shared, frozen Object (process.release's constructor) from its own realm: no policy can allow that write; sass-embedded runs",
    shows: /package "sass" runs in a realm of its own[\s\S]*could not define/,
  },
}

module.exports = { knownFailures }
