// typeorm entity metadata offline: EntitySchema entities built into a DataSource's metadata
// without initializing a connection, and the SQL its query builder writes for postgres.
const { DataSource, EntitySchema } = require('typeorm')

const User = new EntitySchema({ name: 'User', tableName: 'users', columns: { id: { type: Number, primary: true, generated: true }, name: { type: String }, age: { type: Number, nullable: true } }, relations: { posts: { type: 'one-to-many', target: 'Post', inverseSide: 'author' } } })
const Post = new EntitySchema({ name: 'Post', columns: { id: { type: Number, primary: true, generated: true }, title: { type: String } }, relations: { author: { type: 'many-to-one', target: 'User', joinColumn: true } } })

async function main() {
  const ds = new DataSource({ type: 'postgres', entities: [User, Post] })
  await ds.buildMetadatas()
  for (const meta of ds.entityMetadatas) {
    console.log(meta.name, meta.tableName, meta.columns.map((c) => `${c.propertyName}:${c.databaseName}`).join(','), meta.relations.map((r) => `${r.propertyName}->${r.inverseEntityMetadata.name}`).join(','))
  }
  const qb = ds.getRepository('User').createQueryBuilder('u').leftJoinAndSelect('u.posts', 'p').where('u.age > :age', { age: 18 }).orderBy('u.name', 'DESC').take(3)
  const [query, params] = qb.getQueryAndParameters()
  console.log(query)
  console.log(JSON.stringify(params))
}
main()
