// A small JSON API and a client of it: express serves, zod validates, dayjs formats, axios asks,
// chalk prints (without colour: stdout is not a terminal).
import express from 'express'
import axios from 'axios'
import chalk from 'chalk'
import dayjs from 'dayjs'
import { z } from 'zod'

const Order = z.object({ item: z.string().min(1), quantity: z.number().int().positive() })

const app = express()
app.use(express.json())
app.post('/orders', (req, res) => {
  const parsed = Order.safeParse(req.body)
  if (!parsed.success) return res.status(400).json({ error: parsed.error.issues[0].message })
  res.json({ ...parsed.data, due: dayjs('2026-12-08').add(3, 'day').format('YYYY-MM-DD') })
})

const server = app.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`
  try {
    const ok = await axios.post(`${base}/orders`, { item: 'tea', quantity: 2 })
    console.log(chalk.green('accepted'), ok.data)
    const refused = await axios.post(`${base}/orders`, { item: '', quantity: 2 }, { validateStatus: () => true })
    console.log(chalk.red('refused'), refused.status, refused.data)
  } finally {
    server.close()
  }
})
