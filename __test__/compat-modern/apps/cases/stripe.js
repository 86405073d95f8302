// stripe against a local server on 127.0.0.1 (host, port and protocol of its own config).
const Stripe = require('stripe')
const http = require('node:http')

const server = http.createServer((req, res) => {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => {
    res.setHeader('content-type', 'application/json')
    if (req.url.startsWith('/v1/customers/cus_missing')) {
      res.statusCode = 404
      return res.end(JSON.stringify({ error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such customer' } }))
    }
    res.end(JSON.stringify({ id: 'cus_123', object: 'customer', method: req.method, path: req.url, auth: req.headers.authorization, form: Object.fromEntries(new URLSearchParams(body)) }))
  })
})
server.listen(0, '127.0.0.1', async () => {
  const stripe = new Stripe('sk_test_123', { host: '127.0.0.1', port: server.address().port, protocol: 'http', maxNetworkRetries: 0, telemetry: false })
  const customer = await stripe.customers.create({ email: 'a@b.c', metadata: { plan: 'pro' } })
  console.log(customer.id, customer.method, customer.path, customer.auth, JSON.stringify(customer.form))
  try {
    await stripe.customers.retrieve('cus_missing')
  } catch (error) {
    console.log(error instanceof Stripe.errors.StripeError, error.type, error.code, error.statusCode, error.message)
  }
  server.close(() => console.log('closed'))
})
