//! Global aliases, per file (ours: the reference has none): the names a module exports the
//! global object under, and what a module uses through exports of its relative requests.

use super::*;

fn exported(source: &str) -> Vec<String> {
    let facts = facts(source);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    facts.global_aliases.into_iter().collect()
}

/// `request#export: path=read|write ...` per alias use, presence tests as `name?`.
fn alias_uses(source: &str) -> Vec<String> {
    let facts = facts(source);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    facts
        .alias_uses
        .iter()
        .map(|alias| {
            let globals = alias
                .globals
                .iter()
                .map(|(path, usage)| format!("{path}={}", usage.as_str()))
                .chain(alias.presence_tests.iter().map(|name| format!("{name}?")))
                .collect::<Vec<_>>()
                .join(" ");
            format!("{}#{}: {globals}", alias.request, alias.export)
        })
        .collect()
}

mod exporters {
    use super::*;

    #[test]
    fn commonjs_exports_of_the_global_object_by_any_of_its_names() {
        assert_eq!(
            exported(
                "exports.a = global; exports.b = globalThis; module.exports.c = self; exports.d = window; \
                 exports.e = process; exports.f = this; module.g = global"
            ),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn engine_io_clients_browser_shim_and_other_simple_forms() {
        let browser = r#"exports.globalThisShim = (() => {
            if (typeof self !== "undefined") { return self; }
            else if (typeof window !== "undefined") { return window; }
            else { return Function("return this")(); }
        })();"#;
        assert_eq!(exported(browser), ["globalThisShim"]);
        assert_eq!(
            exported(
                "exports.a = (() => globalThis)(); exports.b = new Function('return this;')(); \
                 exports.c = typeof globalThis !== 'undefined' ? globalThis : global; \
                 exports.d = globalThis || self; exports.e = (function () { var g = 1; return global })()"
            ),
            ["a", "b", "c", "d", "e"]
        );
    }

    #[test]
    fn anything_that_may_be_another_value_is_not_an_alias() {
        assert_eq!(
            exported(
                "exports.a = (() => { for (;;) return global })(); \
                 exports.b = (() => { if (x) return global; return {} })(); \
                 exports.c = (() => {})(); exports.d = global.process; exports.e = globalThis && x; \
                 exports.f = Function('return 1')(); exports.g = (() => global); exports.h += global"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_local_binding_of_the_name_is_not_the_global_object() {
        assert_eq!(exported("const global = {}; exports.a = global; function Function() {} exports.b = Function('return this')()"), Vec::<String>::new());
        assert_eq!(
            exported("(function (exports) { exports.a = global })({})"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn module_syntax_exports_a_const() {
        assert_eq!(
            exported("export const g = globalThis; export const h = {}; export let i = self"),
            ["g", "i"]
        );
        // An ES module has no `exports`.
        assert_eq!(
            exported("exports.a = global; export {}"),
            Vec::<String>::new()
        );
    }
}

mod readers {
    use super::*;

    #[test]
    fn member_chains_after_the_export_are_global_paths() {
        let source = r#"const globals_node_js_1 = require("./globals.node.js");
            const NATIVE_SET_TIMEOUT = globals_node_js_1.globalThisShim.setTimeout;
            globals_node_js_1.globalThisShim.clearTimeout.bind(globals_node_js_1.globalThisShim);
            globals_node_js_1.globalThisShim.process.env.X;
            (0, globals_node_js_1.nextTick)(() => {});"#;
        assert_eq!(
            alias_uses(source),
            ["./globals.node.js#globalThisShim: clearTimeout.bind=read process.env.X=read setTimeout=read"]
        );
    }

    #[test]
    fn writes_presence_tests_and_literal_keys_follow_the_rules_of_direct_reads() {
        let source = r#"const g = require("../g");
            g.G.a = 1; g.G.b.c = 2; typeof g.G.d; g.G.WebSocket || g.G.MozWebSocket;
            const { e, f: { h } } = g.G; g.G["setImmediate"](); g.G[computed]; "onpagehide" in g.G;"#;
        assert_eq!(
            alias_uses(source),
            ["../g#G: MozWebSocket=read WebSocket=read a=write b.c=read e=read f.h=read setImmediate=read d?"]
        );
    }

    #[test]
    fn a_name_in_a_presence_test_position_is_a_presence_test_as_a_bare_name_is() {
        assert_eq!(
            alias_uses(
                "const g = require('./g'); if (g.G.fetch) {} typeof g.G['x']; g.G.process && g.G.process.env.Y; \
                 !g.G.y.z; g.G.w == null"
            ),
            ["./g#G: process.env.Y=read y.z=read fetch? process? w? x?"]
        );
        // The global object itself tested or passed on is no global (as `globalThis` is not).
        assert_eq!(
            alias_uses("const g = require('./g'); g.G && f(g.G); 'onpagehide' in g.G"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn module_syntax_imports_named_and_namespace() {
        assert_eq!(
            alias_uses("import { shim as G } from './g.js'; import * as ns from './h.js'; G.setTimeout; ns.shim.fetch"),
            ["./g.js#shim: setTimeout=read", "./h.js#shim: fetch=read"]
        );
    }

    #[test]
    fn only_relative_requests_bound_to_a_variable_count() {
        assert_eq!(
            alias_uses(
                "const p = require('pkg'); p.G.setTimeout; require('./g').G.setTimeout; \
                 let q; q = require('./g'); q.G.setTimeout; const { G } = require('./g'); G.setTimeout"
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            alias_uses(
                "const up = require('..'); up.G.fetch; const here = require('.'); here.G.fetch"
            ),
            [".#G: fetch=read", "..#G: fetch=read"]
        );
    }
}

mod parameters {
    use super::*;

    #[test]
    fn a_function_called_at_once_with_the_global_object_reads_globals_through_its_parameter() {
        assert_eq!(
            globals(
                "(function (global, undefined) {\n\
                   if (global.setImmediate) return;\n\
                   if ({}.toString.call(global.process) === '[object process]') global.process.nextTick(f);\n\
                   global.onmessage = f;\n\
                 }(typeof self === 'undefined' ? typeof global === 'undefined' ? this : global : self));\n\
                 (function (root) { root.fetch(u) }).call(this, typeof window !== 'undefined' ? window : globalThis);\n\
                 ((g) => g.queueMicrotask(f))(global)"
            ),
            [
                "f=read",
                "fetch=read",
                "onmessage=read",
                "process=read",
                "queueMicrotask=read",
                "setImmediate=read",
                "u=read"
            ]
        );
    }

    #[test]
    fn assigning_through_such_a_binding_is_a_read_except_reflect() {
        assert_eq!(
            globals(
                "(function (root, factory) {\n\
                   if (typeof module === 'object') module.exports = factory(); else root.Long = factory();\n\
                 })(typeof globalThis === 'object' ? globalThis : this, function () {});\n\
                 var g = typeof globalThis === 'object' ? globalThis : typeof global === 'object' ? global : this;\n\
                 if (typeof g.Reflect === 'undefined') g.Reflect = {}"
            ),
            ["Long=read", "Reflect=write"]
        );
    }

    #[test]
    fn assigning_through_a_variable_named_after_the_global_object_is_a_write_lit() {
        // lit-html and @lit/reactive-element's builds: `const t = globalThis`, then
        // `(t.litHtmlVersions ??= []).push(...)`. A variable that is assigned again, or whose
        // initialiser is a UMD header's choice, stays a read.
        assert_eq!(
            globals(
                "const t = globalThis; (t.litHtmlVersions ??= []).push('3'); t.customElements ??= c;\n\
                 let g = (global); g.a = 1; t.b.c = 2;\n\
                 var r = globalThis; r.d = 1; r = other;\n\
                 var u = typeof globalThis === 'object' ? globalThis : this; u.e = 1"
            ),
            ["a=write", "b.c=read", "c=read", "customElements=write", "d=read", "e=read", "litHtmlVersions=write", "other=read"]
        );
    }

    #[test]
    fn other_arguments_and_other_guards_are_no_global_object() {
        assert_eq!(
            globals(
                "(function (root) { root.x })(this);\n\
                 (function (root) { root.y })(typeof window === 'undefined' ? this : window);\n\
                 (function (root) { root.z })(typeof foo === 'undefined' ? global : foo);\n\
                 function later(root) { root.w } later(global)"
            ),
            ["foo=read"]
        );
    }
}

mod assigned {
    use super::*;

    #[test]
    fn typescripts_nullish_assignment_to_a_global_writes_it_zod() {
        // `globalThis.__zod_globalConfig ??= {}` as TypeScript and esbuild emit it.
        assert_eq!(
            globals(
                "var _a;\n\
                 (_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});\n\
                 exports.globalConfig = globalThis.__zod_globalConfig;"
            ),
            ["__zod_globalConfig=write"]
        );
    }

    #[test]
    fn the_assignment_and_the_variable_hold_the_global_object_by_any_of_its_forms() {
        assert_eq!(
            globals(
                "var _a, _b, _c;\n\
                 (_a = global).a = 1; (_b = typeof self !== 'undefined' ? self : globalThis).b ||= 2;\n\
                 (_c = window).c; _c.d++; _b.e.f = 3; _a.g"
            ),
            ["a=write", "b=write", "c=read", "d=write", "e.f=read", "g=read"]
        );
    }

    #[test]
    fn a_variable_that_may_hold_another_value_is_no_global_object() {
        assert_eq!(
            globals(
                "var _a, _b, _d = 1; let _c = globalThis;\n\
                 (_a = globalThis).a; _a.b = 1; _a = other; _a.c = 2;\n\
                 (_b = globalThis).d; _b += 1; _b.e;\n\
                 (_d = globalThis).f; _d.g;\n\
                 _c.h = 1;\n\
                 function f(_p) { (_p = globalThis).i; _p.j }"
            ),
            [
                "a=read",
                "d=read",
                "f=read",
                "h=write",
                "i=read",
                "other=read"
            ]
        );
    }

    #[test]
    fn a_temporary_used_again_for_other_values_holds_the_global_object_in_its_own_expression() {
        assert_eq!(
            globals(
                "var _a;\n\
                 (_a = globalThis).a ?? (_a.a = 1);\n\
                 (_a = other).b ?? (_a.b = 2);\n\
                 (_a = globalThis).c || (_a = other, _a.c = 3);\n\
                 _a.d = 4"
            ),
            ["a=write", "c=read", "other=read"]
        );
    }
}

mod calls {
    use super::*;

    #[test]
    fn a_declared_function_returning_the_global_object_hash_wasm() {
        assert_eq!(
            globals(
                "function getGlobal() {\n\
                   if (typeof globalThis !== 'undefined') return globalThis;\n\
                   if (typeof self !== 'undefined') return self;\n\
                   if (typeof window !== 'undefined') return window;\n\
                   return global;\n\
                 }\n\
                 const globalObject = getGlobal();\n\
                 const nodeBuffer = globalObject.Buffer;\n\
                 const textEncoder = globalObject.TextEncoder ? new globalObject.TextEncoder() : null;\n\
                 function outer() { return getGlobal() }\n\
                 var g = outer(); g.fetch(u)"
            ),
            ["Buffer=read", "TextEncoder=read", "fetch=read", "u=read"]
        );
    }

    #[test]
    fn a_function_that_may_return_another_value_is_no_global_object() {
        assert_eq!(
            globals(
                "function a() { return globalThis } a = other;\n\
                 function b() { return globalThis } function b() { return {} }\n\
                 function c(x) { if (x) return globalThis; return x }\n\
                 function d() { return d() }\n\
                 const e = function () { return globalThis };\n\
                 a().p; b().q; c().r; d().s; e().t"
            ),
            ["other=read"]
        );
    }

    #[test]
    fn a_plain_alias_reads_globals() {
        assert_eq!(
            globals(
                "var g = globalThis; var t = g.TextEncoder;\n\
                 var h = typeof self !== 'undefined' ? self : typeof window !== 'undefined' ? window : global;\n\
                 h.TextDecoder"
            ),
            ["TextDecoder=read", "TextEncoder=read"]
        );
    }
}
