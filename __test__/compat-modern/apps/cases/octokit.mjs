// @octokit/rest with a custom request.fetch answering in process.
import { Octokit } from '@octokit/rest'

const seen = []
const fetch = async (url, init) => {
  seen.push(`${init.method} ${url} ${init.headers.authorization}`)
  if (url.endsWith('/repos/o/missing')) return new Response(JSON.stringify({ message: 'Not Found' }), { status: 404, headers: { 'content-type': 'application/json' } })
  if (url.includes('/issues')) return new Response(JSON.stringify([{ number: 1, title: 'first' }, { number: 2, title: 'second' }]), { status: 200, headers: { 'content-type': 'application/json' } })
  return new Response(JSON.stringify({ full_name: 'o/r', stargazers_count: 42 }), { status: 200, headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': '59' } })
}
const quiet = () => {}
const octokit = new Octokit({ auth: 'token123', request: { fetch }, userAgent: 'compat', log: { debug: quiet, info: quiet, warn: quiet, error: quiet } })
const repo = await octokit.rest.repos.get({ owner: 'o', repo: 'r' })
console.log(repo.status, repo.data.full_name, repo.data.stargazers_count, repo.headers['x-ratelimit-remaining'])
const issues = await octokit.rest.issues.listForRepo({ owner: 'o', repo: 'r', state: 'open', per_page: 2 })
console.log(issues.data.map((i) => `#${i.number} ${i.title}`).join(', '))
try {
  await octokit.rest.repos.get({ owner: 'o', repo: 'missing' })
} catch (error) {
  console.log(error.name, error.status, error.message.split(' - ')[0])
}
console.log(seen.join('\n'))
