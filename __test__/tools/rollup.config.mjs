import { nodeResolve } from '@rollup/plugin-node-resolve'

export default {
  input: 'src/index.js',
  output: { file: 'build/rollup/bundle.js', format: 'cjs' },
  plugins: [nodeResolve()],
}
