//! Computed requires the walk follows (deliberate differences: the reference only warns):
//! the files of a relative directory a `require('./src/' + name)` can load, and the installed
//! optional dependencies of a package that computes the names of the packages it requires.

use serde_json::json;

use super::*;

const APP: (&str, &str) = ("package.json", r#"{"name":"app","dependencies":{"a":"1"}}"#);
const ENTRY: (&str, &str) = ("index.js", "require('a')");

fn a_manifest(extra: &str) -> (&'static str, String) {
    ("node_modules/a/package.json", manifest("a", extra))
}

/// `policy_from` with owned contents, from `index.js`.
fn policy_of(files: &[(&str, String)]) -> (Value, String) {
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, text)| (*path, text.as_str()))
        .collect();
    policy_from(&files, "index.js")
}

fn files(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    list.iter()
        .map(|(path, text)| (*path, text.to_string()))
        .collect()
}

mod directory_patterns {
    use super::*;

    #[test]
    fn every_loadable_file_of_the_directory_is_walked() {
        let mut project = files(&[
            APP,
            ENTRY,
            (
                "node_modules/a/index.js",
                "['cat', 'ls'].forEach(function (c) { require('./src/' + c) })",
            ),
            (
                "node_modules/a/src/cat.js",
                "module.exports = require('fs').readFileSync",
            ),
            (
                "node_modules/a/src/ls.js",
                "module.exports = () => require('path').join(process.cwd(), 'x')",
            ),
            ("node_modules/a/src/data.json", "{}"),
            // Not loadable by name, and not in the directory itself.
            ("node_modules/a/src/README.md", "require('http')"),
            ("node_modules/a/src/sub/deep.js", "require('net')"),
        ]);
        project.push(a_manifest(""));
        let (policy, warnings) = policy_of(&project);
        assert_eq!(
            policy["resources"],
            json!({"a": {
                "builtin": {"fs.readFileSync": true, "path.join": true},
                "globals": {"process.cwd": true}
            }})
        );
        assert_eq!(
            warnings,
            "lavamoat: note: the computed require at <root>/node_modules/a/index.js:1:38 loads a file of \"./src/\": its 3 file(s) there are in the policy of \"a\""
        );
    }

    #[test]
    fn a_literal_suffix_and_file_name_start_select_the_files() {
        let mut project = files(&[
            APP,
            ENTRY,
            (
                "node_modules/a/index.js",
                "module.exports = (n) => require(`./lib/cmd-${n}.cjs`)",
            ),
            (
                "node_modules/a/lib/cmd-os.cjs",
                "module.exports = require('os').platform",
            ),
            ("node_modules/a/lib/cmd-net.js", "require('net')"),
            ("node_modules/a/lib/helper.cjs", "require('http')"),
        ]);
        project.push(a_manifest(""));
        let (policy, _) = policy_of(&project);
        assert_eq!(
            policy["resources"],
            json!({"a": {"builtin": {"os.platform": true}}})
        );
    }

    #[test]
    fn path_join_from_dirname_and_packages_the_files_require() {
        let mut project = files(&[
            ("package.json", r#"{"name":"app","dependencies":{"a":"1","b":"1"}}"#),
            ENTRY,
            (
                "node_modules/a/index.js",
                "const path = require('path'); module.exports = (n) => require(path.join(__dirname, 'plugins', n))",
            ),
            ("node_modules/a/plugins/b.js", "module.exports = require('b')"),
            ("node_modules/b/package.json", &manifest("b", "")),
            ("node_modules/b/index.js", "module.exports = setTimeout"),
        ]);
        project.push(a_manifest(r#","dependencies":{"b":"1"}"#));
        let (policy, _) = policy_of(&project);
        assert_eq!(
            policy["resources"],
            json!({
                "a": {"builtin": {"path.join": true}, "globals": {"__dirname": true}, "packages": {"b": true}},
                "b": {"globals": {"setTimeout": true}}
            })
        );
    }

    #[test]
    fn files_outside_the_package_are_not_read() {
        let mut project = files(&[
            APP,
            ENTRY,
            (
                "node_modules/a/index.js",
                "module.exports = (n) => require('../' + n)",
            ),
            ("node_modules/.package-lock.json", "{}"),
            ("node_modules/stray.js", "require('net')"),
        ]);
        project.push(a_manifest(""));
        let (policy, warnings) = policy_of(&project);
        assert_eq!(policy["resources"], json!({}));
        assert!(warnings.contains("dynamic require"), "{warnings}");
    }

    #[test]
    fn a_pattern_that_matches_no_file_still_warns() {
        let mut project = files(&[
            APP,
            ENTRY,
            (
                "node_modules/a/index.js",
                "module.exports = (n) => require('./missing/' + n)",
            ),
        ]);
        project.push(a_manifest(""));
        let (policy, warnings) = policy_of(&project);
        assert_eq!(policy["resources"], json!({}));
        assert!(warnings.contains("dynamic require"), "{warnings}");
        assert!(!warnings.contains("lavamoat: note"), "{warnings}");
    }
}

mod optional_dependencies {
    use super::*;

    /// Package `a` with two platform packages declared, only `@a/linux` installed: a binary
    /// without any JavaScript entry. The app does not depend on it: its name is `a>@a/linux`.
    fn platform_project(a_source: &str) -> Vec<(&'static str, String)> {
        let mut project = files(&[
            APP,
            ENTRY,
            ("node_modules/a/index.js", a_source),
            (
                "node_modules/@a/linux/package.json",
                &manifest("@a/linux", ""),
            ),
            ("node_modules/@a/linux/bin/a", "binary"),
        ]);
        project.push(a_manifest(
            r#","optionalDependencies":{"@a/linux":"1","@a/win32":"1"}"#,
        ));
        project
    }

    #[test]
    fn a_computed_resolve_grants_the_installed_ones() {
        let (policy, warnings) = policy_of(&platform_project(
            "const pkg = '@a/' + process.platform; module.exports = require.resolve(`${pkg}/bin/a`)",
        ));
        assert_eq!(
            policy["resources"],
            json!({"a": {"globals": {"process.platform": true}, "packages": {"a>@a/linux": true}}})
        );
        assert_eq!(
            warnings,
            "lavamoat: note: \"<root>/node_modules/a/index.js\" computes the names of the packages it requires or resolves: \"a\" is granted its installed optional dependencies @a/linux"
        );
    }

    #[test]
    fn one_with_code_is_walked_from_its_entry() {
        let mut project = platform_project("module.exports = require('@a/' + process.platform)");
        project.push((
            "node_modules/@a/linux/index.js",
            "module.exports = require('os').arch()".to_string(),
        ));
        let (policy, warnings) = policy_of(&project);
        assert_eq!(
            policy["resources"],
            json!({
                "a": {"globals": {"process.platform": true}, "packages": {"a>@a/linux": true}},
                "a>@a/linux": {"builtin": {"os.arch": true}}
            })
        );
        // The computed require itself still warns: what it loads is a guess.
        assert!(warnings.contains("dynamic require"), "{warnings}");
    }

    /// Rollup 4's shape: a helper requires a name computed from the platform, and each
    /// platform package's `main` is its addon. Three declared, two installed: only the
    /// installed ones are granted, each with `native` (it has no JavaScript to need more).
    #[test]
    fn one_whose_entry_is_an_addon_is_granted_native() {
        let mut project = files(&[
            APP,
            ENTRY,
            (
                "node_modules/a/index.js",
                "const load = (id) => require(id); module.exports = load(`@a/a-${process.platform}-${process.arch}`)",
            ),
            (
                "node_modules/@a/a-linux-x64/package.json",
                &manifest("@a/a-linux-x64", r#","main":"./a.linux-x64.node""#),
            ),
            ("node_modules/@a/a-linux-x64/a.linux-x64.node", "not really an addon"),
            (
                "node_modules/@a/a-darwin-arm64/package.json",
                &manifest("@a/a-darwin-arm64", r#","main":"./a.darwin-arm64.node""#),
            ),
            ("node_modules/@a/a-darwin-arm64/a.darwin-arm64.node", "not really an addon"),
        ]);
        project.push(a_manifest(
            r#","optionalDependencies":{"@a/a-linux-x64":"1","@a/a-darwin-arm64":"1","@a/a-win32-x64":"1"}"#,
        ));
        let (policy, warnings) = policy_of(&project);
        assert_eq!(
            policy["resources"],
            json!({
                "a": {
                    "globals": {"process.arch": true, "process.platform": true},
                    "packages": {"a>@a/a-darwin-arm64": true, "a>@a/a-linux-x64": true}
                },
                "a>@a/a-darwin-arm64": {"native": true},
                "a>@a/a-linux-x64": {"native": true}
            })
        );
        assert!(
            warnings.contains("installed optional dependencies @a/a-linux-x64, @a/a-darwin-arm64")
                || warnings
                    .contains("installed optional dependencies @a/a-darwin-arm64, @a/a-linux-x64"),
            "{warnings}"
        );
        assert!(!warnings.contains("win32"), "{warnings}");
    }

    #[test]
    fn nothing_is_granted_without_a_computed_package_name() {
        for source in [
            "module.exports = require.resolve('./bin/' + process.platform)",
            "module.exports = (n) => require('./' + n)",
            "module.exports = require.resolve('@a/linux/package.json')",
        ] {
            let (policy, warnings) = policy_of(&platform_project(source));
            assert!(
                policy["resources"]["a"]["packages"].is_null(),
                "{source}: {policy}"
            );
            assert!(
                !warnings.contains("optional dependencies"),
                "{source}: {warnings}"
            );
        }
    }
}
