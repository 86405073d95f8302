'use strict'
// Turns a CommonJS file into the source of its module function, as SES will accept it.

const fs = require('node:fs')
const { isTypeScript, stripTypes } = require('./typescript')
const { pathToFileURL } = require('node:url')
const { noteFirstLineShift } = require('../errors/stack-format')
const vm = require('node:vm')
const native = require('../native')
const { isWithInStrictCode } = require('../realm/sloppy-only-error')

// SES refuses source text that looks like an HTML comment, a dynamic `import(` or a direct
// `eval(` anywhere, strings and comments included (it cannot parse to tell). SES's own
// evasions rewrite that text blindly (changing string values, leaving `-->` of `<!-->`, and
// turning a method named `eval` into `(0,eval)(a) {`, which does not parse: less 4,
// @noble/curves 2); the Rust core parses the file and rewrites each occurrence so that the
// meaning is kept: a direct eval becomes the indirect eval it would be anyway, a name stays
// the same name (src/transform/ses_source.rs).
// This test is a superset of SES's patterns; files it does not match (nearly all) are not
// parsed. Nor are files V8 cannot compile (they fail under SES anyway): V8 refuses nesting
// beyond a few thousand levels, far below what the parser's thread can take, so no file
// can make it overflow its stack (a crash of the whole process); those get the blind form.
const SES_REJECTED = /<!--|-->|import\s*(?:\(|\/[/*])|(?:^|[^.\w])eval\s*\(/
const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname']

function compilesInV8(source, parameters = MODULE_PARAMETERS) {
  try {
    vm.compileFunction(source, parameters)
    return true
  } catch {
    return false
  }
}

function evadeSesRejections(source) {
  if (!SES_REJECTED.test(source)) return source
  return compilesInV8(source) ? native.evadeSesRejections(source) : native.evadeSesRejectionsBlindly(source)
}

/**
 * `compile(source)`; when that fails on a `with` statement (a SyntaxError in the strict code
 * SES runs, and what template engines compile templates into: lodash's and underscore's
 * `_.template`, ejs), `compile` of `source` with its `with` statements rewritten into strict
 * code of the same meaning by the Rust core (src/transform/sloppy_with.rs). Speed: only code that
 * fails so is parsed again; nothing else pays. Code V8 cannot compile as a function body is
 * not parsed (for the parser's stack, as above). Code the core cannot rewrite fails as before
 * (lib/realm/sloppy-only-error.js).
 * @template T
 * @param {(source: string) => T} compile raises its SyntaxError before any code of `source` runs
 * @param {string} source as evadeSesRejections returned it
 * @returns {T}
 */
function compileRewritingWith(compile, source) {
  try {
    return compile(source)
  } catch (err) {
    const rewritten = isWithInStrictCode(err) && compilesInV8(source, []) ? native.rewriteWithStatements(source) : null
    if (rewritten === null) throw err
    return compile(rewritten)
  }
}

// Speed: inside a compartment every free identifier is looked up through SES's scope proxy,
// so `Math.max` in a hot loop costs a proxy trap per read (80x plain node). The module
// function is wrapped in one that takes the globals whose value cannot change as parameters,
// read from the compartment's own global when the module is instantiated: lookups of these
// names become plain variable reads. They are the language intrinsics every package has, and
// the globals its policy grants read-only that no package may write (the kernel decides;
// "write" globals stay live lookups). Nothing new is reachable (the values are exactly what
// the compartment's global holds) and every other name still goes through that global,
// failing closed as before. Parameters are shadowed by a module's own declarations of the
// same names. `eval` (strict code cannot bind it), `Function` (wrapped per package),
// `globalThis`/`global` (reassignable) and SES's own functions stay lookups. Names missing
// from this Node (Float16Array on Node 20) are not bound, so they still throw ReferenceError.
const BOUND_INTRINSICS = Object.freeze(
  ('Array ArrayBuffer BigInt BigInt64Array BigUint64Array Boolean DataView Date Error EvalError ' +
    'Float16Array Float32Array Float64Array Int8Array Int16Array Int32Array JSON Map Math Number Object ' +
    'Promise Proxy RangeError ReferenceError Reflect RegExp Set String Symbol SyntaxError TypeError ' +
    'URIError Uint8Array Uint8ClampedArray Uint16Array Uint32Array WeakMap WeakSet decodeURI ' +
    'decodeURIComponent encodeURI encodeURIComponent isFinite isNaN parseFloat parseInt')
    .split(' ')
    .filter((name) => name in globalThis),
)

// Words a strict-mode parameter cannot be named (module code is evaluated strict).
const NOT_PARAMETER_NAMES = new Set(
  ('arguments await break case catch class const continue debugger default delete do else enum ' +
    'eval export extends false finally for function if implements import in instanceof interface ' +
    'let new null package private protected public return static super switch this throw true try ' +
    'typeof var void while with yield undefined NaN Infinity globalThis global Function').split(' '),
)
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * The names to bind in modules of a compartment: BOUND_INTRINSICS and those of `fixedGlobals`
 * (granted, fixed values) that can be parameter names.
 * @param {string[]} fixedGlobals
 */
function boundGlobalNames(fixedGlobals = []) {
  const extra = fixedGlobals.filter((name) => IDENTIFIER.test(name) && !NOT_PARAMETER_NAMES.has(name) && !BOUND_INTRINSICS.includes(name))
  return extra.length === 0 ? BOUND_INTRINSICS : Object.freeze([...BOUND_INTRINSICS, ...extra])
}

/**
 * The values of `names` in a compartment, in order, then its global object (the binding of a
 * rewritten sloppy `this`, when the source has one).
 */
function boundGlobalValues(compartmentGlobal, names) {
  return [...names.map((name) => compartmentGlobal[name]), compartmentGlobal]
}

// Sloppy-mode `this`: Node runs a file without "use strict" sloppy, where a plain call
// `f()` gives `f` the global object as `this` (@cspotcode/source-map-support reads its
// shared state off it); SES runs it strict, where that `this` is undefined. The Rust core
// rewrites each such `this` into `(this ?? G)` (src/transform/sloppy_this.rs), `G` a parameter of the
// module function's wrapper bound to the compartment's global object: the package's own,
// what its sloppy code would see, nothing more. Speed: only files with the word `this` and no
// "use strict" anywhere are parsed (about 3% of the tools' files, a tenth of their bytes:
// babel's, tsc's and bundlers' output has one; typescript.js, 9 MB, would cost 0.2 s): a run
// of eslint, jest or webpack parses ~0.3 MB, 10-35 ms. A file that mixes a strict part with
// sloppy functions keeps strict `this` throughout.
const ANY_USE_STRICT = /(['"])use strict\1/
const GLOBAL_NAME = '$lavamoatGlobal'

/**
 * `{ source, globalName }`: `source` with sloppy functions' `this` rewritten, and the name the
 * wrapper binds to the global object (chosen to occur nowhere in the file, so the file can
 * neither shadow nor reassign it); `globalName` undefined when nothing was rewritten.
 */
function withSloppyThis(source) {
  if (!source.includes('this') || ANY_USE_STRICT.test(source) || !compilesInV8(source)) return { source, globalName: undefined }
  let globalName = GLOBAL_NAME
  for (let n = 1; source.includes(globalName); n++) globalName = `${GLOBAL_NAME}${n}`
  const rewritten = native.rewriteSloppyThis(source, globalName)
  return rewritten === null ? { source, globalName: undefined } : { source: rewritten, globalName }
}

function stripShebang(source) {
  return source.startsWith('#!') ? source.slice(source.indexOf('\n') === -1 ? source.length : source.indexOf('\n')) : source
}

/**
 * The source of `(function (<bound names>, <global>) { return function (exports, require,
 * module, __filename, __dirname) {...} })` for a JavaScript file (any extension but
 * .json/.node, `.mjs` and `.cjs` included): call it with
 * boundGlobalValues(compartment.globalThis, boundNames).
 * @param {string} file absolute path
 * @param {readonly string[]} boundNames from boundGlobalNames
 */
function loadModuleFunctionSource(file, boundNames) {
  return moduleFunctionSource(file, readSource(file), boundNames)
}

/** As loadModuleFunctionSource, for `text` as the content of `file`. */
function moduleFunctionSource(file, text, boundNames) {
  // Security: the path ends up in a `//# sourceURL=` comment; a newline would let a file
  // name inject code.
  if (file.includes('\n') || file.includes('\r')) {
    throw new Error('invalid newline in module source path')
  }
  const { source: sloppyKept, globalName } = withSloppyThis(stripShebang(text))
  const source = evadeSesRejections(sloppyKept)
  const parameters = globalName === undefined ? boundNames : [...boundNames, globalName]
  // The header shares the first line so line numbers in stack traces match the file; the
  // columns of line 1, shifted by it, are put back when stacks are formatted.
  // `import()` is `__import__()` in the source SES accepts (src/transform/ses_source.rs).
  const header = `(function (${parameters.join(', ')}) { return function (exports, require, module, __filename, __dirname, __import__) { `
  noteFirstLineShift(file, header.length)
  return `${header}${source}\n} })\n//# sourceURL=${file}`
}

function readSource(file) {
  const text = fs.readFileSync(file, 'utf8')
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return isTypeScript(file) ? stripTypes(source, file) : source
}

/**
 * An ES module's record (requests, exports) and the source of its functor, as SES will accept
 * it (src/transform/esm). A file that is not a valid module is a SyntaxError naming file, line and column.
 */
function loadEsmRecord(file) {
  const source = readSource(file)
  let record
  try {
    record = native.transformEsm(source)
  } catch (err) {
    if (err.code !== 'LAVAMOAT_ESM_SYNTAX') throw err
    const offset = Number(/at offset (\d+)\)$/.exec(err.message)?.[1] ?? 0)
    const before = source.slice(0, offset).split('\n')
    const message = err.message.replace(/ \(at offset \d+\)$/, '')
    throw new SyntaxError(`${message} (${file}:${before.length}:${before[before.length - 1].length + 1})`)
  }
  // Its frames read as Node writes those of an ES module: at its file: URL, functions named
  // as Node names them, and line 1 at the file's columns where the transform only put its
  // prelude before that line (stack-format.js).
  const url = pathToFileURL(file).href
  const functor = evadeSesRejections(record.functor)
  const [firstLine] = source.split('\n', 1)
  const [functorFirstLine] = functor.split('\n', 1)
  noteFirstLineShift(url, functorFirstLine.endsWith(firstLine) ? functorFirstLine.length - firstLine.length : 0)
  return { record, functorSource: `${functor}\n//# sourceURL=${url}` }
}

/** The names an ES module may import from the CommonJS module `file`, as Node finds them. */
function commonjsExportsOf(file) {
  return native.commonjsExports(readSource(file))
}

/**
 * Reads and parses a JSON module with the given realm's JSON (so objects belong to the
 * package's realm). Parse errors name the file, as the reference does.
 */
function loadJsonModule(file, JSONOfRealm) {
  let text = fs.readFileSync(file, 'utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  try {
    return JSONOfRealm.parse(text)
  } catch (err) {
    err.message = `While parsing ${file}: ${err.message}`
    throw err
  }
}

module.exports = { readSource, loadModuleFunctionSource, moduleFunctionSource, loadEsmRecord, commonjsExportsOf, boundGlobalNames, boundGlobalValues, loadJsonModule, evadeSesRejections, compileRewritingWith }
