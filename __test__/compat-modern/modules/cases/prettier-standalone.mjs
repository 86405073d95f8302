import * as prettier from 'prettier/standalone'
import * as babel from 'prettier/plugins/babel'
import * as estree from 'prettier/plugins/estree'
import * as markdown from 'prettier/plugins/markdown'
console.log(await prettier.format('let x = [1,2,   3]', { parser: 'babel', plugins: [babel, estree] }))
console.log(await prettier.format('#  Title\n\n*  item', { parser: 'markdown', plugins: [markdown] }))
