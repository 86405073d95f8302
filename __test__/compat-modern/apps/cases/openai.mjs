// openai with a custom fetch answering in process: a chat completion and an API error.
import OpenAI from 'openai'

const calls = []
const fetch = async (url, init) => {
  calls.push(`${init.method} ${url} ${JSON.parse(init.body).model}`)
  if (JSON.parse(init.body).model === 'bad') {
    return new Response(JSON.stringify({ error: { message: 'model not found', type: 'invalid_request_error', code: 'model_not_found' } }), { status: 404, headers: { 'content-type': 'application/json' } })
  }
  return new Response(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'gpt-x', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'hi there' } }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }), { status: 200, headers: { 'content-type': 'application/json' } })
}
const client = new OpenAI({ apiKey: 'sk-test', baseURL: 'http://openai.local/v1', fetch, maxRetries: 0 })
const completion = await client.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hello' }] })
console.log(completion.choices[0].message.content, completion.usage.total_tokens)
try {
  await client.chat.completions.create({ model: 'bad', messages: [] })
} catch (error) {
  console.log(error instanceof OpenAI.APIError, error instanceof OpenAI.NotFoundError, error.status, error.code)
}
console.log(calls.join('\n'))
