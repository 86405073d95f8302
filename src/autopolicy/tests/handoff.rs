//! Own files handed to a dependency (deliberate difference: the reference generates no grant
//! and the run refuses): package `a` resolves its own `worker.js` and hands the path to its
//! dependency `b`, which loads it with a computed `require(path)` (webpack's minimizer plugin
//! and jest-worker).

use serde_json::json;

use super::*;

const APP: (&str, &str) = ("package.json", r#"{"name":"app","dependencies":{"a":"1"}}"#);
const ENTRY: (&str, &str) = ("index.js", "require('a')");
/// `b` loads whatever path it is given.
const LOADER: (&str, &str) = (
    "node_modules/b/index.js",
    "module.exports = (file) => require(file)",
);
const WORKER: (&str, &str) = (
    "node_modules/a/worker.js",
    "module.exports = require('os').cpus",
);

/// `policy_from` from `index.js`, with manifests for `a` (depending on `b`) and `b`.
fn policy_of(files: &[(&str, &str)]) -> (Value, String) {
    let a = manifest("a", r#","dependencies":{"b":"1"}"#);
    let b = manifest("b", "");
    let mut all = vec![
        APP,
        ENTRY,
        ("node_modules/a/package.json", a.as_str()),
        ("node_modules/b/package.json", b.as_str()),
    ];
    all.extend_from_slice(files);
    policy_from(&all, "index.js")
}

#[test]
fn the_dependency_is_granted_the_package_and_the_file_is_walked() {
    let (policy, warnings) = policy_of(&[
        (
            "node_modules/a/index.js",
            "module.exports = require('b')(require.resolve('./worker'))",
        ),
        LOADER,
        WORKER,
    ]);
    // `a` never requires worker.js itself: what it uses is there because the walk read it.
    assert_eq!(
        policy["resources"],
        json!({
            "a": {"builtin": {"os.cpus": true}, "packages": {"a>b": true}},
            "a>b": {"packages": {"a": true}}
        })
    );
    assert!(
        warnings.starts_with("lavamoat: note: \"<root>/node_modules/a/index.js\" resolves its own file(s) \"./worker\" and requires \"a>b\", which requires computed paths: \"a>b\" is granted \"a\""),
        "{warnings}"
    );
    // The computed require is still one: it could load other files too.
    assert!(warnings.contains("dynamic require"), "{warnings}");
}

#[test]
fn a_path_joined_from_dirname_is_an_own_file_too() {
    let (policy, _) = policy_of(&[
        (
            "node_modules/a/index.js",
            "const path = require('path'); module.exports = require('b')(require.resolve(path.join(__dirname, 'worker.js')))",
        ),
        LOADER,
        WORKER,
    ]);
    assert_eq!(policy["resources"]["a>b"], json!({"packages": {"a": true}}));
    assert_eq!(policy["resources"]["a"]["builtin"]["os.cpus"], json!(true));
}

#[test]
fn a_package_the_resolving_one_does_not_depend_on_is_not_granted() {
    // `c` requires computed paths and the app uses it, but `a` never requires it.
    let c = manifest("c", "");
    let (policy, warnings) = policy_of(&[
        (
            "package.json",
            r#"{"name":"app","dependencies":{"a":"1","c":"1"}}"#,
        ),
        ("index.js", "require('a'); require('c')"),
        (
            "node_modules/a/index.js",
            "module.exports = require.resolve('./worker')",
        ),
        ("node_modules/c/package.json", &c),
        (
            "node_modules/c/index.js",
            "module.exports = (file) => require(file)",
        ),
        WORKER,
    ]);
    assert_eq!(policy["resources"], json!({}));
    assert!(!warnings.contains("lavamoat: note"), "{warnings}");
}

#[test]
fn a_dependency_another_module_of_the_package_requires_is_not_granted() {
    // The edge is the resolving module's: `a` as a package depends on `b`, but the module
    // resolving its file does not require `b` (webpack resolves a file of its own in one
    // module and requires browserslist, which computes paths, in another).
    let (policy, warnings) = policy_of(&[
        (
            "node_modules/a/index.js",
            "require('./uses-b'); module.exports = require.resolve('./worker')",
        ),
        ("node_modules/a/uses-b.js", "module.exports = require('b')"),
        LOADER,
        WORKER,
    ]);
    assert_eq!(
        policy["resources"],
        json!({"a": {"packages": {"a>b": true}}})
    );
    assert!(!warnings.contains("lavamoat: note"), "{warnings}");
}

#[test]
fn a_dependency_with_only_literal_requires_is_not_granted() {
    let (policy, warnings) = policy_of(&[
        (
            "node_modules/a/index.js",
            "module.exports = require('b')(require.resolve('./worker'))",
        ),
        (
            "node_modules/b/index.js",
            "module.exports = (file) => require('./x') && file",
        ),
        ("node_modules/b/x.js", "module.exports = 1"),
        WORKER,
    ]);
    assert_eq!(
        policy["resources"],
        json!({"a": {"packages": {"a>b": true}}})
    );
    assert!(!warnings.contains("lavamoat: note"), "{warnings}");
}

#[test]
fn a_file_outside_the_package_is_not_handed_out() {
    let (policy, warnings) = policy_of(&[
        (
            "node_modules/a/index.js",
            "module.exports = require('b')(require.resolve('../../index.js'))",
        ),
        LOADER,
    ]);
    assert_eq!(
        policy["resources"],
        json!({"a": {"packages": {"a>b": true}}})
    );
    assert!(!warnings.contains("lavamoat: note"), "{warnings}");
}

#[test]
fn the_root_package_is_never_granted() {
    // The app hands its own file to `a`: that grant is the app's to write in its override.
    let (policy, warnings) = policy_of(&[
        ("package.json", r#"{"name":"app","dependencies":{"b":"1"}}"#),
        ("index.js", "require('b')(require.resolve('./worker'))"),
        ("worker.js", "module.exports = 1"),
        LOADER,
    ]);
    assert_eq!(policy["resources"], json!({}));
    assert!(!warnings.contains("lavamoat: note"), "{warnings}");
}
