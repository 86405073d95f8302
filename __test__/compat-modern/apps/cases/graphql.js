// graphql with @graphql-tools/schema: SDL and resolvers, a query with variables and an error.
const { graphql, GraphQLError } = require('graphql')
const { makeExecutableSchema } = require('@graphql-tools/schema')

const books = [{ id: '1', title: 'Dune', authorId: 'a' }, { id: '2', title: 'Emma', authorId: 'b' }]
const authors = { a: { id: 'a', name: 'Herbert' }, b: { id: 'b', name: 'Austen' } }
const schema = makeExecutableSchema({
  typeDefs: `type Author { id: ID! name: String! books: [Book!]! }
    type Book { id: ID! title: String! author: Author! }
    type Query { books(titlePrefix: String): [Book!]! book(id: ID!): Book }`,
  resolvers: {
    Query: {
      books: (_, { titlePrefix }) => books.filter((b) => !titlePrefix || b.title.startsWith(titlePrefix)),
      book: (_, { id }) => { const b = books.find((x) => x.id === id); if (!b) throw new GraphQLError(`no book ${id}`, { extensions: { code: 'NOT_FOUND' } }); return b },
    },
    Book: { author: (b) => authors[b.authorId] },
    Author: { books: (a) => books.filter((b) => b.authorId === a.id) },
  },
})
graphql({ schema, source: 'query($p: String) { books(titlePrefix: $p) { title author { name books { id } } } }', variableValues: { p: 'D' } })
  .then((r) => console.log(JSON.stringify(r)))
  .then(() => graphql({ schema, source: '{ book(id: "9") { title } }' }))
  .then((r) => console.log(JSON.stringify(r), r.errors[0] instanceof GraphQLError))
  .then(() => graphql({ schema, source: '{ nope }' }))
  .then((r) => console.log(JSON.stringify(r)))
