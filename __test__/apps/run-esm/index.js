import chalk from 'chalk'
import { customAlphabet } from 'nanoid'
import pLimit from 'p-limit'
import { format, addDays } from 'date-fns'
import { of, map, toArray, firstValueFrom } from 'rxjs'
import semver from 'semver'
import yargs from 'yargs/yargs'
import camelCase from 'camelcase'
import escapeStringRegexp from 'escape-string-regexp'
import { validate } from 'uuid'
import { z } from 'zod'
import { groupBy } from 'lodash-es'
import stripAnsi from 'strip-ansi'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'

const limit = pLimit(2)
const values = await Promise.all([1, 2, 3].map((n) => limit(async () => n * 2)))
const id = customAlphabet('a', 5)()
const date = format(addDays(new Date(2020, 0, 1), 3), 'yyyy-MM-dd')
const rx = await firstValueFrom(of(1, 2, 3).pipe(map((x) => x * 10), toArray()))
const argv = yargs(['--name', 'moat']).parse()
const schema = z.object({ n: z.number() })
const md = String(await unified().use(remarkParse).use(remarkStringify).process('# Hi\n\n*there*'))
console.log(stripAnsi(chalk.red('red')), id, values.join(), date, rx.join(), semver.gt('2.0.0', '1.0.0'), argv.name, camelCase('foo-bar'), escapeStringRegexp('a.b'), validate('x'), schema.parse({ n: 1 }).n, Object.keys(groupBy([1.2, 1.4, 2.1], Math.floor)).join(), JSON.stringify(md))
