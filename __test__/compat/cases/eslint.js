const { Linter } = require('eslint')
const linter = new Linter()
const messages = linter.verify('var foo = 1\nfunction f() { return undefinedVar }\n', {
  rules: { 'no-unused-vars': 'error', 'no-undef': 'error', semi: ['error', 'always'] },
  parserOptions: { ecmaVersion: 2020 },
})
console.log(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`).join('\n'))
console.log(linter.verifyAndFix('var a = 1', { rules: { semi: 'error' } }).output)
