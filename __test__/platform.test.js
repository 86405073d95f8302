'use strict'
// Which prebuilt core a machine loads (lib/platform.js), for machines this one is not: the
// platform, the arch and what tells glibc from musl are passed in. And every napi-rs target of
// package.json has its platform package, which that choice names.

const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { isMusl, platformSuffixes, exactSuffix, platformPackageName } = require('../lib/platform')
const { repoRoot } = require('./support/project')

const manifest = require('../package.json')

// What /usr/bin/ldd holds on each: a bash script of glibc's, a two-line one on Alpine.
const glibcLdd = '#! /bin/bash\n# This file is part of the GNU C Library.\nTEXTDOMAIN=libc\n'
const muslLdd = '#!/bin/sh\nexec /lib/ld-musl-x86_64.so.1 --list "$@"\n'
const noLdd = () => null
const glibcReport = { header: { glibcVersionRuntime: '2.39' }, sharedObjects: ['/lib/x86_64-linux-gnu/libc.so.6'] }
const muslReport = { header: {}, sharedObjects: ['/lib/ld-musl-aarch64.so.1', '/usr/lib/libstdc++.so.6'] }
const noReport = () => {
  throw new Error('the report is only asked for where there is no /usr/bin/ldd')
}

describe('telling musl from glibc', () => {
  it('reads /usr/bin/ldd when there is one, without asking for a report', () => {
    assert.equal(isMusl({ ldd: () => glibcLdd, report: noReport }), false)
    assert.equal(isMusl({ ldd: () => muslLdd, report: noReport }), true)
  })

  it('without /usr/bin/ldd, asks the process report', () => {
    assert.equal(isMusl({ ldd: noLdd, report: () => glibcReport }), false)
    assert.equal(isMusl({ ldd: noLdd, report: () => muslReport }), true)
  })

  it('with neither, takes glibc', () => {
    assert.equal(isMusl({ ldd: noLdd, report: () => null }), false)
    assert.equal(isMusl({ ldd: noLdd, report: () => ({ header: {} }) }), false)
  })

  it('this machine', () => {
    const expected = process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime
    assert.equal(isMusl(), expected)
  })
})

describe('the suffixes a machine tries', () => {
  const cases = [
    [{ platform: 'linux', arch: 'x64', musl: false }, ['linux-x64-gnu', 'linux-x64-musl']],
    [{ platform: 'linux', arch: 'arm64', musl: false }, ['linux-arm64-gnu', 'linux-arm64-musl']],
    // Alpine: its own core first; a glibc one, if that is all there is, is still tried.
    [{ platform: 'linux', arch: 'x64', musl: true }, ['linux-x64-musl', 'linux-x64-gnu']],
    [{ platform: 'linux', arch: 'arm64', musl: true }, ['linux-arm64-musl', 'linux-arm64-gnu']],
    [{ platform: 'darwin', arch: 'arm64' }, ['darwin-arm64']],
    [{ platform: 'darwin', arch: 'x64' }, ['darwin-x64']],
    [{ platform: 'win32', arch: 'x64' }, ['win32-x64-msvc']],
    [{ platform: 'win32', arch: 'arm64' }, ['win32-arm64-msvc']],
    [{ platform: 'freebsd', arch: 'x64' }, ['freebsd-x64']],
  ]
  for (const [machine, expected] of cases) {
    const name = `${machine.platform} ${machine.arch}${machine.musl === undefined ? '' : machine.musl ? ' musl' : ' glibc'}`
    it(name, () => {
      assert.deepEqual(platformSuffixes(machine), expected)
      assert.equal(exactSuffix(machine), expected[0])
    })
  }

  it('this machine', () => {
    const suffixes = platformSuffixes()
    assert.equal(exactSuffix(), suffixes[0])
    assert.ok(suffixes[0].startsWith(`${process.platform}-${process.arch}`), suffixes[0])
  })
})

describe('every napi-rs target has its platform package', () => {
  // napi-rs's names: the suffix of each target triple, and the machine that loads it.
  const targets = {
    'x86_64-unknown-linux-gnu': { suffix: 'linux-x64-gnu', os: 'linux', cpu: 'x64', libc: 'glibc' },
    'aarch64-unknown-linux-gnu': { suffix: 'linux-arm64-gnu', os: 'linux', cpu: 'arm64', libc: 'glibc' },
    'x86_64-unknown-linux-musl': { suffix: 'linux-x64-musl', os: 'linux', cpu: 'x64', libc: 'musl' },
    'aarch64-unknown-linux-musl': { suffix: 'linux-arm64-musl', os: 'linux', cpu: 'arm64', libc: 'musl' },
    'aarch64-apple-darwin': { suffix: 'darwin-arm64', os: 'darwin', cpu: 'arm64' },
    'x86_64-apple-darwin': { suffix: 'darwin-x64', os: 'darwin', cpu: 'x64' },
    'x86_64-pc-windows-msvc': { suffix: 'win32-x64-msvc', os: 'win32', cpu: 'x64' },
    'aarch64-pc-windows-msvc': { suffix: 'win32-arm64-msvc', os: 'win32', cpu: 'arm64' },
  }

  it('package.json lists the targets the release builds, and npm/ has a folder for each', () => {
    assert.deepEqual([...manifest.napi.targets].sort(), Object.keys(targets).sort())
    const folders = fs.readdirSync(path.join(repoRoot, 'npm')).sort()
    assert.deepEqual(folders, Object.values(targets).map((t) => t.suffix).sort())
  })

  for (const [triple, { suffix, os, cpu, libc }] of Object.entries(targets)) {
    it(triple, () => {
      const dir = path.join(repoRoot, 'npm', suffix)
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      assert.equal(pkg.name, platformPackageName(suffix))
      assert.equal(pkg.version, manifest.version)
      assert.deepEqual(pkg.os, [os])
      assert.deepEqual(pkg.cpu, [cpu])
      assert.deepEqual(pkg.libc, libc && [libc])
      assert.equal(pkg.main, `lavamoat.${suffix}.node`)
      assert.deepEqual(pkg.files, [pkg.main])
      assert.equal(pkg.license, manifest.license)
      assert.ok(fs.readFileSync(path.join(dir, 'README.md'), 'utf8').includes(triple), 'README names the target')
      // The machine npm installs this package on loads it first.
      const machine = { platform: os, arch: cpu, musl: libc === 'musl' }
      assert.equal(exactSuffix(machine), suffix)
    })
  }
})
