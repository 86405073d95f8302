const figures = require('figures')
console.log(figures.tick, figures.cross, figures('✔ ok'), Object.keys(figures).length > 10)
