'use strict'
// Speed: SES, yargs and this kernel are compiled again by every `lavamoat` start (~25 ms of
// a ~150 ms start). Node 22.1+ can keep V8's code cache on disk (module.enableCompileCache);
// the CLI turns it on for the code Node itself loads (never for package code, which runs in
// compartments and is not cached).
//
// Security: a code cache entry is executable code. Node's default directory is shared under
// the temp dir, so another local user could plant entries there; ours is per user, created
// 0700, and used only when it is a real directory owned by us that nobody else can write.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const module_ = require('node:module')

function privateCacheDir() {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined
  const dir = path.join(os.tmpdir(), `lavamoat-compile-cache-${uid ?? os.userInfo().username}`)
  try {
    fs.mkdirSync(dir, { mode: 0o700 })
  } catch (err) {
    if (err.code !== 'EEXIST') return undefined
  }
  const stat = fs.lstatSync(dir)
  if (!stat.isDirectory()) return undefined
  if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined
  return dir
}

/** Turns the cache on where Node has it; any failure just leaves it off. */
function enableCompileCache() {
  if (typeof module_.enableCompileCache !== 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) return
  try {
    const dir = privateCacheDir()
    if (dir !== undefined) module_.enableCompileCache(dir)
  } catch {
    // A read-only or missing temp dir only costs the speed-up.
  }
}

module.exports = { enableCompileCache }
