'use strict'
// Test support: a minimal npm registry on 127.0.0.1 serving packed tarballs, so that install
// tests resolve unpublished packages by name and version, as users will, without the network.

const fs = require('node:fs')
const http = require('node:http')

/**
 * Serves each `{ manifest, tarball, integrity }` (a package.json object, the path of its
 * `npm pack` tarball and the integrity `npm pack --json` reported) as the only version of its
 * name. Everything else is 404. Resolves to `{ url, close() }`.
 */
async function startRegistry(packages) {
  const routes = new Map()
  const server = http.createServer((req, res) => {
    const route = routes.get(decodeURIComponent(req.url))
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
      return
    }
    res.writeHead(200, { 'content-type': route.type }).end(route.body())
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}/`
  for (const { manifest, tarball, integrity } of packages) {
    const file = `/${manifest.name}/-/${manifest.name.split('/').pop()}-${manifest.version}.tgz`
    const packument = {
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      versions: { [manifest.version]: { ...manifest, dist: { tarball: new URL(file, url).href, integrity } } },
    }
    routes.set(`/${manifest.name}`, { type: 'application/json', body: () => JSON.stringify(packument) })
    routes.set(file, { type: 'application/octet-stream', body: () => fs.readFileSync(tarball) })
  }
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve)
        server.closeAllConnections()
      }),
  }
}

module.exports = { startRegistry }
