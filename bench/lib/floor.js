'use strict'
// The parse-only floor: the time to read and parse (oxc, in parallel) every .js/.cjs file the
// reference's autopolicy walk reached, and nothing else. The list comes from the reference's
// `--writeAutoPolicyDebug` output (its debugInfo is keyed by file) and is cached in results/
// per lockfile. Run directly with a list file, this file is the measured child process.

const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const { repoRoot, resultsDir, node24, referenceCli } = require('./paths')
const { runOnce } = require('./measure')

const PARSED_EXTENSIONS = new Set(['.js', '.cjs'])

function lockfileHash(projectDir) {
  const lock = fs.readFileSync(path.join(projectDir, 'package-lock.json'))
  return crypto.createHash('sha256').update(lock).digest('hex')
}

/**
 * `{ listFile, count }`: a JSON file `{ lockfileHash, files }` (absolute paths), written on
 * first use, and how many files it lists; `{ error }` when the reference's walk failed.
 */
function floorFileList(projectDir, name) {
  const dir = path.join(resultsDir, 'floor', name)
  const listFile = path.join(dir, 'files.json')
  const hash = lockfileHash(projectDir)
  try {
    const cached = JSON.parse(fs.readFileSync(listFile, 'utf8'))
    if (cached.lockfileHash === hash) return { listFile, count: cached.files.length }
  } catch {
    // No list yet, or an unreadable one: make it again.
  }
  const debugFile = path.join(dir, 'policy-debug.json')
  const walk = runOnce({
    node: node24,
    script: referenceCli,
    args: ['index.js', '--autopolicy', '--writeAutoPolicyDebug', '--policy', path.join(dir, 'policy.json'), '--policyDebug', debugFile],
    cwd: projectDir,
  })
  if (walk.error) return { error: `the reference's debug walk failed: ${walk.error}` }
  const { debugInfo } = JSON.parse(fs.readFileSync(debugFile, 'utf8'))
  const files = Object.keys(debugInfo).filter(
    (file) => path.isAbsolute(file) && PARSED_EXTENSIONS.has(path.extname(file)) && fs.existsSync(file)
  )
  fs.writeFileSync(listFile, JSON.stringify({ lockfileHash: hash, files }))
  fs.rmSync(debugFile)
  return { listFile, count: files.length }
}

/**
 * The floor of `npm run bench -- --check`, which installs no reference: the .js/.cjs files our
 * own `--autopolicy` analyses (a few more than the reference's walk reaches, so a slightly
 * higher floor). Listed afresh each time by a child process on `node`, as the walk may change.
 * `{ listFile, count }` or `{ error }`.
 */
function oursFloorFileList(projectDir, name, node) {
  const dir = path.join(resultsDir, 'floor', name)
  fs.mkdirSync(dir, { recursive: true })
  const listFile = path.join(dir, 'files-ours.json')
  const listed = runOnce({ node, script: __filename, args: ['--list-ours', projectDir, listFile], cwd: projectDir })
  if (listed.error) return { error: `listing the files our walk analyses failed: ${listed.error}` }
  return { listFile, count: JSON.parse(fs.readFileSync(listFile, 'utf8')).files.length }
}

function floorCommand(listFile, node = node24) {
  return { node, script: __filename, args: [listFile], cwd: repoRoot }
}

function listOurFiles(projectDir, listFile) {
  const native = require(path.join(repoRoot, 'lib', 'native.js'))
  const { files } = native.generatePolicy({ entryPath: 'index.js', projectRoot: projectDir })
  const parsed = files.filter((file) => PARSED_EXTENSIONS.has(path.extname(file)))
  fs.writeFileSync(listFile, JSON.stringify({ files: parsed }))
}

if (require.main === module) {
  if (process.argv[2] === '--list-ours') {
    listOurFiles(process.argv[3], process.argv[4])
  } else {
    const { files } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
    const clean = require(path.join(repoRoot, 'lib', 'native.js')).parseFilesForBench(files)
    process.stdout.write(`${clean}/${files.length} files parsed without a syntax error\n`)
  }
}

module.exports = { floorFileList, oursFloorFileList, floorCommand }
