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
        learned_uses: Vec::new(),
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
        ]}}, "globals": {}, "compiled": {}})
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
        learned_uses: Vec::new(),
    })
    .expect("generated")
    .policy;
    assert_eq!(policy["resources"]["tool"]["globals"]["describe"], "write");
}

#[test]
fn a_learned_use_is_granted_reduced_and_shown_with_its_file() {
    let scratch = project(TOOL_PROJECT);
    let root = scratch.path().canonicalize().expect("root");
    let learned = |package: &str, section: &str, key: &str, file: &str| LearnedUse {
        package: package.to_string(),
        section: section.to_string(),
        key: key.to_string(),
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
        learned_globals: vec![LearnedGlobal {
            package: "env".to_string(),
            name: "describe".to_string(),
        }],
        learned_uses: vec![
            learned("tool", "builtin", "path.join", "test/a.test.js"),
            learned("tool", "builtin", "path", "test/b.test.js"),
            learned("tool", "builtin", "path", "test/c.test.js"),
            learned("env", "globals", "setTimeout", "test/a.test.js"),
            learned("env", "globals", "describe", "test/a.test.js"),
        ],
    })
    .expect("generated")
    .debug
    .expect("debug");
    assert_eq!(debug["resources"]["tool"]["builtin"], json!({"path": true}));
    // A read learned from compiled code does not take back a global's "write".
    assert_eq!(
        debug["resources"]["env"]["globals"],
        json!({"describe": "write", "setTimeout": true})
    );
    assert_eq!(
        debug["learned"]["compiled"],
        json!({
            "tool": {"builtin": {
                "path.join": ["test/a.test.js"],
                "path": ["test/b.test.js", "test/c.test.js"],
            }},
            "env": {"globals": {"setTimeout": ["test/a.test.js"], "describe": ["test/a.test.js"]}},
        })
    );
}

#[test]
fn source_uses_are_the_static_requests_and_global_reads_of_a_source() {
    let uses = |source: &str| source_uses(source.to_string(), PathBuf::from("/p/t.js"));
    let found = uses("const p = require('path'); p.join(); require('./x'); require('util').inspect; setTimeout(f); globalThis.y = 1");
    assert_eq!(found.requests, vec!["./x", "path.join", "util.inspect"]);
    assert_eq!(found.globals, vec!["f", "setTimeout"]);
    // A computed name is no request; the body of a function vm compiles may `return`.
    assert!(uses("return require(['child', 'process'].join('_'))")
        .requests
        .is_empty());
    assert_eq!(uses("require('fs'); ("), SourceUses::default());
}
