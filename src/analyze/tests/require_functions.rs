//! Calls through bundlers' wrappers of `require` (require_functions.rs) and specifiers written
//! as concatenations of string literals (ours: the reference sees neither).

use super::*;
use crate::test_support::ESBUILD_SHIM;

fn specifiers(facts: &ModuleFacts) -> Vec<&str> {
    facts
        .requires
        .iter()
        .map(|r| r.specifier.as_str())
        .collect()
}

fn esm(source: &str) -> ModuleFacts {
    analyze_module_as(
        source,
        Path::new("/project/node_modules/a/index.mjs"),
        SourceFormat::Module,
    )
}

fn cjs(source: &str) -> ModuleFacts {
    analyze_module_as(
        source,
        Path::new("/project/node_modules/a/index.cjs"),
        SourceFormat::CommonJs,
    )
}

/// rolldown's lazy `__require`, as vitest's rolldown starts.
const ROLLDOWN_REQUIRE: &str = r#"import { createRequire as __createRequire } from "node:module";
function __require() {
	const require = __createRequire(import.meta.url);
	__require = () => require;
	return require;
}
"#;

mod wrappers {
    use super::*;

    #[test]
    fn esbuild_shim_over_a_created_require() {
        let source = format!(
            "import {{ createRequire }} from 'module';\nconst require = createRequire(import.meta.url);\n{ESBUILD_SHIM}\
             var os = __require('os'); os.cpus(); __require('fs').readFileSync; __require(name);"
        );
        let facts = esm(&source);
        assert_eq!(specifiers(&facts), ["os", "fs"]);
        assert_eq!(
            slices(&source, &facts.dynamic_requires),
            ["__require(name)"]
        );
        let uses: Vec<String> = facts.builtin_uses.iter().map(BuiltinUse::key).collect();
        assert_eq!(uses, ["os.cpus", "fs.readFileSync", "module.createRequire"]);
    }

    #[test]
    fn esbuild_shim_over_the_commonjs_require() {
        let facts = cjs(&format!("{ESBUILD_SHIM}__require('os').platform();"));
        assert_eq!(specifiers(&facts), ["os"]);
    }

    #[test]
    fn esbuild_shim_in_a_module_without_require_requires_nothing() {
        // The free `require` of an ES module is a global that Node does not define.
        let facts = esm(&format!("{ESBUILD_SHIM}__require('os');"));
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
        assert_eq!(facts.dynamic_requires, Vec::<Span>::new());
    }

    #[test]
    fn rolldown_require_factory() {
        let source = format!(
            "{ROLLDOWN_REQUIRE}const fs = (/* @__PURE__ */ __require())(\"node:fs\");\n\
             const {{ readFileSync }} = (/* @__PURE__ */ __require())(\"fs\");\n\
             (/* @__PURE__ */ __require()).resolve(`${{pkg}}/package.json`);\n\
             module.exports = (/* @__PURE__ */ __require())(bindingEntry);"
        );
        let facts = esm(&source);
        assert_eq!(specifiers(&facts), ["node:fs", "fs"]);
        assert_eq!(
            slices(&source, &facts.dynamic_requires),
            ["(/* @__PURE__ */ __require())(bindingEntry)"]
        );
        assert_eq!(facts.computed_resolves.len(), 1);
        assert_eq!(facts.builtin_paths("fs"), ["fs.readFileSync"]);
    }

    #[test]
    fn conditional_logical_and_sequence_expressions() {
        let facts = cjs(
            "(c ? require : other)('a'); (other || require)('b'); (require ?? other)('c'); \
                         (0, require)('d'); (x && require)('e'); (require && other)('no-and-left')",
        );
        assert_eq!(specifiers(&facts), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn immediately_invoked_functions_and_declared_functions() {
        let facts = cjs("(() => require)()('a'); (function () { return require })()('b'); \
                         function get() { if (x) return require; return (0, require) } get()('c'); \
                         var make = () => require; make()('d'); var r = make(); r('e'); \
                         function outer() { function inner() { return other } return require } outer()('f')");
        assert_eq!(specifiers(&facts), ["a", "b", "c", "d", "e", "f"]);
    }
}

/// Nothing is a require function unless every way of being another function is ruled out:
/// a policy must not grant what the code does not use.
mod not_require_functions {
    use super::*;

    #[test]
    fn the_value_of_a_require_call_is_not_one() {
        let facts = cjs(
            "var x = require('a'); x('b'); var y = require('c')('d'); y('e'); \
                         function f() { return require('g') } f()('h')",
        );
        assert_eq!(specifiers(&facts), ["a", "c", "g"]);
        assert_eq!(facts.dynamic_requires, Vec::<Span>::new());
    }

    #[test]
    fn a_variable_assigned_something_else_is_not_one() {
        let facts = cjs(
            "var r = require; r = other; r('a'); var s = require; s += ''; s('b'); \
                         let t = require; [t] = list; t('c'); var u = require; var u; u('d')",
        );
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
    }

    #[test]
    fn a_function_with_another_return_is_not_one() {
        let facts = cjs("function get(x) { if (x) return require; return other } get()('a'); \
                         function none() { require } none()('b'); \
                         function bare() { return } bare()('c'); \
                         function changed() { return require } changed = () => other; changed()('d'); \
                         async function later() { return require } later()('e'); \
                         function* gen() { return require } gen()('f'); \
                         (async () => require)()('g')");
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
    }

    #[test]
    fn a_returned_nested_function_does_not_count_for_the_outer_one() {
        let facts = cjs("function outer() { const inner = () => { return require }; return inner } outer()('a')");
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
    }

    #[test]
    fn cycles_are_not_require_functions() {
        let facts = cjs("var a = b, b = a; a('x'); function f() { return g() } function g() { return f() } f()('y')");
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
    }

    #[test]
    fn a_local_named_require_or_a_parameter_is_not_one() {
        let facts = cjs(
            "function load(require) { return require('a') } var require2 = other; require2('b')",
        );
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
        let facts = esm("const require = other; require('c')");
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
    }

    #[test]
    fn optional_calls_are_not_requires() {
        let facts = cjs("require?.('a'); var r = (() => require)?.(); r('b')");
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
    }
}

/// `require('u' + 'rl')` (rollup 4), templates without substitutions, and their concatenations.
mod literal_specifiers {
    use super::*;

    #[test]
    fn concatenated_literals_and_plain_templates_are_static() {
        let source = "require('u' + 'rl').pathToFileURL(f); require(`os`).cpus(); \
                      require('node:' + `fs`).readFileSync; require('a' + 'b' + `c` + 'd')";
        let facts = cjs(source);
        assert_eq!(specifiers(&facts), ["url", "os", "node:fs", "abcd"]);
        assert_eq!(facts.dynamic_requires, Vec::<Span>::new());
        let uses: Vec<String> = facts.builtin_uses.iter().map(BuiltinUse::key).collect();
        assert_eq!(
            uses,
            [
                "url.pathToFileURL",
                "os.cpus",
                "node:fs.readFileSync",
                "abcd"
            ]
        );
    }

    #[test]
    fn anything_involving_a_non_literal_stays_dynamic() {
        let source = "require('u' + x); require(`${'u'}rl`); require(1 + 'x'); require('a' + 1); \
                      const u = 'url'; require(u); require('u' - 'rl')";
        let facts = cjs(source);
        assert_eq!(specifiers(&facts), Vec::<&str>::new());
        assert_eq!(facts.dynamic_requires.len(), 6);
    }

    #[test]
    fn through_a_wrapper_and_in_dynamic_imports() {
        let facts = esm(&format!(
            "{ROLLDOWN_REQUIRE}__require()('u' + 'rl'); import('no' + 'de:os'); import(`fs`)"
        ));
        assert_eq!(specifiers(&facts), ["url"]);
        let dynamic: Vec<&str> = facts
            .dynamic_imports
            .iter()
            .map(|r| r.specifier.as_str())
            .collect();
        assert_eq!(dynamic, ["node:os", "fs"]);
        assert_eq!(facts.computed_imports, Vec::<Span>::new());
    }
}

mod module_require {
    use super::*;

    /// As @cspotcode/source-map-support hides its requires from bundlers.
    const DYNAMIC_REQUIRE: &str =
        "function dynamicRequire(mod, request) {\n  return mod.require(request);\n}\n";

    #[test]
    fn module_require_and_a_function_forwarding_to_it() {
        let source = format!(
            "{DYNAMIC_REQUIRE}var Module = dynamicRequire(module, 'module'); Module._resolveFilename; \
             module.require('os').cpus(); dynamicRequire(module, name)"
        );
        let facts = cjs(&source);
        assert_eq!(specifiers(&facts), ["module", "os"]);
        let uses: Vec<String> = facts
            .builtin_uses
            .iter()
            .map(|u| format!("{}.{}", u.request, u.members.join(".")))
            .collect();
        assert_eq!(uses, ["module._resolveFilename", "os.cpus"]);
        assert_eq!(
            slices(&source, &facts.dynamic_requires),
            ["dynamicRequire(module, name)"]
        );
    }

    #[test]
    fn only_the_free_module_and_a_pure_forwarder() {
        let source = format!(
            "{DYNAMIC_REQUIRE}dynamicRequire(other, 'a'); var module = {{ require() {{}} }}; \
             function twice(mod, request) {{ mod = x; return mod.require(request); }} twice(module, 'b')"
        );
        assert_eq!(specifiers(&cjs(&source)), Vec::<&str>::new());
        assert_eq!(specifiers(&esm("module.require('c')")), Vec::<&str>::new());
    }
}
