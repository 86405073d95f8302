// @apollo/server: executeOperation, no HTTP.
import { ApolloServer } from '@apollo/server'
import { GraphQLError } from 'graphql'

const server = new ApolloServer({
  typeDefs: `type Query { hello(name: String): String! fail: Int }`,
  resolvers: { Query: { hello: (_, { name }, ctx) => `hello ${name ?? 'world'} from ${ctx.who}`, fail: () => { throw new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } }) } } },
  includeStacktraceInErrorResponses: false,
})
await server.start()
const show = (r) => console.log(r.body.kind, JSON.stringify(r.body.singleResult))
show(await server.executeOperation({ query: 'query ($n: String) { hello(name: $n) }', variables: { n: 'lava' } }, { contextValue: { who: 'ctx' } }))
show(await server.executeOperation({ query: '{ fail }' }, { contextValue: { who: 'ctx' } }))
show(await server.executeOperation({ query: '{ missing }' }, { contextValue: { who: 'ctx' } }))
await server.stop()
console.log('stopped')
