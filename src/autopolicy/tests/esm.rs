//! Policies of ECMAScript module graphs (ours: the reference stops at the first `.mjs`).

use serde_json::json;

use super::*;
use crate::test_support::ESBUILD_SHIM;

const APP: (&str, &str) = (
    "package.json",
    r#"{"name":"app","dependencies":{"a":"1","b":"1"}}"#,
);

mod formats {
    use super::*;

    #[test]
    fn an_mjs_entry_imports_with_the_import_condition() {
        let b = manifest(
            "b",
            r#","exports":{".":{"import":"./esm/i.mjs","require":"./cjs/i.js"}}"#,
        );
        let (policy, warnings) = policy_from(
            &[
                APP,
                ("app.mjs", "import b from 'b'; b()"),
                ("node_modules/b/package.json", &b),
                (
                    "node_modules/b/esm/i.mjs",
                    "export default () => fetch('x')",
                ),
                (
                    "node_modules/b/cjs/i.js",
                    "module.exports = () => new XMLHttpRequest()",
                ),
            ],
            "app.mjs",
        );
        assert_eq!(warnings, "");
        assert_eq!(
            policy,
            json!({"resources": {"b": {"globals": {"fetch": true}}}})
        );
    }

    #[test]
    fn js_under_type_module_is_an_es_module_and_cjs_stays_commonjs() {
        let a = manifest("a", r#","type":"module","main":"index.js""#);
        let (policy, _) = policy_from(
            &[
                APP,
                ("index.js", "require('a')"),
                ("node_modules/a/package.json", &a),
                // As an ES module: `require` is only a global here, not an edge to `b`.
                (
                    "node_modules/a/index.js",
                    "import './old.cjs'; export default require('b')",
                ),
                (
                    "node_modules/a/old.cjs",
                    "module.exports = require('os').cpus()",
                ),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", ""),
            ],
            "index.js",
        );
        assert_eq!(
            policy,
            json!({"resources": {"a": {
                "globals": {"require": true},
                "builtin": {"os.cpus": true}
            }}})
        );
    }

    /// yargs 17: `require('yargs/yargs')` loads the extensionless CommonJS file `yargs` of a
    /// `"type": "module"` package, as CommonJS.
    #[test]
    fn an_extensionless_file_is_detected_by_its_syntax_whatever_the_type() {
        let a = manifest("a", r#","type":"module""#);
        let (policy, warnings) = policy_from(
            &[
                APP,
                ("index.js", "require('a/a')"),
                ("node_modules/a/package.json", &a),
                ("node_modules/a/a", "module.exports = require('b')"),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", ""),
            ],
            "index.js",
        );
        assert_eq!(warnings, "");
        assert_eq!(
            policy,
            json!({"resources": {"a": {"packages": {"b": true}}}})
        );
    }

    #[test]
    fn a_nested_type_commonjs_scope_wins_over_the_package_type() {
        let a = manifest("a", r#","type":"module","main":"lib/index.js""#);
        let (policy, warnings) = policy_from(
            &[
                APP,
                ("index.js", "require('a')"),
                ("node_modules/a/package.json", &a),
                ("node_modules/a/lib/package.json", r#"{"type":"commonjs"}"#),
                (
                    "node_modules/a/lib/index.js",
                    "module.exports = require('b')",
                ),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", ""),
            ],
            "index.js",
        );
        assert_eq!(warnings, "");
        assert_eq!(
            policy,
            json!({"resources": {"a": {"packages": {"b": true}}}})
        );
    }

    #[test]
    fn a_js_file_without_type_is_a_module_when_it_has_module_syntax() {
        let (policy, _) = policy_from(
            &[
                APP,
                ("index.js", "require('a')"),
                ("node_modules/a/package.json", &manifest("a", "")),
                (
                    "node_modules/a/index.js",
                    "export { x } from 'b'; export * from 'node:os'",
                ),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", "exports.x = 1"),
            ],
            "index.js",
        );
        assert_eq!(
            policy,
            json!({"resources": {"a": {
                "packages": {"b": true},
                "builtin": {"node:os": true}
            }}})
        );
    }

    #[test]
    fn module_syntax_in_a_cjs_file_is_skipped_with_a_warning() {
        let (policy, warnings) = policy_from(
            &[
                APP,
                ("index.js", "require('a')"),
                (
                    "node_modules/a/package.json",
                    &manifest("a", r#","main":"i.cjs""#),
                ),
                ("node_modules/a/i.cjs", "import b from 'b'"),
            ],
            "index.js",
        );
        assert!(
            warnings.starts_with("lavamoat: skipping <root>/node_modules/a/i.cjs:1:1: it does not parse (module syntax"),
            "{warnings}"
        );
        assert_eq!(policy, json!({"resources": {}}));
    }
}

mod edges {
    use super::*;

    /// Issue 15: the policy of an ESM-only package required from CommonJS was empty.
    #[test]
    fn a_commonjs_app_requiring_an_esm_only_package_gets_its_needs() {
        let a = manifest("a", r#","type":"module","exports":"./index.js""#);
        let (policy, warnings) = policy_from(
            &[
                APP,
                ("index.js", "require('a')"),
                ("node_modules/a/package.json", &a),
                ("node_modules/a/index.js", "import { agent } from './lib.js'; import os from 'os'; export default os.platform(agent)"),
                ("node_modules/a/lib.js", "export const agent = navigator.userAgent"),
            ],
            "index.js",
        );
        assert_eq!(warnings, "");
        assert_eq!(
            policy,
            json!({"resources": {"a": {
                "globals": {"navigator.userAgent": true},
                "builtin": {"os.platform": true}
            }}})
        );
    }

    #[test]
    fn literal_dynamic_imports_are_edges_from_commonjs_and_from_modules() {
        let (policy, _) = policy_from(
            &[
                APP,
                ("index.js", "require('a')"),
                ("node_modules/a/package.json", &manifest("a", "")),
                (
                    "node_modules/a/index.js",
                    "module.exports = () => import('b')",
                ),
                (
                    "node_modules/b/package.json",
                    &manifest("b", r#","exports":{"import":"./i.mjs"}"#),
                ),
                (
                    "node_modules/b/i.mjs",
                    "export const f = () => import('node:zlib')",
                ),
            ],
            "index.js",
        );
        assert_eq!(
            policy,
            json!({"resources": {
                "a": {"packages": {"b": true}},
                "b": {"builtin": {"node:zlib": true}}
            }})
        );
    }

    #[test]
    fn a_computed_import_is_warned_with_its_location_and_code_frame() {
        let (_, warnings) = policy_from(
            &[
                APP,
                ("app.mjs", "import 'a'"),
                (
                    "node_modules/a/package.json",
                    &manifest("a", r#","type":"module""#),
                ),
                (
                    "node_modules/a/index.js",
                    "export const load = (name) =>\n  import(name)",
                ),
            ],
            "app.mjs",
        );
        assert!(
            warnings.starts_with("lavamoat: potentially incompatible code in package \"a\" file \"<root>/node_modules/a/index.js\":\n  at <root>/node_modules/a/index.js:2:3\n"),
            "{warnings}"
        );
        assert!(warnings.contains("> 2 |   import(name)"), "{warnings}");
        assert!(warnings.contains("dynamic import"), "{warnings}");
    }

    #[test]
    fn a_computed_import_the_override_answers_is_a_note() {
        let (_, warnings) = policy_from(
            &[
                APP,
                ("app.mjs", "import 'a'"),
                (
                    "node_modules/a/package.json",
                    &manifest("a", r#","type":"module""#),
                ),
                (
                    "node_modules/a/index.js",
                    "export const load = (name) => [import(name), import(name + '/x')]",
                ),
                (
                    OVERRIDE,
                    r#"{"resources": {"a": {"packages": {"b": true}}}}"#,
                ),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", ""),
            ],
            "app.mjs",
        );
        assert_eq!(
            warnings,
            "lavamoat: note: 2 dynamic import(s) in \"<root>/node_modules/a/index.js\", answered by resources[\"a\"].packages in the override"
        );
    }

    #[test]
    fn an_import_without_its_extension_does_not_resolve_as_in_node() {
        let (policy, warnings) = policy_from(
            &[
                APP,
                ("app.mjs", "import 'a'"),
                (
                    "node_modules/a/package.json",
                    &manifest("a", r#","type":"module""#),
                ),
                ("node_modules/a/index.js", "import './lib'"),
                ("node_modules/a/lib.js", "process.exit()"),
            ],
            "app.mjs",
        );
        assert_eq!(
            warnings,
            "lavamoat: unable to resolve \"./lib\" from \"<root>/node_modules/a/index.js\": an import names the file exactly (Node adds no extension nor index.js), \"<root>/node_modules/a/lib.js\" would be found by require"
        );
        assert_eq!(policy, json!({"resources": {}}));
    }

    #[test]
    fn private_imports_mapped_to_a_builtin_grant_the_builtin() {
        let a = manifest(
            "a",
            r##","type":"module","imports":{"#fs":{"node":"node:fs","default":"./no-fs.js"}}"##,
        );
        let (policy, _) = policy_from(
            &[
                APP,
                ("app.mjs", "import 'a'"),
                ("node_modules/a/package.json", &a),
                (
                    "node_modules/a/index.js",
                    "import { readFile } from '#fs'; readFile('x')",
                ),
            ],
            "app.mjs",
        );
        assert_eq!(
            policy,
            json!({"resources": {"a": {"builtin": {"node:fs.readFile": true}}}})
        );
    }

    #[test]
    fn a_created_require_is_resolved_as_require() {
        let b = manifest(
            "b",
            r#","exports":{"import":"./i.mjs","require":"./i.cjs"}"#,
        );
        let (policy, _) = policy_from(
            &[
                APP,
                ("app.mjs", "import 'a'"),
                ("node_modules/a/package.json", &manifest("a", r#","type":"module""#)),
                (
                    "node_modules/a/index.js",
                    "import { createRequire } from 'module'; const require = createRequire(import.meta.url); require('b')",
                ),
                ("node_modules/b/package.json", &b),
                ("node_modules/b/i.mjs", "export default fetch"),
                ("node_modules/b/i.cjs", "module.exports = XMLHttpRequest"),
            ],
            "app.mjs",
        );
        assert_eq!(
            policy,
            json!({"resources": {
                "a": {"packages": {"b": true}, "builtin": {"module.createRequire": true}},
                "b": {"globals": {"XMLHttpRequest": true}}
            }})
        );
    }

    #[test]
    fn an_esm_cycle_through_a_commonjs_package_is_walked_once() {
        let (policy, _) = policy_from(
            &[
                APP,
                ("app.mjs", "import 'a'"),
                (
                    "node_modules/a/package.json",
                    &manifest("a", r#","type":"module""#),
                ),
                (
                    "node_modules/a/index.js",
                    "import b from 'b'; export const x = b",
                ),
                ("node_modules/b/package.json", &manifest("b", "")),
                (
                    "node_modules/b/index.js",
                    "module.exports = () => require('a')",
                ),
            ],
            "app.mjs",
        );
        assert_eq!(
            policy,
            json!({"resources": {
                "a": {"packages": {"b": true}},
                "b": {"packages": {"a": true}}
            }})
        );
    }
}

/// Requires through bundlers' wrappers of `require` and literal specifiers written in pieces
/// (analyze/require_functions.rs; the reference sees neither).
mod require_wrappers {
    use super::*;

    #[test]
    fn esbuild_and_rolldown_wrappers_grant_what_is_required_through_them() {
        let esbuild = format!(
            "import {{ createRequire }} from 'module'; const require = createRequire(import.meta.url);\n\
             {ESBUILD_SHIM}export const cpus = () => __require('os').cpus(); __require('b');"
        );
        let rolldown = "import { createRequire as __createRequire } from 'node:module';\n\
                        function __require() { const require = __createRequire(import.meta.url); __require = () => require; return require; }\n\
                        const { readFileSync } = (/* @__PURE__ */ __require())('fs'); readFileSync;\n\
                        export const version = (/* @__PURE__ */ __require())('b');";
        let commonjs =
            format!("{ESBUILD_SHIM}module.exports = __require('u' + 'rl').pathToFileURL;");
        let (policy, warnings) = policy_from(
            &[
                ("app.mjs", "import 'a'; import 'c'; import 'd'"),
                (
                    "package.json",
                    r#"{"name":"app","dependencies":{"a":"1","b":"1","c":"1","d":"1"}}"#,
                ),
                (
                    "node_modules/a/package.json",
                    &manifest("a", r#","type":"module""#),
                ),
                ("node_modules/a/index.js", &esbuild),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", "module.exports = 1"),
                (
                    "node_modules/c/package.json",
                    &manifest("c", r#","type":"module""#),
                ),
                ("node_modules/c/index.js", rolldown),
                ("node_modules/d/package.json", &manifest("d", "")),
                ("node_modules/d/index.js", &commonjs),
            ],
            "app.mjs",
        );
        assert_eq!(warnings, "");
        assert_eq!(
            policy,
            json!({"resources": {
                "a": {"packages": {"b": true}, "builtin": {"module.createRequire": true, "os.cpus": true}},
                "c": {"packages": {"b": true}, "builtin": {"fs.readFileSync": true, "node:module.createRequire": true}},
                "d": {"builtin": {"url.pathToFileURL": true}}
            }})
        );
    }

    #[test]
    fn the_value_of_a_require_call_grants_nothing_more() {
        let (policy, _) = policy_from(
            &[
                APP,
                ("app.js", "require('a')"),
                ("node_modules/a/package.json", &manifest("a", "")),
                (
                    "node_modules/a/index.js",
                    "var b = require('b'); b('fs'); function get() { return require('b') } get()('os')",
                ),
                ("node_modules/b/package.json", &manifest("b", "")),
                ("node_modules/b/index.js", "module.exports = (name) => name"),
            ],
            "app.js",
        );
        assert_eq!(
            policy,
            json!({"resources": {"a": {"packages": {"b": true}}}})
        );
    }
}
