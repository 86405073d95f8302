'use strict'
// chalk pulls in five packages, debug depends on ms@2.0.0 while the app uses ms@2.1.3: one
// package at two versions, nested by npm and yarn, two store entries for pnpm.
const chalk = require('chalk')
const debug = require('debug')('layouts')
const ms = require('ms')
const { chunk } = require('lodash')

debug('starting')
console.log(chalk.red('red'), chalk.rgb(10, 20, 30).bold('rgb'), chalk.level)
console.log(ms('2 days'), ms(90061000, { long: true }))
console.log(JSON.stringify(chunk([1, 2, 3, 4, 5], 2)))
console.log(require('debug/package.json').version, require('ms/package.json').version)
