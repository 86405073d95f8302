'use strict'
// express 4, hello JSON: one route with a path parameter and a query string. Listens on a port
// the system picks and prints it, which is how the bench (lib/servers-section.js) finds it.
const express = require('express')

const app = express()
app.get('/item/:id', (req, res) => {
  res.json({ id: req.params.id, q: req.query.q ?? null, ok: true })
})
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`)
})
