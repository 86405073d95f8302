// Siblings of a module with top-level await: Node evaluates them in import order, the ones
// after the awaiting module only once its promise settles... or not: print what happens.
import { slow } from './support/tla-slow.mjs'
import { fast } from './support/tla-fast.mjs'
import { user } from './support/tla-uses-package.mjs'
import chalk from 'chalk'
console.log('entry', slow, fast, user, typeof chalk)
