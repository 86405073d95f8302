'use strict'
// The fixed sample `npm test` runs (__test__/compat.test.js) and `run.js --sample` runs: one or
// two quick cases from each category of the corpus, so that a few minutes cover its breadth.

const sample = [
  'lodash', 'async', 'bluebird', 'rxjs',
  'commander', 'yargs', 'chalk', 'cli-table3',
  'fs-extra', 'glob', 'tar',
  'express', 'koa', 'axios', 'superagent', 'ws',
  'js-yaml', 'handlebars', 'ejs', 'marked',
  'ajv', 'zod',
  'dayjs', 'moment',
  'uuid', 'jsonwebtoken',
  'immutable', 'debug', 'winston',
  'reflect-metadata', 'setimmediate', 'jsdom',
]

module.exports = { sample }
