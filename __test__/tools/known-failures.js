'use strict'
// The tools that do not run under our lavamoat yet (issue 21), each with the stage it fails
// at, its cause and what that run prints. __test__/dev-tools.test.js checks that every other
// tool passes and that each of these still fails that way: a tool that starts to pass, or
// fails otherwise, fails the test until this list says what is now true.
// Same on Node 20 and 24. `stage` is where the first error is: the autopolicy run or the run
// with the policy it wrote.

const knownFailures = {
  eslint: {
    stage: 'run',
    cause: 'eslint imports the project\'s eslint.config.js, a module of $root$ the static policy does not let eslint reach',
    shows: /required package not in allowlist: package "eslint" requested "\$root\$" as ".*eslint\.config\.js"/,
  },
  prettier: {
    stage: 'run',
    cause: 'bin/prettier.cjs imports its CLI through `new Function("module", "return import(module)")`, whose import() is no function under lavamoat',
    shows: /TypeError: __import__ is not a function/,
  },
  jest: {
    stage: 'run',
    cause: "import-local requires its caller's package.json (jest's) by absolute path, to look for a local install of it: not in its policy",
    shows: /package "jest>import-local" requested "jest" as ".*jest\/package\.json"/,
  },
  mocha: {
    stage: 'run',
    cause: 'mocha loads the spec files named in .mocharc.json, modules of $root$ the static policy does not let mocha reach',
    shows: /package "mocha" requested "\$root\$" as ".*test\/math\.spec\.js"/,
  },
  rollup: {
    stage: 'run',
    cause: 'rollup requires its native parser by a computed name (@rollup/rollup-<platform>-<arch>), not in its policy',
    shows: /Cannot find module @rollup\/rollup-/,
  },
  webpack: {
    stage: 'run',
    cause: "webpack's bin requires webpack-cli/package.json, an optional peer dependency of webpack's: not in its policy",
    shows: /package "webpack" requested "webpack-cli" as "webpack-cli\/package\.json"/,
  },
  babel: {
    stage: 'run',
    cause: '@babel/core requires the presets named in babel.config.json, packages its policy does not give it',
    shows: /package "@babel\/core" requested "@babel\/preset-env"/,
  },
  sass: {
    stage: 'run',
    cause: "dart2js's runtime writes globals no policy may grant (as the compat corpus's sass case) and then rejects with a non-Error",
    shows: /ignoring write attempt to read-access global "process"[\s\S]*ERR_UNHANDLED_REJECTION/,
  },
  'ts-node': {
    stage: 'run',
    cause: 'ts-node requires node:repl, which loads node:domain, which defines process.domain: not configurable under lavamoat',
    shows: /TypeError: Cannot redefine property: domain/,
  },
  vitest: {
    stage: 'run',
    cause: "rolldown (vite 8's bundler, an ES module) requires fs through createRequire(import.meta.url), which gives undefined under lavamoat",
    shows: /Cannot destructure property 'readFileSync' of '__require\(\.\.\.\)\(\.\.\.\)' as it is undefined/,
  },
}

module.exports = { knownFailures }
