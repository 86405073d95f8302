const pluralize = require('pluralize')
console.log(pluralize('test'), pluralize('person', 5, true), pluralize.singular('geese'), pluralize.isPlural('sheep'))
