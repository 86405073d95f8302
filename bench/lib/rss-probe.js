'use strict'
// Preloaded (`node -r`) into every measured process: at exit it writes the process's peak
// resident set size (getrusage ru_maxrss, in KiB) to the file named by LAVAMOAT_BENCH_RSS_FILE.
//
// Why this way: spawnSync reports no rusage for the child, polling /proc/<pid>/status misses
// the peak reached between two polls, and /usr/bin/time is not installed everywhere. Every
// measured command is a node process, so the process itself reports its exact peak.
// The functions are taken now because the reference runtime hardens the realm (SES lockdown)
// before the app's code runs.

const { writeFileSync } = require('node:fs')

const target = process.env.LAVAMOAT_BENCH_RSS_FILE
const resourceUsage = process.resourceUsage.bind(process)
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(resourceUsage().maxRSS))
  })
}
