//! `env: "unfrozen"` for a package that writes to an intrinsic's own object (ours: the
//! reference never writes `env`): any of its modules decides, the root app never gets it.

use serde_json::json;

use super::*;
use crate::policy::stringify;

const DEEP_EQUAL_KEYS: &str = "exports = module.exports = typeof Object.keys === 'function'\n  ? Object.keys : shim;\n\nexports.shim = shim;\nfunction shim (obj) {\n  var keys = [];\n  for (var key in obj) keys.push(key);\n  return keys;\n}\n";

/// The generated policy of an app requiring package `a`, whose files are given.
fn policy_with_a(root_source: &str, files: &[(&str, &str)]) -> Value {
    let app = manifest("app", r#","dependencies":{"a":"1","b":"1"}"#);
    let a = manifest("a", "");
    let mut all = vec![
        ("package.json", app.as_str()),
        ("index.js", root_source),
        ("node_modules/a/package.json", a.as_str()),
    ];
    all.extend_from_slice(files);
    policy_from(&all, "index.js").0
}

#[test]
fn deep_equals_keys_module_makes_its_package_unfrozen() {
    let policy = policy_with_a(
        "require('a')",
        &[
            (
                "node_modules/a/index.js",
                "var keys = require('./lib/keys.js'); module.exports = (x) => keys(x)",
            ),
            ("node_modules/a/lib/keys.js", DEEP_EQUAL_KEYS),
        ],
    );
    assert_eq!(policy["resources"], json!({"a": {"env": "unfrozen"}}));
}

#[test]
fn env_is_written_where_a_user_written_env_would_be() {
    let policy = policy_with_a(
        "require('a')",
        &[
            (
                "node_modules/a/index.js",
                "require('fs').readFileSync; process.env.X; require('b'); Math.tau = 2 * Math.PI",
            ),
            ("node_modules/b/package.json", &manifest("b", "")),
            ("node_modules/b/index.js", "module.exports = 1"),
        ],
    );
    let text = stringify(&policy);
    assert!(
        text.contains(
            "\"a\": {\n      \"builtin\": {\n        \"fs.readFileSync\": true\n      },\n      \"env\": \"unfrozen\",\n      \"globals\": {\n        \"process.env.X\": true\n      },\n      \"packages\": {\n        \"b\": true\n      }\n    }"
        ),
        "{text}"
    );
}

#[test]
fn prototype_writes_and_reads_leave_the_package_frozen() {
    let policy = policy_with_a(
        "require('a')",
        &[(
            "node_modules/a/index.js",
            "Object.defineProperty(Object.prototype, 'should', { get() { return 1 } }); \
             Array.prototype.last = function () {}; module.exports = Object.keys; console.log(Object.keys.shim)",
        )],
    );
    assert_eq!(
        policy["resources"],
        json!({"a": {"globals": {"console.log": true}}})
    );
}

#[test]
fn the_root_app_is_never_unfrozen() {
    let policy = policy_with_a(
        "Object.keys.shim = 1; require('a')",
        &[("node_modules/a/index.js", "")],
    );
    assert_eq!(policy["resources"], json!({}));
}

#[test]
fn the_generated_env_survives_an_override_of_the_package() {
    let app = manifest("app", r#","dependencies":{"a":"1"}"#);
    let a = manifest("a", "");
    let (policy, _) = policy_from(
        &[
            ("package.json", &app),
            ("index.js", "require('a')"),
            ("node_modules/a/package.json", &a),
            ("node_modules/a/index.js", "JSON.x = 1; process.cwd()"),
            (
                "lavamoat/node/policy-override.json",
                r#"{"resources":{"a":{"globals":{"process.cwd":true}}}}"#,
            ),
        ],
        "index.js",
    );
    // An override can only set env, never unset it (policy/validate.rs accepts "unfrozen" only).
    assert_eq!(policy["resources"]["a"]["env"], json!("unfrozen"));
}

#[test]
fn the_debug_policy_locates_each_write() {
    let app = manifest("app", r#","dependencies":{"a":"1"}"#);
    let a = manifest("a", "");
    let scratch = project(&[
        ("package.json", &app),
        ("index.js", "require('a')"),
        ("node_modules/a/package.json", &a),
        (
            "node_modules/a/index.js",
            "require('./keys.js'); Object.prototype.x = 1",
        ),
        ("node_modules/a/keys.js", DEEP_EQUAL_KEYS),
    ]);
    let root = scratch.path().canonicalize().expect("root");
    let generated = generate_with_debug(&root);
    let debug = &generated.debug.expect("debug policy")["debugInfo"];
    let file = |name: &str| root.join("node_modules/a").join(name).display().to_string();
    let start = json!({ "line": 4, "column": 0, "index": 86 });
    let end = json!({ "line": 4, "column": 19, "index": 105 });
    assert_eq!(
        debug[file("keys.js")]["intrinsicWrites"],
        json!([{ "node": { "loc": { "start": start, "end": end } } }])
    );
    assert_eq!(debug[file("index.js")].get("intrinsicWrites"), None);
}
