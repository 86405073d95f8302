const kleur = require('kleur')
kleur.enabled = true
console.log(JSON.stringify(kleur.red().bold('x')), JSON.stringify(kleur.green('g')))
kleur.enabled = false
console.log(kleur.blue('plain'))
