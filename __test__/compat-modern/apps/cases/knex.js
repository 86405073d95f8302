// knex builds SQL for pg without a connection.
const knex = require('knex')({ client: 'pg' })
console.log(knex('users').select('id', 'name').where({ active: true }).andWhere('age', '>', 18).orderBy('name').limit(10).toString())
console.log(knex('orders').insert([{ user_id: 1, total: 9.5 }, { user_id: 2, total: 3 }]).returning('id').toString())
console.log(knex('users').update({ name: "O'Brien" }).where('id', 3).toString())
console.log(knex.schema.createTable('posts', (t) => { t.increments('id'); t.string('title', 100).notNullable(); t.jsonb('meta'); t.timestamps(true, true) }).toString())
const q = knex('a').join('b', 'a.id', 'b.a_id').whereIn('a.x', [1, 2, 3]).groupBy('a.x').count('* as n').toSQL().toNative()
console.log(q.sql, JSON.stringify(q.bindings))
knex.destroy().then(() => console.log('destroyed'))
