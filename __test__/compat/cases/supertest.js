const request = require('supertest')
const express = require('express')
const app = express()
app.get('/user', (req, res) => res.status(200).json({ name: 'john' }))
request(app).get('/user').expect('Content-Type', /json/).expect(200).end((err, res) => {
  console.log(err, JSON.stringify(res.body))
})
