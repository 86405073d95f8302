//! ECMAScript module facts: import edges, builtin paths through import bindings, and the
//! module format (ours: the reference has no ESM).

use super::*;

fn specifiers(requests: &[Request]) -> Vec<&str> {
    requests.iter().map(|r| r.specifier.as_str()).collect()
}

fn facts_as(source: &str, format: SourceFormat) -> ModuleFacts {
    analyze_module_as(
        source,
        Path::new("/project/node_modules/a/index.mjs"),
        format,
    )
}

mod edges {
    use super::*;

    #[test]
    fn static_imports_and_re_exports_in_source_order_each_once() {
        let facts = facts(
            "import a from 'a'; import 'b'; export * from 'c'; export { x } from 'd'; \
             import { y } from 'a'; export * as ns from 'e'; export const z = 1",
        );
        assert!(facts.is_esm);
        assert_eq!(specifiers(&facts.imports), ["a", "b", "c", "d", "e"]);
        assert_eq!(facts.requires, Vec::<Request>::new());
        assert_eq!(facts.dynamic_imports, Vec::<Request>::new());
    }

    #[test]
    fn literal_dynamic_imports_are_edges_and_computed_ones_are_findings() {
        let source = "import 'a'; const m = await import('x'); import(`y`); import('x'); \
                      import(name); import(`z${v}`); import('p' + q)";
        let facts = facts(source);
        assert_eq!(specifiers(&facts.dynamic_imports), ["x", "y"]);
        assert_eq!(
            slices(source, &facts.computed_imports),
            ["import(name)", "import(`z${v}`)", "import('p' + q)"]
        );
        assert!(facts.has_compat_findings());
    }

    #[test]
    fn commonjs_keeps_its_requires_and_gains_dynamic_imports() {
        let facts = facts("const a = require('a'); module.exports = () => import('b')");
        assert!(!facts.is_esm, "import() is no module syntax");
        assert_eq!(specifiers(&facts.requires), ["a"]);
        assert_eq!(specifiers(&facts.dynamic_imports), ["b"]);
        assert_eq!(facts.imports, Vec::<Request>::new());
    }
}

/// `const require = createRequire(import.meta.url)` (how ESM bundles load CommonJS).
mod create_require {
    use super::*;

    #[test]
    fn calls_of_a_created_require_are_requires() {
        let source = "import { createRequire } from 'node:module'; \
                      const require = createRequire(import.meta.url); \
                      const pkg = require('./package.json'); require('os').cpus(); \
                      typeof require; export const load = (name) => require(name)";
        let facts = facts(source);
        assert_eq!(specifiers(&facts.requires), ["./package.json", "os"]);
        assert_eq!(slices(source, &facts.dynamic_requires), ["require(name)"]);
        assert_eq!(
            uses(source),
            ["./package.json", "os.cpus", "node:module.createRequire"]
        );
        assert!(facts.globals.is_empty(), "{:?}", facts.globals);
    }

    #[test]
    fn only_the_create_require_of_the_module_builtin_counts() {
        let facts =
            facts("import { createRequire } from './mine.js'; const r = createRequire(1); r('a')");
        assert_eq!(facts.requires, Vec::<Request>::new());
    }
}

/// Builtin member paths through what an import binds, as for `const x = require(...)`.
mod builtin_paths {
    use super::*;

    #[test]
    fn a_named_import_is_the_path_of_its_name_and_of_the_members_used_on_it() {
        assert_eq!(
            uses("import { readFileSync, promises } from 'fs'; readFileSync('x'); promises.readFile('y')"),
            ["fs.readFileSync", "fs.promises.readFile"]
        );
    }

    #[test]
    fn namespace_and_default_bindings_give_the_members_used_on_them() {
        assert_eq!(
            uses("import * as fs from 'fs'; fs.existsSync(p); fs.default.statSync(p)"),
            ["fs.existsSync", "fs.statSync"]
        );
        assert_eq!(
            uses("import path, { sep } from 'node:path'; path.join(a, b); path.posix.join(c)"),
            ["node:path.join", "node:path.posix.join", "node:path.sep"]
        );
        assert_eq!(
            uses("import { default as os } from 'os'; os.cpus()"),
            ["os.cpus"]
        );
    }

    #[test]
    fn a_binding_used_as_a_whole_or_not_at_all_is_the_whole_module() {
        assert_eq!(uses("import * as fs from 'fs'; use(fs)"), ["fs"]);
        assert_eq!(uses("import fs from 'fs'; export { fs }"), ["fs"]);
        assert_eq!(uses("import fs from 'fs'"), ["fs"]);
        assert_eq!(uses("import 'fs'"), ["fs"]);
        assert_eq!(uses("import('fs').then((fs) => fs.readFileSync())"), ["fs"]);
    }

    #[test]
    fn members_used_on_an_awaited_dynamic_import_are_paths() {
        assert_eq!(
            uses("const fs = await import('fs'); fs.readFileSync(); fs.default.statSync()"),
            ["fs.readFileSync", "fs.statSync"]
        );
        assert_eq!(
            uses("const { readFile, default: { stat } } = await import('node:fs/promises'); readFile(); stat()"),
            ["node:fs/promises.readFile", "node:fs/promises.stat"]
        );
        assert_eq!(uses("(await import('os')).cpus()"), ["os.cpus"]);
        assert_eq!(uses("use(await import('os'))"), ["os"]);
    }

    #[test]
    fn re_exports_name_their_paths_and_star_exports_the_whole_module() {
        assert_eq!(
            uses("export { readFileSync, default as f } from 'fs'; export * from 'os'; export * as u from 'util'"),
            ["fs.readFileSync", "fs", "os", "util"]
        );
    }
}

mod format {
    use super::*;

    #[test]
    fn an_es_module_has_no_commonjs_scope_names() {
        let facts = facts_as(
            "exports.x = 1; require('a'); console.log(__dirname, import.meta.url)",
            SourceFormat::Module,
        );
        assert!(
            facts.is_esm,
            "a module by its format, without module syntax"
        );
        assert_eq!(facts.requires, Vec::<Request>::new());
        let names: Vec<&str> = facts.globals.keys().map(String::as_str).collect();
        assert_eq!(names, ["__dirname", "console.log", "exports.x", "require"]);
    }

    #[test]
    fn commonjs_by_format_keeps_its_scope_names_whatever_the_syntax_looks_like() {
        let facts = facts_as("exports.x = require('a')", SourceFormat::CommonJs);
        assert!(!facts.is_esm);
        assert_eq!(specifiers(&facts.requires), ["a"]);
        assert!(facts.globals.is_empty());
    }

    #[test]
    fn module_syntax_in_a_commonjs_file_is_a_located_parse_error() {
        let facts = facts_as("const a = 1;\nimport b from 'b'", SourceFormat::CommonJs);
        let error = facts.parse_error.expect("parse error");
        assert_eq!((error.location.line, error.location.column), (2, 0));
        assert!(error.message.contains("CommonJS"), "{}", error.message);
    }

    #[test]
    fn detection_takes_top_level_await_for_a_module_as_node_does() {
        let facts = facts("const x = await fetch('y'); module.exports = x");
        assert_eq!(facts.parse_error, None);
        assert!(facts.is_esm);
    }

    #[test]
    fn modules_allow_top_level_await_but_not_top_level_return() {
        assert_eq!(facts_as("await x", SourceFormat::Module).parse_error, None);
        assert!(facts_as("return 1", SourceFormat::Module)
            .parse_error
            .is_some());
        assert_eq!(facts_as("return 1", SourceFormat::Detect).parse_error, None);
    }
}
