'use strict'
const js = require('@eslint/js')
const globals = require('globals')

module.exports = [
  { ignores: ['build/**', 'dist/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest, ...globals.mocha } },
  },
  {
    files: ['src/index.js', '**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
]
