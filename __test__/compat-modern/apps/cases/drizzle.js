// drizzle-orm's pg-core builds SQL without a connection (toSQL()).
const { pgTable, serial, text, integer, boolean, timestamp } = require('drizzle-orm/pg-core')
const { drizzle } = require('drizzle-orm/node-postgres')
const { eq, and, gt, desc, sql, inArray } = require('drizzle-orm')

const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull(), age: integer('age'), active: boolean('active').default(true), createdAt: timestamp('created_at').defaultNow() })
const posts = pgTable('posts', { id: serial('id').primaryKey(), userId: integer('user_id').references(() => users.id), title: text('title') })
const db = drizzle.mock ? drizzle.mock() : drizzle({ connection: 'postgres://u:p@127.0.0.1:1/db' })
const show = (q) => { const { sql: s, params } = q.toSQL(); console.log(s, JSON.stringify(params)) }
show(db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.active, true), gt(users.age, 18))).orderBy(desc(users.name)).limit(3))
show(db.select().from(posts).leftJoin(users, eq(posts.userId, users.id)).where(inArray(posts.id, [1, 2])))
show(db.insert(users).values({ name: 'Ann', age: 40 }).returning({ id: users.id }))
show(db.update(users).set({ age: sql`${users.age} + 1` }).where(eq(users.id, 7)))
show(db.delete(posts).where(eq(posts.title, "x'y")))
