'use strict'
// Runs `runOne(name)` for each name, `concurrency` at a time (the corpus's cases, the tools):
// calls onResult as each finishes; resolves to the results in the order of `names`.

async function runPool(names, runOne, { concurrency, onResult = () => {} }) {
  const results = new Map()
  const queue = [...names]
  const worker = async () => {
    while (queue.length > 0) {
      const name = queue.shift()
      const result = await runOne(name)
      results.set(name, result)
      onResult(result)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker))
  return names.map((name) => results.get(name))
}

module.exports = { runPool }
