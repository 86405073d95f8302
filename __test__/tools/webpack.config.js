'use strict'
const path = require('node:path')

module.exports = {
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.join(__dirname, 'build', 'webpack'), filename: 'bundle.js' },
  module: { rules: [{ test: /\.m?js$/, use: 'babel-loader' }] },
  // No cache between runs, no timings in the output.
  cache: false,
  stats: 'errors-warnings',
}
