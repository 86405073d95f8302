import { execa } from 'execa'
// No top-level await here: meta-tla is the app about it (the peer cannot run it).
;(async () => {
  const { stdout, exitCode } = await execa(process.execPath, ['-e', 'console.log(6 * 7)'])
  console.log('child said', stdout, 'exit', exitCode)
})()
