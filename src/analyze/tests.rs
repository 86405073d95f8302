//! Expected values below were checked against the reference (lavamoat 11.1.4) unless noted.

use std::path::Path;

use super::*;

mod computed_requires;
mod global_aliases;
mod imports;
mod intrinsic_writes;
mod require_functions;
mod typescript;

fn facts(source: &str) -> ModuleFacts {
    analyze_module(source, Path::new("/project/node_modules/a/index.js"))
}

/// `path=read|write` pairs of the module's globals, sorted.
/// What a module reads or writes of the globals, `typeof X` tests included (as reads).
fn globals(source: &str) -> Vec<String> {
    let facts = facts(source);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    let mut globals: Vec<String> = facts
        .globals
        .iter()
        .map(|(path, usage)| format!("{path}={}", usage.as_str()))
        .chain(
            facts
                .presence_tests
                .iter()
                .map(|name| format!("{name}=read")),
        )
        .collect();
    globals.sort();
    globals
}

fn reads(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| format!("{p}=read")).collect()
}

/// Every use's key (`fs.readFileSync`), in order, repeats kept.
fn uses(source: &str) -> Vec<String> {
    facts(source)
        .builtin_uses
        .iter()
        .map(BuiltinUse::key)
        .collect()
}

fn requests(source: &str) -> Vec<String> {
    facts(source)
        .requires
        .into_iter()
        .map(|r| r.specifier)
        .collect()
}

fn slices(source: &str, spans: &[Span]) -> Vec<String> {
    spans
        .iter()
        .map(|span| span.source_text(source).to_string())
        .collect()
}

mod globals {
    use super::*;

    #[test]
    fn free_identifiers_with_member_paths() {
        assert_eq!(
            globals("setTimeout(() => {}, 0); console.log('x'); module.exports = Buffer.from('hi'); process.nextTick(() => {})"),
            reads(&["Buffer.from", "console.log", "process.nextTick", "setTimeout"])
        );
    }

    #[test]
    fn member_paths_have_no_depth_limit_and_include_method_names() {
        assert_eq!(
            globals("module.exports = [process.env.NODE_ENV, a1.b.c.d.e, foo.bar.baz.qux.quux()]"),
            reads(&["a1.b.c.d.e", "foo.bar.baz.qux.quux", "process.env.NODE_ENV"])
        );
    }

    #[test]
    fn optional_members_continue_the_chain() {
        assert_eq!(globals("a?.b.c; (x?.y).z"), reads(&["a.b.c", "x.y.z"]));
    }

    #[test]
    fn computed_members_stop_the_chain() {
        assert_eq!(
            globals("const k = 'env'; process[k]; foo['bar'].baz; globalThis['document']"),
            reads(&["foo", "process"])
        );
    }

    #[test]
    fn computed_keys_and_properties_are_not_references() {
        // Babel's visitor skips identifiers in key/property position even when computed.
        assert_eq!(
            globals(
                "obj[someGlobal]; ({ [compKey]: 1 }); class K { [methodKey]() {} [fieldKey] = 1 }"
            ),
            reads(&["obj"])
        );
    }

    #[test]
    fn shorthand_properties_are_references() {
        assert_eq!(globals("module.exports = { fetch }"), reads(&["fetch"]));
    }

    #[test]
    fn ignored_names() {
        assert_eq!(
            globals(
                "require('x'); module.exports = exports; arguments; this.x; undefined; hasOwnProperty('a'); toString(); \
                 Object.keys(1); Math.max(1); JSON.parse('1'); Reflect.ownKeys({}); eval('1'); new Function('')(); NaN; Infinity; BigInt(1)"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn regexp_legacy_statics_are_globals_of_their_own_while_regexp_is_not() {
        assert_eq!(
            globals(
                "const t = ''; const type = /^([^;]*)/.test(t) && RegExp.$1; RegExp.lastMatch.length; RegExp.$9 = 'x'; \
                 new RegExp('a'); RegExp.prototype.exec; RegExp.escape; RegExp['$&']"
            ),
            reads(&["RegExp.$1", "RegExp.$9", "RegExp.lastMatch"])
        );
    }

    #[test]
    fn not_ignored_names() {
        assert_eq!(
            globals("AggregateError; WeakRef; FinalizationRegistry; harden; Compartment; Iterator; Float16Array; __filename; __dirname; Buffer; URL"),
            reads(&[
                "AggregateError",
                "Buffer",
                "Compartment",
                "FinalizationRegistry",
                "Float16Array",
                "Iterator",
                "URL",
                "WeakRef",
                "__dirname",
                "__filename",
                "harden",
            ])
        );
    }

    #[test]
    fn esm_files_ignore_import_export_arguments_but_record_commonjs_names() {
        let facts = facts("import x from 'y'; module.exports = require('z')");
        assert!(facts.is_esm);
        let names: Vec<&str> = facts.globals.keys().map(String::as_str).collect();
        assert_eq!(names, ["module.exports", "require"]);
        assert_eq!(
            facts.requires,
            Vec::<Request>::new(),
            "an ES module has no require: a free one is a global, not an edge"
        );
    }

    #[test]
    fn typeof_is_not_special() {
        assert_eq!(
            globals("typeof window !== 'undefined' ? 1 : typeof XMLHttpRequest === 'function'"),
            reads(&["XMLHttpRequest"])
        );
    }

    #[test]
    fn shadowing_is_respected() {
        assert_eq!(
            globals(
                "var process = {}; function f(Buffer) { let setTimeout = 1; try {} catch (console) { console.x } return Buffer + setTimeout }\n\
                 function g(window) { return window.x } module.exports = [process, f, g, clearTimeout]"
            ),
            reads(&["clearTimeout"])
        );
    }

    #[test]
    fn block_function_declarations_are_block_scoped() {
        assert_eq!(
            globals("if (q) { function blockFn() {} } blockFn()"),
            reads(&["blockFn", "q"])
        );
    }

    #[test]
    fn classes_and_this() {
        assert_eq!(
            globals("class Base extends EventEmitterLike { static s = window.q; #p = 1; m() { return this.#p } } module.exports = function () { return this && Reflect.ownKeys(Base) }"),
            reads(&["EventEmitterLike", "q"])
        );
    }

    #[test]
    fn destructuring_a_global_in_a_declarator_expands_keys() {
        assert_eq!(
            globals("const { a: { b } } = navigator; const [p, q] = location; const {x} = globalThis; const {} = screen; const {'str': s} = history"),
            reads(&["location.0", "location.1", "navigator.a.b", "x"])
        );
    }

    #[test]
    fn destructuring_with_rest_or_defaults_uses_the_whole_key() {
        assert_eq!(
            globals("const { a = 1, b: { ...c } } = navigator; const [...all] = location"),
            reads(&["location", "navigator.a", "navigator.b"])
        );
    }

    #[test]
    fn destructuring_skipped_for_chains_of_two_members() {
        // The reference looks at the innermost member's parent there.
        assert_eq!(
            globals("const { x } = a.b.c; const { y } = d.e"),
            reads(&["a.b.c", "d.e.y"])
        );
    }

    #[test]
    fn destructuring_assignments_read_their_targets() {
        assert_eq!(
            globals("({ a: target } = src); [first, ...rest] = list"),
            reads(&["first", "list", "src", "target"])
        );
    }

    #[test]
    fn exports_specifiers_are_not_references() {
        assert_eq!(
            globals("export { notDeclared }; export default declaredElsewhere"),
            reads(&["declaredElsewhere"])
        );
    }

    #[test]
    fn with_statement_bodies_are_free() {
        assert_eq!(globals("with (obj) { foo }"), reads(&["foo", "obj"]));
    }

    #[test]
    fn labels_are_not_references() {
        assert_eq!(
            globals("label: for (;;) { break label }"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reduction_keeps_the_topmost_path() {
        assert_eq!(
            globals(
                "process.env.NODE_ENV; process.env.FOO; module.exports = process; console.log(1)"
            ),
            reads(&["console.log", "process"])
        );
    }

    #[test]
    fn every_presence_test_position_is_recognised() {
        let facts = facts(
            "a && a.x; if (b) {} while (c) {} do {} while (d); for (; e;) {} f ? 1 : 2; !g; h == null; null !== i; j === undefined; k != void 0; typeof l",
        );
        assert_eq!(facts.globals.keys().collect::<Vec<_>>(), ["a.x"]);
        assert_eq!(
            facts.presence_tests.iter().collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
        );
    }

    #[test]
    fn values_are_not_presence_tests() {
        // The value itself flows on: `p = process || {}`, `x && process`, `f(process)`, `process == other`.
        let facts = facts("p = a || {}; q = x && b; f(c); d == other; e ? e : 1; g ?? h");
        // `x` is only tested; `e` is tested and used, so it is a use.
        assert_eq!(facts.presence_tests.iter().collect::<Vec<_>>(), ["x"]);
        assert!(["a", "b", "c", "d", "e", "g", "h"]
            .iter()
            .all(|name| facts.globals.contains_key(*name)));
    }

    #[test]
    fn presence_tests_are_kept_apart_from_paths() {
        let facts = facts("typeof process === 'object' && process.env.FOO; typeof (Buffer); typeof setTimeout.x; typeof fetch; fetch(1); typeof ArrayBuffer; typeof undefined; typeof module");
        assert_eq!(
            facts.globals.keys().collect::<Vec<_>>(),
            ["fetch", "process.env.FOO", "setTimeout.x"]
        );
        assert_eq!(
            facts.presence_tests.iter().collect::<Vec<_>>(),
            ["Buffer", "process"]
        );
    }

    #[test]
    fn dynamic_require_argument_is_a_global() {
        assert_eq!(globals("let x = require(someVar)"), reads(&["someVar"]));
    }
}

mod aliases {
    use super::*;

    #[test]
    fn aliases_are_stripped_as_first_segment() {
        assert_eq!(
            globals("globalThis.fetch(1); global.setTimeout(f); window.alert(2); self.foo.bar; top.x; parent.y; frames.z"),
            reads(&["alert", "f", "fetch", "foo.bar", "setTimeout", "x", "y", "z"])
        );
    }

    #[test]
    fn bare_alias_yields_nothing() {
        assert_eq!(
            globals("globalThis; typeof window; module.exports = self"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn only_the_first_alias_is_stripped() {
        assert_eq!(
            globals("globalThis.globalThis.zz; window.Object.keys"),
            reads(&["globalThis.zz"])
        );
    }

    #[test]
    fn aliases_in_fixture_04() {
        assert_eq!(
            globals("module.exports = [globalThis.fetch, window.localStorage, self.crypto, global.setImmediate, globalThis.process.pid]"),
            reads(&["crypto", "fetch", "localStorage", "process.pid", "setImmediate"])
        );
    }

    #[test]
    fn define_property_on_global_object_and_delete() {
        assert_eq!(
            globals("Object.defineProperty(globalThis, 'installed', { value: 1 }); delete globalThis.legacyThing; module.exports = installed"),
            reads(&["installed", "legacyThing"])
        );
    }
}

mod writes {
    use super::*;

    #[test]
    fn whole_chain_assigned_with_at_most_one_member_is_a_write() {
        assert_eq!(
            globals("globalThis.sharedCounter = 1; someGlobal = 2; module.exports = sharedCounter + someGlobal"),
            ["sharedCounter=write", "someGlobal=write"]
        );
        assert_eq!(globals("a.b = 1"), ["a.b=write"]);
        assert_eq!(globals("x1 = y1 = 3"), ["x1=write", "y1=write"]);
    }

    #[test]
    fn compound_assignment_is_a_write() {
        // Verified on the reference: `+=` counts as a write (the spec text says otherwise).
        assert_eq!(globals("a += 1; b.c -= 2"), ["a=write", "b.c=write"]);
    }

    #[test]
    fn deeper_writes_updates_and_deletes_are_reads() {
        assert_eq!(
            globals("a.b.c = 1; process.env.FOO = 'x'; globalThis.g.h = 1; d++; e.f++; delete k.l"),
            reads(&["a.b.c", "d", "e.f", "g.h", "k.l", "process.env.FOO"])
        );
    }

    #[test]
    fn every_form_of_assignment_to_a_member_of_the_global_object_is_a_write() {
        // The reference makes only the left of an assignment (`=`, `+=`, `??=`, ...) a
        // write; updates, destructuring targets and `for` heads are ours: with a read grant
        // the run ignores the write. (`[h]` is a computed key: no reference, as there.)
        assert_eq!(
            globals(
                "globalThis.a ??= {}; globalThis.b ||= 1; global.c &&= 2; self.d += 1; \
                 globalThis.e++; --window.f; ({ k: globalThis.g, [h]: globalThis.i = 1 } = o); \
                 [globalThis.j, ...globalThis.k] = o; for (globalThis.l in o); for (globalThis.m of o);"
            ),
            [
                "a=write", "b=write", "c=write", "d=write", "e=write", "f=write", "g=write",
                "i=write", "j=write", "k=write", "l=write", "m=write", "o=read"
            ]
        );
    }

    #[test]
    fn updates_and_destructuring_of_a_plain_name_keep_the_reference_rules() {
        assert_eq!(
            globals("n++; ({ k: p } = o); [q] = o; globalThis.r.s++; ({ [globalThis.t]: u } = o)"),
            reads(&["n", "o", "p", "q", "r.s", "t", "u"])
        );
    }

    #[test]
    fn write_wins_over_read_in_a_module() {
        assert_eq!(globals("xyz; xyz = 5; xyz"), ["xyz=write"]);
    }

    #[test]
    fn reduction_keeps_the_ancestor_value() {
        assert_eq!(globals("a = 1; a.b = 2"), ["a=write"]);
        assert_eq!(globals("a; a.b = 2"), ["a=read"]);
    }
}

mod requires {
    use super::*;

    #[test]
    fn the_file_a_worker_runs_is_a_request() {
        assert_eq!(
            requests(
                "const { Worker } = require('worker_threads'); const path = require('path');\n\
                 new Worker(path.join(__dirname, 'task.js')); new wt.Worker('./literal.js');\n\
                 new Worker(code, { eval: true }); new Worker(__filename); new Worker('/abs.js'); new Other('./x.js');\n\
                 new node_worker_threads_1.Worker((0, node_path_1.resolve)(__dirname, 'worker.js'))"
            ),
            ["worker_threads", "path", "./task.js", "./literal.js", "./worker.js"]
        );
        // jest-worker keeps the path of its child in a field: a module that starts workers runs
        // the files of its own that it resolves.
        assert_eq!(
            requests("const { Worker } = require('worker_threads'); this.path = require.resolve('./threadChild'); new Worker(this.path)"),
            ["worker_threads", "./threadChild"]
        );
        // piscina 5 puts the path of its worker in an option object that another module
        // hands to `new Worker`: an own script's path in a module that starts workers.
        assert_eq!(
            requests(
                "const node_worker_threads_1 = require('node:worker_threads'); const node_path_1 = require('node:path');\n\
                 const info = { worker: { filename: (0, node_path_1.resolve)(__dirname, 'worker.js') } };\n\
                 const data = path.join(__dirname, 'data'); const up = node_path_1.join(__dirname, '..', 'package.json')"
            ),
            ["node:worker_threads", "node:path", "./worker.js"]
        );
        assert_eq!(
            requests("const w = require('path').join(__dirname, 'worker.js')"),
            ["path"]
        );
        assert_eq!(
            requests("const p = require.resolve('./child')"),
            Vec::<String>::new()
        );
        // An ES module's requires are those of a `createRequire`: its worker files are too.
        assert_eq!(
            requests(
                "import { Worker } from 'node:worker_threads'; new Worker(new URL('./esm.mjs', import.meta.url)); new Worker(new URL('./x.mjs', base));\n\
                 new Worker(fileURLToPath(import.meta.url + '/../entry/worker.js')); new Worker(url.fileURLToPath(new URL('./w2.js', import.meta.url)))"
            ),
            ["./esm.mjs", "./entry/worker.js", "./w2.js"]
        );
    }

    #[test]
    fn webpacks_escape_to_nodes_require_is_a_require() {
        let source = "const url = (typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require)('url'); url.parse(x)";
        let found = facts(source);
        assert_eq!(
            found
                .requires
                .iter()
                .map(|r| r.specifier.as_str())
                .collect::<Vec<_>>(),
            ["url"]
        );
        assert_eq!(found.builtin_paths("url"), ["url.parse"]);
        assert!(found.dynamic_requires.is_empty());
        // A conditional that is not called, or a computed request, is what it was.
        assert!(facts("const r = x ? y : require").requires.is_empty());
        assert_eq!(facts("(x ? y : require)(name)").dynamic_requires.len(), 1);
    }

    #[test]
    fn eval_of_require_is_nodes_require() {
        // threads.js: `eval("require")("worker_threads").Worker`, `eval("require").resolve(p)`.
        let found = facts(
            "const W = eval('require')('worker_threads').Worker; eval(\"require\").resolve(p)",
        );
        assert_eq!(
            found
                .requires
                .iter()
                .map(|r| r.specifier.as_str())
                .collect::<Vec<_>>(),
            ["worker_threads"]
        );
        assert_eq!(
            found.builtin_paths("worker_threads"),
            ["worker_threads.Worker"]
        );
        // Another name, a local eval, or more arguments: not a require.
        assert!(facts("eval('process')('x')").requires.is_empty());
        assert!(facts("function f(eval) { eval('require')('x') }")
            .requires
            .is_empty());
        assert!(facts("eval('require', 1)('x')").requires.is_empty());
    }

    #[test]
    fn static_requests_in_source_order_deduplicated() {
        let facts = facts("require('b'); const a = require('a'); require('b'); f(require(\"c\"))");
        let found: Vec<(&str, &str)> = facts
            .requires
            .iter()
            .map(|r| {
                (
                    r.specifier.as_str(),
                    &"require('b'); const a = require('a'); require('b'); f(require(\"c\"))"
                        [r.span.start as usize..r.span.end as usize],
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("b", "require('b')"),
                ("a", "require('a')"),
                ("c", "require(\"c\")")
            ]
        );
    }

    #[test]
    fn locally_bound_require_is_not_a_require() {
        assert_eq!(requests("function f(require) { require('x') } const g = (require) => require('y'); { let require = 1; require('z') }"), Vec::<String>::new());
        assert_eq!(requests("function f() { require('outer') }"), ["outer"]);
    }

    #[test]
    fn require_resolve_and_optional_calls_are_ignored() {
        assert_eq!(
            requests("require.resolve('b'); require?.('c'); new require('d')"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn esm_imports_are_not_requests() {
        assert_eq!(
            requests("import fs from 'fs'; export * from 'x'; export { y } from 'y'"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn dynamic_requires_are_listed_with_their_call_spans() {
        let source = "const name = 'b' + ''; module.exports = function load(x) { return [require(name), require(x), require(`${a}`), require('a' + b), require()] }";
        let facts = facts(source);
        assert_eq!(facts.requires, Vec::<Request>::new());
        assert_eq!(
            slices(source, &facts.dynamic_requires),
            [
                "require(name)",
                "require(x)",
                "require(`${a}`)",
                "require('a' + b)",
                "require()"
            ]
        );
    }

    #[test]
    fn top_level_return_is_allowed() {
        assert_eq!(requests("if (x) return; require('a')"), ["a"]);
    }
}

mod builtins {
    use super::*;

    #[test]
    fn unassigned_require_is_the_whole_module() {
        assert_eq!(uses("require('fs'); f(require('os'))"), ["fs", "os"]);
    }

    #[test]
    fn variable_references_extended_by_member_chains() {
        assert_eq!(
            uses("const fs = require('fs'); fs.readFileSync; fs.promises.readFile"),
            ["fs.readFileSync", "fs.promises.readFile"]
        );
    }

    #[test]
    fn bare_use_and_no_use_are_whole() {
        assert_eq!(
            uses("const fs = require('fs'); module.exports = fs; Object.keys(fs); fs['c']"),
            ["fs", "fs", "fs"]
        );
        assert_eq!(uses("const unused = require('tls')"), ["tls"]);
        assert_eq!(uses("const fs = require('fs'); const os = require('os'); module.exports = { fs, info: os }"), ["fs", "os"]);
    }

    #[test]
    fn direct_chains_are_kept_as_is() {
        assert_eq!(
            uses("require('fs').promises.readFile.call(null); require('v8').x.y.z"),
            ["fs.promises.readFile.call", "v8.x.y.z"]
        );
    }

    #[test]
    fn declarator_with_one_member_follows_the_variable() {
        assert_eq!(
            uses("const y = require('os').constants; y.errno.E2BIG; y.signals"),
            ["os.constants.errno.E2BIG", "os.constants.signals"]
        );
    }

    #[test]
    fn declarator_with_two_members_is_consumed() {
        assert_eq!(
            uses("const x = require('fs').promises.readFile; x.call()"),
            ["fs.promises.readFile"]
        );
    }

    #[test]
    fn destructuring() {
        assert_eq!(
            uses("const { readFile, writeFile: w } = require('fs')"),
            ["fs.readFile", "fs.writeFile"]
        );
        assert_eq!(
            uses("const { join, resolve: r } = require('node:path'); r.x"),
            ["node:path.join", "node:path.resolve.x"]
        );
        assert_eq!(uses("const { a = 1 } = require('fs')"), ["fs.a"]);
        assert_eq!(
            uses("const { a: { b }, c = 1, d: [e0, e1], ...rest } = require('path')"),
            ["path"]
        );
        assert_eq!(
            uses("const [h0, h1] = require('https'); h1.foo"),
            ["https.0", "https.1.foo"]
        );
        assert_eq!(
            uses("const { deep: { inner } } = require('net'); inner.q.r"),
            ["net.deep.inner.q.r"]
        );
        assert_eq!(
            uses("const { readFile: rf, 'str': sk, stat } = require('util'); rf.x; sk.y"),
            ["util.readFile.x", "util.stat"]
        );
    }

    #[test]
    fn assignments_are_whole_and_are_not_reads() {
        assert_eq!(
            uses("let z; z = require('crypto'); z.randomBytes"),
            ["crypto"]
        );
        assert_eq!(
            uses("let zz = require('zlib'); zz = 5; typeof zz"),
            ["zlib"]
        );
        assert_eq!(uses("let zz = require('zlib'); zz += 5"), ["zlib"]);
    }

    #[test]
    fn references_in_source_order_including_hoisted_functions() {
        assert_eq!(
            uses("function f() { dup.lookup } var dup = require('dns'); dup.resolve"),
            ["dns.lookup", "dns.resolve"]
        );
    }

    #[test]
    fn prefix_spellings_stay_apart() {
        let facts = facts("require('path').join; require('node:path').resolve");
        assert_eq!(facts.builtin_paths("path"), ["path.join"]);
        assert_eq!(facts.builtin_paths("node:path"), ["node:path.resolve"]);
    }

    #[test]
    fn builtin_paths_are_unique_in_order() {
        let facts =
            facts("const fs = require('fs'); fs.b; fs.a; fs.b; require('os').x; require('fs').c");
        assert_eq!(facts.builtin_paths("fs"), ["fs.b", "fs.a", "fs.c"]);
    }
}

mod warnings {
    use super::*;

    #[test]
    fn primordial_mutations() {
        let source = "Object.prototype.foo = 1; Array.prototype.x = 2; Error.stackTraceLimit = 5; Math.foo = 1; Object.foo.bar = 2; JSON.parse.x = 1; \
                      Array.prototype.y += 1; notIntrinsic.prototype.z = 1; Object.prototype[k] = 1";
        assert_eq!(
            slices(source, &facts(source).primordial_mutations),
            [
                "Object.prototype.foo = 1",
                "Array.prototype.x = 2",
                "Math.foo = 1",
                "Object.foo.bar = 2",
                "JSON.parse.x = 1",
                "Array.prototype.y += 1"
            ]
        );
    }

    #[test]
    fn shadowed_intrinsics_are_not_mutations() {
        assert!(facts("function f(Object) { Object.prototype.foo = 1 }")
            .primordial_mutations
            .is_empty());
    }

    #[test]
    fn strict_mode_violations() {
        let source = "var x = 010;\nwith (obj) { foo }\nfunction g() { var q; delete q; return arguments }\nvar let = 5; var yield = 1\nlet s = \"\\01\"\n";
        let found: Vec<(Location, String)> = facts(source)
            .strict_mode_violations
            .iter()
            .map(|v| (LineIndex::new(source).location(v.offset), v.message.clone()))
            .collect();
        let at = |line, column| Location { line, column };
        assert_eq!(
            found,
            [
                (
                    at(1, 8),
                    "Legacy octal literals are not allowed in strict mode.".to_string()
                ),
                (at(2, 0), "'with' in strict mode.".to_string()),
                (
                    at(3, 22),
                    "Deleting local variable in strict mode.".to_string()
                ),
                (at(4, 4), "Unexpected reserved word 'let'.".to_string()),
                (at(4, 17), "Unexpected reserved word 'yield'.".to_string()),
                (
                    at(5, 10),
                    "The only valid numeric escape in strict mode is '\\0'.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn strict_code_has_no_violations() {
        let facts = facts("'use strict'; const a = 0.5 + 0 + 0x10 + 0o7; const s = '\\0 \\n \\\\1'; delete a.b; class C { static x = 1 }");
        assert_eq!(
            facts.strict_mode_violations,
            Vec::<StrictModeViolation>::new()
        );
    }

    #[test]
    fn code_frame_like_babel_fixture_14() {
        let source = "const name = 'b' + ''; module.exports = function load(x) { return [require(name), require(x)] }\n";
        let facts = facts(source);
        let frames: Vec<String> = facts
            .dynamic_requires
            .iter()
            .map(|span| LineIndex::new(source).code_frame(*span, "dynamic require"))
            .collect();
        assert_eq!(
            frames,
            [
                "> 1 | const name = 'b' + ''; module.exports = function load(x) { return [require(name), require(x)] }\n    |                                                                   ^^^^^^^^^^^^^ dynamic require\n  2 |",
                "> 1 | const name = 'b' + ''; module.exports = function load(x) { return [require(name), require(x)] }\n    |                                                                                  ^^^^^^^^^^ dynamic require\n  2 |",
            ]
        );
    }

    #[test]
    fn code_frame_context_lines_and_gutter_width() {
        let source = "l1\nl2\nl3\nl4\nl5\nl6\nconst m = require(n+1)\nl8\nl9\nl10\nl11\n";
        let span = facts(source).dynamic_requires[0];
        assert_eq!(
            LineIndex::new(source).code_frame(span, "dynamic require"),
            "   5 | l5\n   6 | l6\n>  7 | const m = require(n+1)\n     |          ^^^^^^^^^^^^ dynamic require\n   8 | l8\n   9 | l9\n  10 | l10"
        );
    }

    #[test]
    fn code_frame_multiline_from_column_zero_marks_lines_only() {
        let source = "x\nrequire(a +\n  'b')\n";
        let span = facts(source).dynamic_requires[0];
        assert_eq!(
            LineIndex::new(source).code_frame(span, "dynamic require"),
            "  1 | x\n> 2 | require(a +\n> 3 |   'b')\n  4 |"
        );
    }

    #[test]
    fn code_frame_multiline_from_a_column() {
        // Output of @babel/code-frame for the same node location.
        let source = "f(require(a +\n  'bb' +\n  c))";
        let span = facts(source).dynamic_requires[0];
        assert_eq!(
            LineIndex::new(source).code_frame(span, "dynamic require"),
            "> 1 | f(require(a +\n    |  ^^^^^^^^^^^^\n> 2 |   'bb' +\n    | ^^^^^^^^\n> 3 |   c))\n    | ^^^^ dynamic require"
        );
    }

    #[test]
    fn code_frame_at_a_point() {
        let source = "var x = 010;\nwith (o) {}\n";
        assert_eq!(
            code_frame_at(source, 8, "strict mode violation: Legacy octal literals are not allowed in strict mode. (1:8)"),
            "> 1 | var x = 010;\n    |        ^ strict mode violation: Legacy octal literals are not allowed in strict mode. (1:8)\n  2 | with (o) {}\n  3 |"
        );
        assert_eq!(
            code_frame_at(
                source,
                13,
                "strict mode violation: 'with' in strict mode. (2:0)"
            ),
            "  1 | var x = 010;\n> 2 | with (o) {}\n  3 |"
        );
    }

    #[test]
    fn columns_count_utf16_units() {
        let source = "const s = '😀é'; require(x)";
        let span = facts(source).dynamic_requires[0];
        assert_eq!(
            LineIndex::new(source).location(span.start),
            Location {
                line: 1,
                column: 17
            }
        );
        assert_eq!(
            LineIndex::new(source).code_frame(span, "m"),
            "> 1 | const s = '😀é'; require(x)\n    |                 ^^^^^^^^^^ m"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_finding() {
        let padding = "x=1;".repeat(2000);
        let source = format!("{padding}require(name);{padding}\nnext");
        let span = facts(&source).dynamic_requires[0];
        let frame = LineIndex::new(&source).code_frame(span, "dynamic require");
        let context = &padding[..100];
        assert_eq!(
            frame,
            format!("> 1 | …{context}require(name);{}…\n    | {}^^^^^^^^^^^^^ dynamic require\n  2 | next", &padding[..86], " ".repeat(100))
        );
        assert_eq!(
            LineIndex::new(&source).location(span.start),
            Location {
                line: 1,
                column: 8000
            }
        );
    }

    #[test]
    fn crlf_and_unicode_line_terminators() {
        let source = "a\r\nb\u{2028}c\rrequire(x)";
        let span = facts(source).dynamic_requires[0];
        assert_eq!(
            LineIndex::new(source).location(span.start),
            Location { line: 4, column: 0 }
        );
    }
}

mod parse_errors {
    use super::*;

    #[test]
    fn unparsable_file_gives_only_a_parse_error() {
        let source = "require('a'); foo.bar;\nmodule.exports = function ( {\n";
        let facts = facts(source);
        let error = facts.parse_error.clone().expect("parse error");
        assert_eq!(error.location.line, 3);
        assert_eq!(facts.requires, Vec::<Request>::new());
        assert!(facts.globals.is_empty());
        assert!(
            error
                .to_string()
                .starts_with("Failed to parse file \"/project/node_modules/a/index.js\": "),
            "{error}"
        );
    }

    #[test]
    fn esm_and_sloppy_code_parse() {
        assert_eq!(
            facts("import a from 'a'; export const b = await a").parse_error,
            None
        );
        assert_eq!(
            facts("var await = 1; with (x) {} <!-- html comment\n").parse_error,
            None
        );
    }

    #[test]
    fn parse_error_offset_is_a_character_boundary() {
        // Found by the token-soup property test: oxc pointed inside the BOM.
        let source = "`${}\u{feff}";
        let error = facts(source).parse_error.expect("does not parse");
        assert!(source.is_char_boundary(error.offset as usize), "{error:?}");
    }

    #[test]
    fn garbage_does_not_panic() {
        for source in [
            "",
            "\u{feff}",
            "#!/usr/bin/env node\nrequire('a')",
            "}}}}",
            "<div/>",
            "`${",
            "/*",
            "a.b.c.d = = 1",
            "\0\u{1}",
        ] {
            let _ = facts(source);
        }
    }
}

/// The complete example of spec §8, checked on the reference.
mod full_example {
    use super::*;

    const SOURCE: &str =
        "const fs = require('fs'); const { join, resolve: r } = require('node:path')
const os = require('os').platform
fs.readFileSync; fs.promises.readFile
console.log(typeof fetch, typeof process, typeof setTimeout, typeof Buffer)
process.env.NODE_ENV; process.env.FOO = 'x'; globalThis.myGlobal = 1
if (typeof someMaybe !== 'undefined') {}
new WeakRef({}); Math.random(); const d = require('d'); let x = require(someVar)
";

    #[test]
    fn globals_requires_and_builtins() {
        let facts = facts(SOURCE);
        let globals: Vec<String> = facts
            .globals
            .iter()
            .map(|(p, u)| format!("{p}={}", u.as_str()))
            .collect();
        assert_eq!(
            globals,
            [
                "WeakRef=read",
                "console.log=read",
                "myGlobal=write",
                "process.env.FOO=read",
                "process.env.NODE_ENV=read",
                "someVar=read",
            ]
        );
        // The reference lists these as reads too (and so `process` whole): our deliberate
        // difference, decided per package (autopolicy/assemble.rs).
        assert_eq!(
            facts.presence_tests.iter().collect::<Vec<_>>(),
            ["Buffer", "fetch", "process", "setTimeout", "someMaybe"]
        );
        let requests: Vec<&str> = facts
            .requires
            .iter()
            .map(|r| r.specifier.as_str())
            .collect();
        assert_eq!(requests, ["fs", "node:path", "os", "d"]);
        assert_eq!(
            facts.builtin_paths("fs"),
            ["fs.readFileSync", "fs.promises.readFile"]
        );
        assert_eq!(
            facts.builtin_paths("node:path"),
            ["node:path.join", "node:path.resolve"]
        );
        assert_eq!(facts.builtin_paths("os"), ["os.platform"]);
        assert_eq!(
            slices(SOURCE, &facts.dynamic_requires),
            ["require(someVar)"]
        );
        assert!(facts.primordial_mutations.is_empty());
        assert!(facts.strict_mode_violations.is_empty());
    }
}

mod edge_inputs {
    use super::*;

    #[test]
    fn byte_order_mark_and_hashbang_are_skipped() {
        assert_eq!(requests("\u{feff}require('a')"), ["a"]);
        assert_eq!(requests("#!/usr/bin/env node\nrequire('b')"), ["b"]);
    }

    #[test]
    fn long_operator_chains_are_analysed() {
        let source = format!("module.exports = {}", vec!["x"; 20_000].join(" + "));
        let facts = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || facts(&source))
            .expect("thread")
            .join()
            .expect("no panic");
        assert_eq!(facts.globals.keys().collect::<Vec<_>>(), ["x"]);
    }
}
