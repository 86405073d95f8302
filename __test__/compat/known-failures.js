'use strict'
// The corpus cases that fail under our lavamoat, each with its cause and what its run prints
// to say so (README, "Known incompatibilities"). __test__/compat.test.js runs every one and
// checks that it still fails that way: a case that starts to pass, or fails otherwise, fails
// the test until this list and README say what is now true.

const knownFailures = {
  chai: {
    cause: "the `should` interface adds a property to Object.prototype, which lockdown froze",
    shows: /Cannot define property should, object is not extensible[\s\S]*LavaMoat: package "chai" wrote to a frozen object/,
  },
  sass: {
    cause: "dart2js's runtime adds to the frozen Object, then tags the constructors and prototypes of the objects it is handed, which are the shared realm's",
    shows: /LavaMoat: package "sass" wrote to a frozen object[\s\S]*LavaMoat: package "sass" runs in a realm of its own[\s\S]*Use "sass-embedded" instead/,
  },
  'import-fresh': {
    cause: 'it loads the module its caller names, a file of the app here, by a path computed at run time: its policy needs the grant the refusal names',
    shows: /package "import-fresh" requested "\$root\$"[\s\S]*Hint: to allow it, add "packages": \{"\$root\$": true\} to resources\["import-fresh"\]/,
  },
  sinon: {
    cause: "fake timers install on @sinonjs/fake-timers's own compartment global, not the app's; the app's Date is bound at load",
    shows: /non-existent timers and\/or objects cannot be faked: 'setTimeout'/,
  },
}

module.exports = { knownFailures }
