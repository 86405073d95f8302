'use strict'
// The options of the `lavamoat` command, as yargs takes them (lib/cli.js) and as the fast path
// for common invocations reads them (lib/cli/cli-fast-path.js).

const { defaults } = require('../..')

/** Flag name → yargs option. Names, aliases and defaults are those users already type. */
const options = {
  bin: {
    alias: ['b'],
    type: 'boolean',
    default: false,
    describe: 'The entry is a bin name: run that installed bin as npx would (`--bin eslint -- src/`)',
  },
  policy: {
    alias: ['p', 'policyPath'],
    type: 'string',
    default: defaults.policyPath,
    describe: 'Policy file to run with; with --autopolicy, where to write it',
  },
  policyOverride: {
    alias: ['o', 'override', 'policyOverridePath'],
    type: 'string',
    default: defaults.policyOverridePath,
    describe: 'Your hand-written changes to the policy; they always win over the generated policy',
  },
  policyDebug: {
    alias: ['pd', 'policydebug', 'policyDebugPath'],
    type: 'string',
    default: defaults.policyDebugPath,
    describe: 'Where --writeAutoPolicyDebug writes the policy with per-module details',
  },
  writeAutoPolicy: {
    alias: ['a', 'autopolicy'],
    type: 'boolean',
    default: false,
    describe: 'Analyse the app from the entry and write the policy file (merged with the override), then stop',
  },
  writeAutoPolicyAndRun: {
    alias: ['ar', 'autorun'],
    type: 'boolean',
    default: false,
    describe: 'Write the policy as --autopolicy does, then run the app with it',
  },
  learn: {
    type: 'boolean',
    default: true,
    describe: 'With --bin and --autopolicy: run the bin once (with the arguments after --) to learn what it loads by computed names; --no-learn skips it',
  },
  writeAutoPolicyDebug: {
    alias: ['dp', 'debugpolicy'],
    type: 'boolean',
    default: false,
    describe: 'Also write the debug policy file (what each module uses, and why)',
  },
  projectRoot: {
    type: 'string',
    default: process.cwd(),
    describe: 'Directory whose package.json and node_modules define the packages',
  },
  debugMode: {
    alias: ['d', 'debug'],
    type: 'boolean',
    default: false,
    describe: 'Print where policies are looked up and more detail on errors (not for production)',
  },
  statsMode: {
    alias: ['stats'],
    type: 'boolean',
    default: false,
    describe: 'Time the initialisation of every module and write a flame-graph JSON file',
  },
  scuttleGlobalThis: {
    type: 'string',
    describe: 'Make the real globalThis unusable: true, or JSON {"enabled":true,"exceptions":[...]}',
  },
  scuttleGlobalThisExceptions: {
    type: 'array',
    deprecated: 'use --scuttleGlobalThis \'{"exceptions": [...]}\'',
    default: [],
    describe: 'Globals that --scuttleGlobalThis leaves alone',
  },
  diffPolicies: {
    type: 'string',
    nargs: 2,
    describe: 'Compare two policy files <old> <new>: print what the new one grants or takes away, run nothing',
  },
  json: {
    type: 'boolean',
    implies: 'diffPolicies',
    describe: 'With --diffPolicies: print the comparison as JSON',
  },
  failOnPowerful: {
    type: 'boolean',
    implies: 'diffPolicies',
    describe: 'With --diffPolicies: exit with code 2 when the new policy adds a powerful permission',
  },
}

module.exports = { options }
