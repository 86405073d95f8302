//! What a learning run hands the analysis: more entries (files the program loaded by names no
//! request spells) and package edges it saw requested.

use serde_json::json;

use super::*;

/// A tool (`tool`) that loads the project's config by a computed path; the config requires
/// a plugin (`plugin`) that reads a file.
const TOOL_PROJECT: &[(&str, &str)] = &[
    (
        "package.json",
        r#"{"name":"app","devDependencies":{"tool":"1","plugin":"1"}}"#,
    ),
    (
        "tool.config.js",
        "module.exports = { plugins: [require('plugin')] }",
    ),
    (
        "node_modules/tool/package.json",
        r#"{"name":"tool","version":"1.0.0"}"#,
    ),
    (
        "node_modules/tool/cli.js",
        "const config = require(process.cwd() + '/tool.config.js'); console.log(config)",
    ),
    (
        "node_modules/plugin/package.json",
        r#"{"name":"plugin","version":"1.0.0"}"#,
    ),
    (
        "node_modules/plugin/index.js",
        "module.exports = require('fs').readFileSync",
    ),
];

fn generate(more_entries: &[&str], learned: Vec<LearnedEdge>, debug: bool) -> GeneratedPolicy {
    let scratch = project(TOOL_PROJECT);
    let root = scratch.path().canonicalize().expect("root");
    generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from("node_modules/tool/cli.js"),
        project_root: root,
        policy_override_path: None,
        include_debug_info: debug,
        show_progress: false,
        more_entries: more_entries.iter().map(PathBuf::from).collect(),
        learned,
        learned_globals: Vec::new(),
        learned_builtins: Vec::new(),
    })
    .unwrap_or_else(|error| panic!("generation failed: {error}"))
}

fn config_edge() -> LearnedEdge {
    LearnedEdge {
        package: "tool".to_string(),
        target: "$root$".to_string(),
        request: "/project/tool.config.js".to_string(),
        file: "node_modules/tool/cli.js".to_string(),
    }
}

#[test]
fn without_a_learning_run_the_config_and_its_plugin_are_unknown() {
    let policy = generate(&[], Vec::new(), false).policy;
    assert_eq!(
        policy,
        json!({"resources": {"tool": {"globals": {"console.log": true, "process.cwd": true}}}})
    );
}

#[test]
fn a_more_entry_is_analysed_and_a_learned_edge_granted() {
    let policy = generate(&["tool.config.js"], vec![config_edge()], false).policy;
    assert_eq!(
        policy,
        json!({"resources": {
            "plugin": {"builtin": {"fs.readFileSync": true}},
            "tool": {
                "globals": {"console.log": true, "process.cwd": true},
                "packages": {"$root$": true}
            }
        }})
    );
}

#[test]
fn the_debug_policy_says_where_each_learned_edge_was_requested() {
    let generated = generate(&["tool.config.js"], vec![config_edge()], true);
    let debug = generated.debug.expect("debug policy");
    assert_eq!(
        debug["learned"],
        json!({"packages": {"tool": {"$root$": [
            {"request": "/project/tool.config.js", "file": "node_modules/tool/cli.js"}
        ]}}, "globals": {}, "builtins": {}})
    );
    assert!(generated.policy.get("learned").is_none());
}

#[test]
fn a_learned_global_is_granted_write() {
    let scratch = project(TOOL_PROJECT);
    let root = scratch.path().canonicalize().expect("root");
    let policy = generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from("node_modules/tool/cli.js"),
        project_root: root,
        policy_override_path: None,
        include_debug_info: false,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: vec![LearnedGlobal {
            package: "tool".to_string(),
            name: "describe".to_string(),
        }],
        learned_builtins: Vec::new(),
    })
    .expect("generated")
    .policy;
    assert_eq!(policy["resources"]["tool"]["globals"]["describe"], "write");
}

#[test]
fn a_learned_builtin_is_granted_reduced_and_shown_with_its_file() {
    let scratch = project(TOOL_PROJECT);
    let root = scratch.path().canonicalize().expect("root");
    let learned = |builtin: &str, file: &str| LearnedBuiltin {
        package: "tool".to_string(),
        builtin: builtin.to_string(),
        file: file.to_string(),
    };
    let debug = generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from("node_modules/tool/cli.js"),
        project_root: root,
        policy_override_path: None,
        include_debug_info: true,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_builtins: vec![
            learned("path.join", "test/a.test.js"),
            learned("path", "test/b.test.js"),
            learned("path", "test/c.test.js"),
        ],
    })
    .expect("generated")
    .debug
    .expect("debug");
    assert_eq!(debug["resources"]["tool"]["builtin"], json!({"path": true}));
    assert_eq!(
        debug["learned"]["builtins"],
        json!({"tool": {
            "path.join": ["test/a.test.js"],
            "path": ["test/b.test.js", "test/c.test.js"],
        }})
    );
}

#[test]
fn request_paths_are_the_static_uses_of_a_source() {
    let paths = |source: &str| request_paths(source.to_string(), PathBuf::from("/p/t.js"));
    assert_eq!(
        paths("const p = require('path'); p.join(); require('./x'); require('util').inspect"),
        vec!["./x", "path.join", "util.inspect"]
    );
    // A computed name is no request; the body of a function vm compiles may `return`.
    assert!(paths("return require(['child', 'process'].join('_'))").is_empty());
    assert!(paths("require('fs'); (").is_empty());
}

#[test]
fn an_edge_learned_for_the_root_grants_nothing() {
    let mut edge = config_edge();
    edge.package = "$root$".to_string();
    edge.target = "plugin".to_string();
    let policy = generate(&[], vec![edge], false).policy;
    assert!(policy["resources"].get("$root$").is_none(), "{policy}");
}

#[test]
fn a_more_entry_outside_the_root_is_refused() {
    let scratch = project(TOOL_PROJECT);
    let root = scratch.path().canonicalize().expect("root");
    let error = generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from("node_modules/tool/cli.js"),
        project_root: root,
        policy_override_path: None,
        include_debug_info: false,
        show_progress: false,
        more_entries: vec![PathBuf::from("/elsewhere/x.js")],
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_builtins: Vec::new(),
    })
    .err()
    .expect("an entry outside the root fails");
    assert_eq!(error.code(), "LAVAMOAT_ENTRY_OUTSIDE_ROOT");
}
