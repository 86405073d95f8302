import { z } from 'zod'
import chalk from 'chalk'
type Config = { port: number; host: string }
const Schema = z.object({ port: z.number(), host: z.string() })
const config: Config = Schema.parse({ port: 8080, host: 'localhost' })
console.log(JSON.stringify(config), typeof chalk.red)
