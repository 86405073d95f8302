//! Globals read through a global alias of the package's own (ours; see
//! autopolicy/aliases.rs): joined across modules once the graph is resolved.

use serde_json::json;

use super::*;

const APP: [(&str, &str); 3] = [
    (
        "package.json",
        r#"{"name":"app","dependencies":{"a":"1","b":"1"}}"#,
    ),
    ("index.js", "require('a')"),
    (
        "node_modules/a/package.json",
        r#"{"name":"a","version":"1.0.0"}"#,
    ),
];

/// The policy of package `a` (`null` when it gets no entry) and the debug globals of each
/// of its modules by file name.
fn policy_of_a(files: &[(&str, &str)]) -> (Value, Map<String, Value>) {
    let mut all = APP.to_vec();
    all.extend_from_slice(files);
    let scratch = project(&all);
    let root = scratch.path().canonicalize().expect("root");
    let generated = generate_with_debug(&root);
    let module_globals = generated.debug.expect("debug policy")["debugInfo"]
        .as_object()
        .expect("debugInfo")
        .iter()
        .filter_map(|(file, debug)| {
            let name = file.strip_prefix(&root.join("node_modules/a/").display().to_string())?;
            Some((
                name.to_string(),
                debug.get("globals").cloned().unwrap_or(Value::Null),
            ))
        })
        .collect();
    (generated.policy["resources"]["a"].clone(), module_globals)
}

#[test]
fn engine_io_client_reads_timers_through_its_globals_module() {
    let (policy, debug) = policy_of_a(&[
        (
            "node_modules/a/index.js",
            "require('./lib/util.js'); require('./lib/ws.js')",
        ),
        (
            "node_modules/a/lib/globals.node.js",
            "exports.nextTick = process.nextTick; exports.globalThisShim = global;",
        ),
        (
            "node_modules/a/lib/util.js",
            r#"const globals_node_js_1 = require("./globals.node.js");
               const NATIVE_SET_TIMEOUT = globals_node_js_1.globalThisShim.setTimeout;
               exports.f = (o) => { o.c = globals_node_js_1.globalThisShim.clearTimeout.bind(globals_node_js_1.globalThisShim) };"#,
        ),
        (
            "node_modules/a/lib/ws.js",
            r#"const globals_node_js_1 = require("./globals.node.js");
               const WebSocketCtor = globals_node_js_1.globalThisShim.WebSocket || globals_node_js_1.globalThisShim.MozWebSocket;
               const pagehide = "onpagehide" in globals_node_js_1.globalThisShim;
               globals_node_js_1.globalThisShim.lastSocket = null;"#,
        ),
    ]);
    assert_eq!(
        policy["globals"],
        json!({
            "MozWebSocket": true, "WebSocket": true, "clearTimeout.bind": true,
            "lastSocket": "write", "process.nextTick": true, "setTimeout": true,
        })
    );
    assert_eq!(
        debug["lib/util.js"],
        json!({ "clearTimeout.bind": "read", "setTimeout": "read" })
    );
    assert_eq!(
        debug["lib/globals.node.js"],
        json!({ "process.nextTick": "read" })
    );
}

#[test]
fn only_the_module_the_request_resolves_to_counts() {
    // `./g` is g.js (not g/index.js, which would be an alias) for require's resolution.
    let (policy, _) = policy_of_a(&[
        (
            "node_modules/a/index.js",
            "const g = require('./g'); g.shim.setTimeout; require('./g/index.js')",
        ),
        ("node_modules/a/g.js", "exports.shim = {}"),
        ("node_modules/a/g/index.js", "exports.shim = global"),
    ]);
    assert_eq!(policy, Value::Null);
}

#[test]
fn an_alias_exported_by_another_package_does_not_count() {
    let (policy, _) = policy_of_a(&[
        (
            "node_modules/a/index.js",
            "const g = require('../b/g.js'); g.shim.setTimeout",
        ),
        (
            "node_modules/b/package.json",
            r#"{"name":"b","version":"1.0.0"}"#,
        ),
        ("node_modules/b/g.js", "exports.shim = global"),
    ]);
    assert_eq!(policy, json!({ "packages": { "b": true } }));
}

#[test]
fn an_export_that_is_not_the_alias_grants_nothing() {
    let (policy, _) = policy_of_a(&[
        (
            "node_modules/a/index.js",
            "const g = require('./g'); g.other.setTimeout; g.shim.clearTimeout",
        ),
        (
            "node_modules/a/g.js",
            "exports.shim = global; exports.other = {}",
        ),
    ]);
    assert_eq!(policy, json!({ "globals": { "clearTimeout": true } }));
}

#[test]
fn module_syntax_imports_of_an_exported_alias() {
    let (policy, _) = policy_of_a(&[
        ("node_modules/a/index.js", "import('./m.mjs')"),
        ("node_modules/a/m.mjs", "import { shim as G } from './g.mjs'; import * as ns from './g.mjs'; G.fetch('x'); ns.shim.queueMicrotask(() => {})"),
        ("node_modules/a/g.mjs", "export const shim = globalThis"),
    ]);
    assert_eq!(
        policy,
        json!({ "globals": { "fetch": true, "queueMicrotask": true } })
    );
}

#[test]
fn presence_tests_through_an_alias_narrow_as_bare_ones_do() {
    let (policy, _) = policy_of_a(&[
        ("node_modules/a/index.js", "const g = require('./g'); if (typeof g.G.process === 'object') require('./env'); typeof g.G.Deno"),
        ("node_modules/a/env.js", "module.exports = process.env.DEBUG"),
        ("node_modules/a/g.js", "module.exports.G = globalThis"),
    ]);
    assert_eq!(
        policy,
        json!({ "globals": { "Deno": true, "process.env.DEBUG": true } })
    );
}

#[test]
fn a_global_assigned_through_a_variable_holding_the_global_object_is_written_zod() {
    // zod 4's core.cjs and registries.cjs: TypeScript's `globalThis.x ??= v`.
    let (policy, debug) = policy_of_a(&[
        (
            "node_modules/a/index.js",
            "require('./core.cjs'); require('./registries.cjs'); require('./counter.js')",
        ),
        (
            "node_modules/a/core.cjs",
            "var _a;\n(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});\n\
             exports.globalConfig = globalThis.__zod_globalConfig;",
        ),
        (
            "node_modules/a/registries.cjs",
            "var _a;\n(_a = globalThis).__zod_globalRegistry ?? (_a.__zod_globalRegistry = new Map());\n\
             exports.globalRegistry = globalThis.__zod_globalRegistry;",
        ),
        (
            "node_modules/a/counter.js",
            "globalThis.__count ??= 0; globalThis.__count++; global.__seen ||= true",
        ),
    ]);
    assert_eq!(
        policy["globals"],
        json!({
            "__count": "write", "__seen": "write",
            "__zod_globalConfig": "write", "__zod_globalRegistry": "write",
        })
    );
    assert_eq!(debug["core.cjs"], json!({ "__zod_globalConfig": "write" }));
}

#[test]
fn globals_read_through_a_function_returning_the_global_object_hash_wasm() {
    let (policy, _) = policy_of_a(&[(
        "node_modules/a/index.js",
        "var _a;\nfunction getGlobal() {\n\
           if (typeof globalThis !== 'undefined') return globalThis;\n\
           if (typeof self !== 'undefined') return self;\n\
           if (typeof window !== 'undefined') return window;\n\
           return global;\n\
         }\n\
         const globalObject = getGlobal();\n\
         const nodeBuffer = (_a = globalObject.Buffer) !== null && _a !== void 0 ? _a : null;\n\
         const textEncoder = globalObject.TextEncoder ? new globalObject.TextEncoder() : null;",
    )]);
    assert_eq!(
        policy,
        json!({ "globals": { "Buffer": true, "TextEncoder": true } })
    );
}
