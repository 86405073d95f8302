// nodemailer with its jsonTransport (no SMTP).
const nodemailer = require('nodemailer')
const transport = nodemailer.createTransport({ jsonTransport: true })
transport.sendMail({
  from: 'Ann <ann@example.com>',
  to: ['bob@example.com', 'Carol <carol@example.com>'],
  subject: 'Hello ✔',
  text: 'plain body',
  html: '<b>html body</b>',
  messageId: '<fixed@example.com>',
  date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  attachments: [{ filename: 'a.txt', content: 'attached' }],
}).then((info) => {
  const message = JSON.parse(info.message)
  console.log(info.messageId, JSON.stringify(info.envelope))
  console.log(message.subject, message.from.address, message.to.map((t) => t.address).join(), message.attachments[0].filename, message.attachments[0].content)
})
