import { remark } from 'remark'
import remarkGfm from 'remark-gfm'
// No top-level await here: meta-tla is the app about it (the peer cannot run it).
;(async () => {
  const file = await remark().use(remarkGfm).process('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ www.example.com\n')
  console.log(String(file))
})()
