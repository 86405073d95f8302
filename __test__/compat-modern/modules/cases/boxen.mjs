import boxen from 'boxen'
console.log(boxen('hello\nworld', { padding: 1, borderStyle: 'double' }))
console.log(boxen('title', { title: 'T', margin: 0, borderStyle: 'round', textAlignment: 'center', width: 20 }))
