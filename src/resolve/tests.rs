use super::*;
use crate::test_support::project;
use std::fs;

/// Resolves from the project root and returns the path relative to the (real) root.
fn resolve_rel(root: &Path, request: &str) -> String {
    let resolver = ModuleResolver::new(root, Resolutions::new());
    match resolver.resolve(root, request, None).expect("resolves") {
        Resolved::File(path) => path
            .strip_prefix(root.canonicalize().unwrap())
            .unwrap()
            .display()
            .to_string(),
        Resolved::Builtin(id) => format!("builtin:{id}"),
    }
}

mod builtins {
    use super::*;

    #[test]
    fn keep_the_requested_spelling() {
        let p = project(&[]);
        assert_eq!(resolve_rel(p.path(), "fs"), "builtin:fs");
        assert_eq!(resolve_rel(p.path(), "node:fs"), "builtin:node:fs");
        assert_eq!(resolve_rel(p.path(), "fs/promises"), "builtin:fs/promises");
        assert_eq!(resolve_rel(p.path(), "node:test"), "builtin:node:test");
    }
}

mod files {
    use super::*;

    #[test]
    fn relative_files_try_js_json_node_and_directories() {
        let p = project(&[
            ("a.js", ""),
            ("data.json", "{}"),
            ("addon.node", ""),
            ("dir/index.js", ""),
            ("withmain/package.json", r#"{"main": "lib/entry.js"}"#),
            ("withmain/lib/entry.js", ""),
        ]);
        assert_eq!(resolve_rel(p.path(), "./a"), "a.js");
        assert_eq!(resolve_rel(p.path(), "./data"), "data.json");
        assert_eq!(resolve_rel(p.path(), "./addon"), "addon.node");
        assert_eq!(resolve_rel(p.path(), "./dir"), "dir/index.js");
        assert_eq!(resolve_rel(p.path(), "./withmain"), "withmain/lib/entry.js");
    }

    #[test]
    fn absolute_paths_resolve_as_files() {
        let p = project(&[("a.js", "")]);
        let abs = p.path().join("a").display().to_string();
        assert_eq!(resolve_rel(p.path(), &abs), "a.js");
    }
}

mod packages {
    use super::*;

    #[test]
    fn exports_prefers_node_and_require_conditions() {
        let p = project(&[
            (
                "node_modules/x/package.json",
                r#"{"main": "esm.mjs", "exports": {".": {"import": "./esm.mjs", "require": "./cjs.js"}, "./sub": {"node": "./sub-node.js", "default": "./sub.js"}}}"#,
            ),
            ("node_modules/x/cjs.js", ""),
            ("node_modules/x/esm.mjs", ""),
            ("node_modules/x/sub-node.js", ""),
            ("node_modules/x/sub.js", ""),
        ]);
        assert_eq!(resolve_rel(p.path(), "x"), "node_modules/x/cjs.js");
        assert_eq!(resolve_rel(p.path(), "x/sub"), "node_modules/x/sub-node.js");
    }

    #[test]
    fn main_and_deep_paths_without_exports() {
        let p = project(&[
            ("node_modules/@s/y/package.json", r#"{"main": "./lib"}"#),
            ("node_modules/@s/y/lib/index.js", ""),
            ("node_modules/@s/y/other.js", ""),
        ]);
        assert_eq!(
            resolve_rel(p.path(), "@s/y"),
            "node_modules/@s/y/lib/index.js"
        );
        assert_eq!(
            resolve_rel(p.path(), "@s/y/other"),
            "node_modules/@s/y/other.js"
        );
    }

    #[test]
    fn nearest_node_modules_wins() {
        let p = project(&[
            ("node_modules/a/index.js", ""),
            ("node_modules/c/node_modules/a/index.js", ""),
            ("node_modules/c/index.js", ""),
        ]);
        let resolver = ModuleResolver::new(p.path(), Resolutions::new());
        let from = p.path().join("node_modules/c");
        let Resolved::File(path) = resolver.resolve(&from, "a", None).unwrap() else {
            panic!()
        };
        assert!(
            path.ends_with("node_modules/c/node_modules/a/index.js"),
            "{path:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_packages_resolve_to_real_paths() {
        let p = project(&[("packages/ws/index.js", "")]);
        fs::create_dir_all(p.path().join("node_modules")).unwrap();
        std::os::unix::fs::symlink("../packages/ws", p.path().join("node_modules/ws")).unwrap();
        assert_eq!(resolve_rel(p.path(), "ws"), "packages/ws/index.js");
    }
}

mod resolutions {
    use super::*;

    #[test]
    fn redirect_applies_to_the_named_parent_only() {
        let p = project(&[("alt/z.js", ""), ("node_modules/z/index.js", "")]);
        let mut table = Resolutions::new();
        table.insert(
            "x".into(),
            HashMap::from([("z".to_string(), "./alt/z.js".to_string())]),
        );
        let resolver = ModuleResolver::new(p.path(), table);
        let from = p.path().join("node_modules/x");
        let real = p.path().canonicalize().unwrap();
        assert_eq!(
            resolver.resolve(&from, "z", Some("x")).unwrap(),
            Resolved::File(real.join("alt/z.js"))
        );
        assert_eq!(
            resolver.resolve(&from, "z", Some("y")).unwrap(),
            Resolved::File(real.join("node_modules/z/index.js"))
        );
    }

    #[test]
    fn redirect_to_a_builtin() {
        let p = project(&[]);
        let mut table = Resolutions::new();
        table.insert(
            "x".into(),
            HashMap::from([("fake-fs".to_string(), "fs".to_string())]),
        );
        let resolver = ModuleResolver::new(p.path(), table);
        assert_eq!(
            resolver.resolve(p.path(), "fake-fs", Some("x")).unwrap(),
            Resolved::Builtin("fs".into())
        );
    }
}

mod errors {
    use super::*;

    #[test]
    fn missing_module_has_the_node_code_and_message() {
        let p = project(&[]);
        let resolver = ModuleResolver::new(p.path(), Resolutions::new());
        let err = resolver.resolve(p.path(), "nope", None).unwrap_err();
        assert_eq!(err.code(), "MODULE_NOT_FOUND");
        assert_eq!(
            err.to_string(),
            format!("Cannot find module 'nope' from '{}'", p.path().display())
        );
    }

    #[test]
    fn exports_without_a_matching_subpath_is_not_found() {
        let p = project(&[
            (
                "node_modules/x/package.json",
                r#"{"exports": {".": "./i.js"}}"#,
            ),
            ("node_modules/x/i.js", ""),
            ("node_modules/x/hidden.js", ""),
        ]);
        let resolver = ModuleResolver::new(p.path(), Resolutions::new());
        assert!(resolver.resolve(p.path(), "x/hidden.js", None).is_err());
    }
}

/// `import` resolution: Node's ESM resolver, next to the CommonJS one above.
mod imports {
    use super::*;

    fn import_rel(root: &Path, from: &str, request: &str) -> Result<String, ResolveError> {
        let resolver = ModuleResolver::new(root, Resolutions::new());
        let from_dir = root.join(from);
        resolver
            .resolve_as(RequestKind::Import, &from_dir, request, None)
            .map(|resolved| match resolved {
                Resolved::File(path) => path
                    .strip_prefix(root.canonicalize().unwrap())
                    .unwrap()
                    .display()
                    .to_string(),
                Resolved::Builtin(id) => format!("builtin:{id}"),
            })
    }

    #[test]
    fn errors_carry_nodes_codes() {
        let p = project(&[
            (
                "node_modules/x/package.json",
                r##"{"exports": {".": "./i.js"}, "imports": {"#a": "./i.js"}}"##,
            ),
            ("node_modules/x/i.js", ""),
        ]);
        let code = |kind, from: &str, request: &str| {
            let resolver = ModuleResolver::new(p.path(), Resolutions::new());
            resolver
                .resolve_as(kind, &p.path().join(from), request, None)
                .unwrap_err()
                .code()
        };
        for kind in [RequestKind::Require, RequestKind::Import] {
            assert_eq!(
                code(kind, "", "x/hidden.js"),
                "ERR_PACKAGE_PATH_NOT_EXPORTED"
            );
            assert_eq!(
                code(kind, "node_modules/x", "#b"),
                "ERR_PACKAGE_IMPORT_NOT_DEFINED"
            );
        }
        assert_eq!(
            code(RequestKind::Require, "", "missing"),
            "MODULE_NOT_FOUND"
        );
        assert_eq!(
            code(RequestKind::Require, "", "./missing.js"),
            "MODULE_NOT_FOUND"
        );
        assert_eq!(
            code(RequestKind::Import, "", "missing"),
            "ERR_MODULE_NOT_FOUND"
        );
        assert_eq!(
            code(RequestKind::Import, "", "./missing.js"),
            "ERR_MODULE_NOT_FOUND"
        );
    }

    #[test]
    fn exports_pick_the_import_condition() {
        let p = project(&[
            (
                "node_modules/dual/package.json",
                r#"{"exports": {".": {"import": "./esm/i.mjs", "require": "./cjs/i.js"}, "./sub": {"import": "./esm/sub.mjs", "default": "./cjs/sub.js"}}}"#,
            ),
            ("node_modules/dual/esm/i.mjs", ""),
            ("node_modules/dual/esm/sub.mjs", ""),
            ("node_modules/dual/cjs/i.js", ""),
            ("node_modules/dual/cjs/sub.js", ""),
        ]);
        assert_eq!(
            import_rel(p.path(), "", "dual").unwrap(),
            "node_modules/dual/esm/i.mjs"
        );
        assert_eq!(
            import_rel(p.path(), "", "dual/sub").unwrap(),
            "node_modules/dual/esm/sub.mjs"
        );
        assert_eq!(resolve_rel(p.path(), "dual"), "node_modules/dual/cjs/i.js");
    }

    #[test]
    fn relative_specifiers_need_their_extension_and_no_directory_index() {
        let p = project(&[("lib/a.js", ""), ("lib/dir/index.js", "")]);
        assert_eq!(import_rel(p.path(), "", "./lib/a.js").unwrap(), "lib/a.js");
        assert!(import_rel(p.path(), "", "./lib/a").is_err());
        assert!(import_rel(p.path(), "", "./lib/dir").is_err());
        assert_eq!(
            resolve_rel(p.path(), "./lib/a"),
            "lib/a.js",
            "require still adds it"
        );
    }

    #[test]
    fn a_package_without_exports_is_found_through_main_and_index() {
        let p = project(&[
            ("node_modules/m/package.json", r#"{"main": "lib/entry"}"#),
            ("node_modules/m/lib/entry.js", ""),
            ("node_modules/n/package.json", r#"{}"#),
            ("node_modules/n/index.js", ""),
            ("node_modules/n/deep.js", ""),
        ]);
        assert_eq!(
            import_rel(p.path(), "", "m").unwrap(),
            "node_modules/m/lib/entry.js"
        );
        assert_eq!(
            import_rel(p.path(), "", "n").unwrap(),
            "node_modules/n/index.js"
        );
        assert_eq!(
            import_rel(p.path(), "", "n/deep.js").unwrap(),
            "node_modules/n/deep.js"
        );
        assert!(import_rel(p.path(), "", "n/deep").is_err());
    }

    #[test]
    fn private_imports_follow_the_import_condition() {
        let p = project(&[
            (
                "package.json",
                r##"{"name": "app", "imports": {"#db": {"import": "./db.mjs", "default": "./db.cjs"}, "#fs": "node:fs"}}"##,
            ),
            ("db.mjs", ""),
            ("db.cjs", ""),
            ("src/x.mjs", ""),
        ]);
        assert_eq!(import_rel(p.path(), "src", "#db").unwrap(), "db.mjs");
        assert_eq!(
            import_rel(p.path(), "src", "#fs").unwrap(),
            "builtin:node:fs"
        );
        assert_eq!(resolve_rel(p.path(), "#db"), "db.cjs");
    }

    #[test]
    fn builtins_keep_their_spelling() {
        let p = project(&[]);
        assert_eq!(
            import_rel(p.path(), "", "node:fs").unwrap(),
            "builtin:node:fs"
        );
        assert_eq!(
            import_rel(p.path(), "", "fs/promises").unwrap(),
            "builtin:fs/promises"
        );
    }
}
