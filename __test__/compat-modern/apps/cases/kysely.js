// kysely compiles queries with a DummyDriver (no database).
const { Kysely, PostgresAdapter, DummyDriver, PostgresIntrospector, PostgresQueryCompiler, sql } = require('kysely')
const db = new Kysely({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (d) => new PostgresIntrospector(d), createQueryCompiler: () => new PostgresQueryCompiler() } })
const show = (q) => { const c = q.compile(); console.log(c.sql, JSON.stringify(c.parameters)) }
show(db.selectFrom('person').innerJoin('pet', 'pet.owner_id', 'person.id').select(['person.first_name', 'pet.name as pet']).where('person.age', '>', 18).orderBy('person.id').limit(5))
show(db.insertInto('person').values({ first_name: 'Jennifer', age: 30 }).returning('id'))
show(db.updateTable('person').set({ age: sql`age + 1` }).where('id', 'in', [1, 2]))
show(db.schema.createTable('toy').addColumn('id', 'serial', (c) => c.primaryKey()).addColumn('name', 'varchar(50)', (c) => c.notNull()))
db.selectFrom('person').selectAll().execute().then((rows) => console.log('dummy rows', rows.length))
