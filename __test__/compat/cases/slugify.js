const slugify = require('slugify')
console.log(slugify('Some String ♥ with Ümlauts & stuff!'), slugify('A_B c', { lower: true, replacement: '_', strict: true }))
