//! Computed `require` specifiers read for their literal shape (ours: the reference only warns
//! about them): a relative directory the module loads from, computed `require.resolve`s, and
//! literal relative ones (own files whose path the module may hand to a dependency).

use super::*;

/// `(dir, name_prefix, suffix)` of each dynamic require with a directory pattern.
fn patterns(source: &str) -> Vec<(String, String, String)> {
    let facts = facts(source);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    facts
        .dir_requires
        .into_iter()
        .map(|(_, p)| (p.dir, p.name_prefix, p.suffix))
        .collect()
}

fn pattern(dir: &str, name_prefix: &str, suffix: &str) -> Vec<(String, String, String)> {
    vec![(dir.to_string(), name_prefix.to_string(), suffix.to_string())]
}

mod dir_patterns {
    use super::*;

    #[test]
    fn concatenation_after_a_relative_directory() {
        assert_eq!(
            patterns("require('./src/' + command)"),
            pattern("./src/", "", "")
        );
        assert_eq!(
            patterns("require('./src/' + c + '.js')"),
            pattern("./src/", "", ".js")
        );
        assert_eq!(
            patterns("require('../lib/cmd-' + c)"),
            pattern("../lib/", "cmd-", "")
        );
        assert_eq!(patterns("require('./' + c)"), pattern("./", "", ""));
    }

    #[test]
    fn template_literals() {
        assert_eq!(patterns("require(`./src/${c}`)"), pattern("./src/", "", ""));
        assert_eq!(
            patterns("require(`./src/${c}.json`)"),
            pattern("./src/", "", ".json")
        );
        assert_eq!(
            patterns("require(`./a/${'b'}/${c}`)"),
            pattern("./a/b/", "", "")
        );
    }

    #[test]
    fn path_join_from_dirname() {
        let source = "const path = require('path'); require(path.join(__dirname, 'src', c))";
        assert_eq!(patterns(source), pattern("./src/", "", ""));
        let source = "require(path.resolve(__dirname, './lib/', c + '.js'))";
        assert_eq!(patterns(source), pattern("./lib/", "", ".js"));
    }

    #[test]
    fn no_pattern_without_a_relative_literal_directory() {
        for source in [
            "require(name)",
            "require('pkg/' + name)",
            "require(prefix + '/x.js')",
            "require('/abs/' + name)",
            "require('.' + sep + name)",
            // The file would be in a subdirectory only the computed part names.
            "require('./plugins/' + name + '/index.js')",
            "require(`./a/${b}/${c}`)",
            // `__dirname` is a local here, not the module's directory.
            "function f(__dirname) { return require(path.join(__dirname, 'src', c)) }",
            "require(path.join(__dirname, '/etc', c))",
            "require(path.join(dir, 'src', c))",
        ] {
            assert_eq!(patterns(source), Vec::new(), "{source}");
        }
    }

    #[test]
    fn patterned_requires_stay_dynamic_requires() {
        let facts = facts("require('./src/' + a); require(b)");
        assert_eq!(facts.dynamic_requires.len(), 2);
        assert_eq!(facts.dir_requires.len(), 1);
        assert_eq!(facts.dir_requires[0].0, facts.dynamic_requires[0]);
        assert!(facts.computes_package_names());
        assert!(!super::facts("require('./src/' + a)").computes_package_names());
    }
}

mod computed_resolves {
    use super::*;

    #[test]
    fn a_computed_resolve_names_packages_chosen_at_run_time() {
        let source = "const p = require.resolve(`${pkg}/${subpath}`)";
        let facts = facts(source);
        assert_eq!(
            slices(source, &facts.computed_resolves),
            ["require.resolve(`${pkg}/${subpath}`)"]
        );
        assert!(facts.computes_package_names());
        // Not a compatibility finding: nothing is loaded.
        assert!(facts.dynamic_requires.is_empty());
        assert!(!facts.has_compat_findings());
    }

    #[test]
    fn literal_and_relative_resolves_are_not_computed_package_names() {
        for source in [
            "require.resolve('esbuild')",
            "require.resolve('./bin/' + name)",
            "require.resolve(path.join(__dirname, name))",
            "require.resolve",
            "require.resolve?.(name)",
            "function f(require) { return require.resolve(name) }",
        ] {
            let facts = facts(source);
            assert!(facts.computed_resolves.is_empty(), "{source}");
            assert!(!facts.computes_package_names(), "{source}");
        }
    }

    #[test]
    fn a_resolve_of_a_created_require() {
        let source = "import { createRequire } from 'module'; const r = createRequire(import.meta.url); r.resolve(name)";
        assert_eq!(facts(source).computed_resolves.len(), 1);
    }
}

mod own_resolves {
    use super::*;

    fn own_resolves(source: &str) -> Vec<String> {
        facts(source)
            .own_resolves
            .into_iter()
            .map(|r| r.specifier)
            .collect()
    }

    #[test]
    fn literal_relative_resolves_each_once_in_source_order() {
        assert_eq!(
            own_resolves("require.resolve('./minify'); require.resolve(`../lib/x.js`); require.resolve('./minify')"),
            ["./minify", "../lib/x.js"]
        );
    }

    #[test]
    fn a_path_joined_from_dirname_reads_as_relative() {
        assert_eq!(
            own_resolves("require.resolve(path.join(__dirname, 'workers', 'minify.js'))"),
            ["./workers/minify.js"]
        );
    }

    #[test]
    fn packages_computed_parts_and_requires_are_not_own_resolves() {
        for source in [
            "require.resolve('esbuild')",
            "require.resolve('./bin/' + name)",
            "require.resolve(path.join(__dirname, name))",
            "require('./minify')",
            "function f(require) { return require.resolve('./minify') }",
        ] {
            assert!(own_resolves(source).is_empty(), "{source}");
        }
    }
}
