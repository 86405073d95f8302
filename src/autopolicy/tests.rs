use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::assemble::{package_globals, PackageGlobal};
use super::*;
use crate::analyze::{analyze_module, ModuleFacts};
use crate::test_support::{finishes_in_time, project};

mod computed_requires;
mod esm;
mod global_aliases;
mod handoff;
mod learned;
mod unfrozen;

/// Generates from `entry`; returns the policy and the warnings with the root as `<root>`.
fn policy_from(files: &[(&str, &str)], entry: &str) -> (Value, String) {
    let scratch = project(files);
    let root = scratch.path().canonicalize().expect("root");
    let generated = generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from(entry),
        project_root: root.clone(),
        policy_override_path: None,
        include_debug_info: false,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_uses: Vec::new(),
    })
    .unwrap_or_else(|error| panic!("generation failed: {error}"));
    let warnings = messages(&generated)
        .join("\n")
        .replace(&root.display().to_string(), "<root>");
    (generated.policy, warnings)
}

/// Every message for stderr, those that need action first, then those folded into one line.
fn messages(generated: &GeneratedPolicy) -> Vec<String> {
    generated
        .warnings
        .iter()
        .chain(&generated.notes)
        .cloned()
        .collect()
}

fn manifest(name: &str, extra: &str) -> String {
    format!(r#"{{"name":"{name}","version":"1.0.0"{extra}}}"#)
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("__test__")
        .join("fixtures")
        .join("autopolicy")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

struct FixtureRun {
    /// Keeps the scratch copy alive while the run is inspected.
    _scratch: tempfile::TempDir,
    root: PathBuf,
    result: Result<GeneratedPolicy, AutopolicyError>,
}

impl FixtureRun {
    fn new(fixture: &Path) -> Self {
        let scratch = tempfile::tempdir().expect("tempdir");
        let root = scratch.path().join("project");
        copy_dir(&fixture.join("project"), &root);
        // The resolver reports real paths; compare against the real root.
        let root = root.canonicalize().expect("canonical root");
        let flags = fs::read_to_string(fixture.join("flags")).unwrap_or_default();
        let options = AutopolicyOptions {
            entry_path: PathBuf::from("index.js"),
            project_root: root.clone(),
            policy_override_path: None,
            include_debug_info: flags.contains("--writeAutoPolicyDebug"),
            show_progress: false,
            more_entries: Vec::new(),
            learned: Vec::new(),
            learned_globals: Vec::new(),
            learned_uses: Vec::new(),
        };
        let result = generate_policy(&options);
        Self {
            _scratch: scratch,
            root,
            result,
        }
    }

    fn generated(&self) -> &GeneratedPolicy {
        match &self.result {
            Ok(generated) => generated,
            Err(error) => panic!("generation failed: {error}"),
        }
    }

    /// Replaces the scratch location by the placeholder the expected files use.
    fn placeholder(&self, text: &str) -> String {
        text.replace(&self.root.display().to_string(), "<projectRoot>")
    }
}

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("project").is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Each fixture's policy.json, byte for byte (fixtures 22 and 28 expect our behaviour).
#[test]
fn every_fixture_policy_is_byte_identical() {
    let fixtures = fixtures();
    assert_eq!(fixtures.len(), 30, "fixture count");
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let run = FixtureRun::new(fixture);
        let expected = fs::read_to_string(fixture.join("expected").join("policy.json"))
            .expect("expected policy");
        match &run.result {
            Ok(generated) => {
                let actual = crate::policy::stringify(&generated.policy);
                if actual != expected {
                    failures.push(format!(
                        "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                        fixture.display()
                    ));
                }
            }
            Err(error) => failures.push(format!("{}: {error}", fixture.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n\n")
    );
}

/// A line the reference printed, with our one prefix (`lavamoat: `) for its several.
fn in_our_words(line: &str) -> String {
    if let Some(rest) = line.strip_prefix("⚠️  Potentially Incompatible code detected in package")
    {
        return format!("lavamoat: potentially incompatible code in package{rest}");
    }
    match line.strip_prefix("lavamoat - ") {
        Some(rest) => format!("lavamoat: {rest}"),
        None => line.to_string(),
    }
}

/// The warnings of each fixture are the reference's stderr lines between the
/// "generating" and "wrote" messages (in our words), plus our `  at file:line:column` line
/// per finding.
#[test]
fn every_fixture_warns_like_the_reference() {
    for fixture in fixtures() {
        let Ok(stderr) = fs::read_to_string(fixture.join("expected").join("stderr.txt")) else {
            continue;
        };
        let expected: Vec<String> = stderr
            .lines()
            .filter(|line| {
                !line.starts_with("LavaMoat generating policy")
                    && !line.starts_with("LavaMoat wrote policy")
            })
            .map(in_our_words)
            .collect();
        let run = FixtureRun::new(&fixture);
        let warnings = run.placeholder(&messages(run.generated()).join("\n"));
        // The same lines; those that need no action come after the others.
        let mut actual: Vec<&str> = warnings
            .lines()
            .filter(|line| !line.starts_with("  at <projectRoot>/"))
            .collect();
        let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        actual.sort_unstable();
        expected.sort_unstable();
        assert_eq!(actual, expected, "{}", fixture.display());
    }
}

#[test]
fn each_finding_is_located_by_file_line_and_column() {
    let run = FixtureRun::new(&fixtures_dir().join("14-dynamic-require"));
    let warnings = run.placeholder(&messages(run.generated()).join("\n"));
    let locations: Vec<&str> = warnings
        .lines()
        .filter(|line| line.starts_with("  at "))
        .collect();
    assert_eq!(
        locations,
        [
            "  at <projectRoot>/node_modules/a/index.js:1:68",
            "  at <projectRoot>/node_modules/a/index.js:1:83"
        ],
        "{warnings}"
    );
}

#[test]
fn debug_policy_matches_fixture_27() {
    let fixture = fixtures_dir().join("27-debug-policy");
    let run = FixtureRun::new(&fixture);
    let debug = run.generated().debug.as_ref().expect("debug policy");
    let expected = fs::read_to_string(fixture.join("expected").join("policy-debug.json"))
        .expect("expected debug");
    assert_eq!(run.placeholder(&crate::policy::stringify(debug)), expected);
}

#[test]
fn unparsable_file_is_skipped_with_a_located_warning() {
    let run = FixtureRun::new(&fixtures_dir().join("28-unparsable-file"));
    let warnings = run.placeholder(&messages(run.generated()).join("\n"));
    assert!(
        warnings.starts_with(
            "lavamoat: skipping <projectRoot>/node_modules/a/broken.js:2:1: it does not parse ("
        ),
        "{warnings}"
    );
    assert!(warnings.contains("> 2 |"), "{warnings}");
}

#[test]
fn the_debug_file_has_the_compat_findings_and_stderr_still_reports_them() {
    let fixture = fixtures_dir().join("14-dynamic-require");
    let scratch = tempfile::tempdir().expect("tempdir");
    let root = scratch.path().join("project");
    copy_dir(&fixture.join("project"), &root);
    let options = AutopolicyOptions {
        entry_path: PathBuf::from("index.js"),
        project_root: root.clone(),
        policy_override_path: None,
        include_debug_info: true,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_uses: Vec::new(),
    };
    let generated = generate_policy(&options).expect("generated");
    // Ours: the reference prints nothing about them once the debug file is asked for.
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert_eq!(generated.notes.len(), 1, "{:?}", generated.notes);
    assert_eq!(
        generated.notes_summary.as_deref(),
        Some("lavamoat: nothing to do about 1 module(s) with requests analysis cannot follow (a): a module they load at run time that the policy lacks is refused with the override line that allows it (--debugMode prints each)")
    );
    let debug = generated.debug.expect("debug");
    let module = root
        .canonicalize()
        .expect("root")
        .join("node_modules/a/index.js");
    let requires =
        &debug["debugInfo"][module.display().to_string()]["sesCompat"]["dynamicRequires"];
    assert_eq!(
        requires[0]["node"]["loc"]["start"],
        serde_json::json!({"line": 1, "column": 67, "index": 67})
    );
    assert_eq!(requires.as_array().map(Vec::len), Some(2));
    assert!(generated.policy.get("debugInfo").is_none());
}

#[test]
fn missing_entry_is_an_error() {
    let scratch = tempfile::tempdir().expect("tempdir");
    fs::write(scratch.path().join("package.json"), "{\"name\":\"x\"}").expect("write");
    let options = AutopolicyOptions {
        entry_path: PathBuf::from("nope.js"),
        project_root: scratch.path().to_path_buf(),
        policy_override_path: None,
        include_debug_info: false,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_uses: Vec::new(),
    };
    let error = generate_policy(&options).err().expect("error");
    assert_eq!(error.code(), "LAVAMOAT_ENTRY_NOT_FOUND");
}

/// Node runs `.mjs` (see the esm tests) and TypeScript (`.ts`, `.mts`, `.cts`, stripped of its
/// types; the reference refuses those), but no other extension it does not know.
#[test]
fn unknown_extension_is_an_error_like_the_reference() {
    let scratch = project(&[
        ("package.json", r#"{"name":"x"}"#),
        ("index.js", "require('./m.coffee')"),
        ("m.coffee", "square = (x) -> x * x"),
    ]);
    let error = generate(&scratch).err().expect("error");
    assert_eq!(error.code(), "LAVAMOAT_UNKNOWN_EXTENSION");
    assert!(error
        .to_string()
        .starts_with("lavamoat-node/makeImportHook - unknown module file extension \".coffee\""));
}

#[test]
fn typescript_modules_are_walked_as_node_runs_them() {
    let (policy, warnings) = policy_from(
        &[
            ("package.json", r#"{"name":"app","dependencies":{"a":"1","b":"1"}}"#),
            (
                "index.ts",
                "import type { B } from 'b'\nimport { read } from './read.mts'\nconst b: B = null as never\nread(b)",
            ),
            ("read.mts", "import a from 'a'\nexport const read = (x: unknown): string => a(x)"),
            ("node_modules/a/package.json", &manifest("a", "")),
            ("node_modules/a/index.js", "module.exports = (x) => require('os').EOL + x"),
            ("node_modules/b/package.json", &manifest("b", "")),
            ("node_modules/b/index.js", "module.exports = process.env"),
        ],
        "index.ts",
    );
    assert_eq!(warnings, "");
    // `b` is imported for its type only: stripped, never loaded, not in the policy.
    assert_eq!(
        policy,
        serde_json::json!({"resources": {"a": {"builtin": {"os.EOL": true}}}})
    );
}

mod package_merge {
    use super::*;

    fn module(source: &str) -> ModuleFacts {
        analyze_module(source, Path::new("/p/node_modules/r/index.js"))
    }

    fn merged(sources: &[&str]) -> BTreeMap<String, PackageGlobal> {
        let modules: Vec<ModuleFacts> = sources.iter().map(|s| module(s)).collect();
        package_globals(modules.iter())
    }

    #[test]
    fn deep_write_grants_the_top_segment() {
        let globals = merged(&["xyz = 5; abc.def = 1"]);
        assert_eq!(
            globals.into_iter().collect::<Vec<_>>(),
            [
                ("abc".to_string(), PackageGlobal::Granted),
                ("xyz".to_string(), PackageGlobal::Write)
            ]
        );
    }

    #[test]
    fn order_of_modules_matters_like_in_the_reference() {
        let write_then_deep = merged(&["a = 1", "a.b = 2"]);
        assert_eq!(write_then_deep.get("a"), Some(&PackageGlobal::Granted));
        let deep_then_write = merged(&["a.b = 2", "a = 1"]);
        assert_eq!(deep_then_write.get("a"), Some(&PackageGlobal::Write));
    }

    #[test]
    fn union_is_reduced_to_topmost() {
        let globals = merged(&[
            "process.env.NODE_ENV; console.log(1)",
            "process; console.log.bind",
        ]);
        assert_eq!(
            globals.keys().collect::<Vec<_>>(),
            ["console.log", "process"]
        );
    }

    #[test]
    fn a_typeof_guard_alone_grants_the_name() {
        let globals = merged(&["typeof document !== 'undefined' && typeof (process) === 'object'"]);
        assert_eq!(globals.keys().collect::<Vec<_>>(), ["document", "process"]);
    }

    #[test]
    fn a_typeof_guard_grants_nothing_when_the_package_uses_paths_under_it() {
        // semver's debug: the reference grants the whole `process` for it.
        let semver = "const debug = (typeof process === 'object' && process.env && process.env.NODE_DEBUG && /semver/i.test(process.env.NODE_DEBUG)) ? console.error : () => {}";
        let globals = merged(&[semver]);
        assert_eq!(
            globals.keys().collect::<Vec<_>>(),
            ["console.error", "process.env"]
        );
        // Paths under the guarded name count from any module of the package, before or after.
        let across = merged(&["typeof process", "process.env.NODE_ENV", "typeof Buffer"]);
        assert_eq!(
            across.keys().collect::<Vec<_>>(),
            ["Buffer", "process.env.NODE_ENV"]
        );
        // A name that merely starts like the guarded one is another global.
        let prefix = merged(&["typeof process", "processor.run()"]);
        assert_eq!(
            prefix.keys().collect::<Vec<_>>(),
            ["process", "processor.run"]
        );
    }

    #[test]
    fn a_typeof_guard_next_to_a_whole_use_keeps_the_whole_grant() {
        let globals = merged(&["typeof process; process.env.X", "module.exports = process"]);
        assert_eq!(globals.keys().collect::<Vec<_>>(), ["process"]);
    }
}

/// Generates from `index.js` of the project at `root`, debug policy included.
fn generate_with_debug(root: &Path) -> GeneratedPolicy {
    generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from("index.js"),
        project_root: root.to_path_buf(),
        policy_override_path: None,
        include_debug_info: true,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_uses: Vec::new(),
    })
    .unwrap_or_else(|error| panic!("generation failed: {error}"))
}

fn generate(scratch: &tempfile::TempDir) -> Result<GeneratedPolicy, AutopolicyError> {
    generate_policy(&AutopolicyOptions {
        entry_path: PathBuf::from("index.js"),
        project_root: scratch.path().to_path_buf(),
        policy_override_path: None,
        include_debug_info: false,
        show_progress: false,
        more_entries: Vec::new(),
        learned: Vec::new(),
        learned_globals: Vec::new(),
        learned_uses: Vec::new(),
    })
}

const ROOT_WITH_A: (&str, &str) = ("package.json", r#"{"name":"app","dependencies":{"a":"1"}}"#);
const A_MANIFEST: (&str, &str) = (
    "node_modules/a/package.json",
    r#"{"name":"a","version":"1.0.0"}"#,
);
const OVERRIDE: &str = "lavamoat/node/policy-override.json";

mod override_merge {
    use super::*;

    #[test]
    fn override_narrows_adds_packages_and_resources() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a')"),
            (
                "node_modules/a/index.js",
                "process.env.NODE_ENV; process.exit",
            ),
            (
                OVERRIDE,
                r#"{"resources":{"a":{"globals":{"process":false,"process.env.NODE_ENV":true},"packages":{"@sc/b":true}},"zz":{"globals":{"q":true}}}}"#,
            ),
        ]);
        let generated = generate(&scratch).expect("generated");
        let resources = &generated.policy["resources"];
        assert_eq!(
            resources["a"]["globals"],
            serde_json::json!({"process": false, "process.env.NODE_ENV": true})
        );
        assert_eq!(
            resources["a"]["packages"],
            serde_json::json!({"@sc/b": true})
        );
        assert_eq!(resources["zz"], serde_json::json!({"globals": {"q": true}}));
        assert_eq!(
            messages(&generated),
            ["lavamoat could not find package's entry script for @sc/b as found in policy-override"]
        );
    }

    #[test]
    fn override_granting_a_child_of_a_generated_path_is_a_hierarchy_error() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a')"),
            ("node_modules/a/index.js", "module.exports = process"),
            (
                OVERRIDE,
                r#"{"resources":{"a":{"globals":{"process.env":true}}}}"#,
            ),
        ]);
        let error = generate(&scratch).err().expect("error");
        assert_eq!(error.code(), "LAVAMOAT_POLICY_HIERARCHY");
        assert!(
            error
                .to_string()
                .contains("\"process.env\" is invalid when \"process\" is also present"),
            "{error}"
        );
    }

    #[test]
    fn packages_granted_by_the_override_are_walked_from_their_main() {
        let scratch = project(&[
            (
                "package.json",
                r#"{"name":"app","dependencies":{"a":"1","plugin":"1"}}"#,
            ),
            A_MANIFEST,
            (
                "node_modules/plugin/package.json",
                r#"{"name":"plugin","main":"lib/entry.js"}"#,
            ),
            ("index.js", "require('a')"),
            (
                "node_modules/a/index.js",
                "module.exports = (name) => require(name)",
            ),
            ("node_modules/plugin/lib/entry.js", "module.exports = fetch"),
            (
                OVERRIDE,
                r#"{"resources":{"a":{"packages":{"plugin":true}}}}"#,
            ),
        ]);
        let generated = generate(&scratch).expect("generated");
        assert_eq!(
            generated.policy["resources"]["plugin"],
            serde_json::json!({"globals": {"fetch": true}})
        );
        assert_eq!(
            generated.policy["resources"]["a"]["packages"],
            serde_json::json!({"plugin": true})
        );
    }

    #[test]
    fn resolutions_of_the_override_redirect_requests() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a')"),
            ("node_modules/a/index.js", "require('missing')"),
            ("shim/missing.js", "module.exports = navigator.userAgent"),
            (
                OVERRIDE,
                r#"{"resources":{},"resolutions":{"a":{"missing":"./shim/missing.js"}}}"#,
            ),
        ]);
        let generated = generate(&scratch).expect("generated");
        assert_eq!(
            generated.policy["resources"]["a"],
            serde_json::json!({"packages": {"$root$": true}})
        );
        assert_eq!(
            generated.policy["resolutions"],
            serde_json::json!({"a": {"missing": "./shim/missing.js"}})
        );
        assert_eq!(messages(&generated), Vec::<String>::new());
    }

    #[test]
    fn invalid_override_json_is_an_error() {
        let scratch = project(&[ROOT_WITH_A, ("index.js", ""), (OVERRIDE, "{ nope")]);
        assert_eq!(
            generate(&scratch).err().expect("error").code(),
            "LAVAMOAT_POLICY_PARSE"
        );
    }
}

mod graph {
    use super::*;

    #[test]
    fn dependency_reaching_a_project_file_is_root() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a')"),
            ("node_modules/a/index.js", "require('../../outside.js')"),
            ("outside.js", "module.exports = secretGlobal"),
        ]);
        let generated = generate(&scratch).expect("generated");
        assert_eq!(
            crate::policy::stringify(&generated.policy["resources"]),
            "{\n  \"a\": {\n    \"packages\": {\n      \"$root$\": true\n    }\n  }\n}"
        );
    }

    #[test]
    fn messages_that_need_no_action_are_counted_in_one_line() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a')"),
            (
                "node_modules/a/index.js",
                "try { require('optional-colors') } catch {}\nmodule.exports = (name) => require(name)\nObject.prototype.x = 1",
            ),
        ]);
        let generated = generate(&scratch).expect("generated");
        // The primordial mutation fails under lockdown: a warning, with its code frame.
        assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
        assert!(
            generated.warnings[0].contains("primordial mutation"),
            "{:?}",
            generated.warnings
        );
        assert!(generated.notes[0].contains("unable to resolve \"optional-colors\""));
        assert_eq!(
            generated.notes_summary.as_deref(),
            Some("lavamoat: nothing to do about 1 request(s) of modules not installed (a): a module they load at run time that the policy lacks is refused with the override line that allows it (--debugMode prints each)")
        );
    }

    #[test]
    fn unresolved_requests_are_warned_in_visit_order_and_grant_nothing() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a'); require('./nope')"),
            (
                "node_modules/a/index.js",
                "require('@x/y/z'); require('./gone'); require('lib/sub')",
            ),
        ]);
        let generated = generate(&scratch).expect("generated");
        let root = scratch
            .path()
            .canonicalize()
            .expect("root")
            .display()
            .to_string();
        assert_eq!(
            messages(&generated),
            [
                format!("lavamoat: unable to resolve \"./nope\" from \"{root}/index.js\""),
                format!("lavamoat: unable to resolve \"@x/y/z\" from \"{root}/node_modules/a/index.js\""),
                format!("lavamoat: unable to resolve \"./gone\" from \"{root}/node_modules/a/index.js\""),
                format!("lavamoat: unable to resolve \"lib/sub\" from \"{root}/node_modules/a/index.js\""),
            ]
        );
        // Unresolved targets are null in the import map: no package entry is guessed for them.
        assert_eq!(generated.policy["resources"], serde_json::json!({}));
    }

    #[test]
    fn addon_found_through_bindings_marks_the_package_native() {
        let scratch = project(&[
            ("package.json", r#"{"name":"app","dependencies":{"a":"1"}}"#),
            (
                "node_modules/a/package.json",
                r#"{"name":"a","version":"1.0.0","dependencies":{"bindings":"1"}}"#,
            ),
            (
                "node_modules/bindings/package.json",
                r#"{"name":"bindings","version":"1.0.0"}"#,
            ),
            (
                "node_modules/bindings/index.js",
                "module.exports = () => null",
            ),
            ("index.js", "require('a')"),
            (
                "node_modules/a/index.js",
                "module.exports = require('bindings')('bindings')",
            ),
            (
                "node_modules/a/build/Release/bindings.node",
                "not really an addon",
            ),
        ]);
        let generated = generate(&scratch).expect("generated");
        assert_eq!(
            generated.policy["resources"]["a"],
            serde_json::json!({"packages": {"a>bindings": true}, "native": true})
        );
    }

    /// Deliberate difference: the reference writes no entry for a package that needs nothing
    /// but its addon, and then refuses to load the addon.
    #[test]
    fn a_package_needing_only_its_addon_is_native() {
        let (policy, _) = policy_from(
            &[
                ("package.json", r#"{"name":"app","dependencies":{"a":"1"}}"#),
                ("index.js", "require('a')"),
                ("node_modules/a/package.json", &manifest("a", "")),
                (
                    "node_modules/a/index.js",
                    "module.exports = require('./build/Release/a.node')",
                ),
                ("node_modules/a/build/Release/a.node", "not really an addon"),
            ],
            "index.js",
        );
        assert_eq!(
            policy["resources"],
            serde_json::json!({"a": {"native": true}})
        );
    }

    #[test]
    fn unreadable_module_is_warned_and_skipped() {
        let scratch = project(&[
            (
                "package.json",
                r#"{"name":"app","dependencies":{"a":"1","p":"1"}}"#,
            ),
            A_MANIFEST,
            (
                "node_modules/p/package.json",
                r#"{"name":"p","main":"lib"}"#,
            ),
            ("node_modules/p/lib/index.js", ""),
            ("index.js", "require('a')"),
            ("node_modules/a/index.js", "module.exports = 1"),
            (OVERRIDE, r#"{"resources":{"a":{"packages":{"p":true}}}}"#),
        ]);
        let generated = generate(&scratch).expect("generated");
        let root = scratch.path().display().to_string();
        assert_eq!(
            messages(&generated),
            [format!(
                "lavamoat-node/makeImportHook - could not read file \"{root}/node_modules/p/lib\""
            )]
        );
        assert_eq!(
            generated.policy["resources"]["a"]["packages"],
            serde_json::json!({"p": true})
        );
    }

    #[test]
    fn undeclared_hoisted_dependency_is_an_error() {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("node_modules/hidden/package.json", r#"{"name":"hidden"}"#),
            ("node_modules/hidden/index.js", ""),
            ("index.js", "require('a')"),
            ("node_modules/a/index.js", "require('hidden')"),
        ]);
        assert_eq!(
            generate(&scratch).err().expect("error").code(),
            "LAVAMOAT_UNDECLARED_DEPENDENCY"
        );
    }
}

#[test]
fn deeply_nested_generated_code_does_not_overflow_the_stack() {
    let chain = format!("module.exports = {}", vec!["x"; 50_000].join(" + "));
    let scratch = project(&[
        ROOT_WITH_A,
        A_MANIFEST,
        ("index.js", "require('a')"),
        ("node_modules/a/index.js", &chain),
    ]);
    let generated = generate(&scratch).expect("generated");
    assert_eq!(
        generated.policy["resources"]["a"],
        serde_json::json!({"globals": {"x": true}})
    );
}
/// Module shapes that once made policy assembly quadratic (a list searched per builtin path)
/// or that stress every table: each generates in bounded time.
#[test]
fn pathological_modules_generate_in_bounded_time() {
    let cases: Vec<(&str, String)> = vec![
        (
            "50k distinct builtin paths",
            format!(
                "const fs = require('fs'); {}",
                (0..50_000).map(|i| format!("fs.m{i};")).collect::<String>()
            ),
        ),
        (
            "50k distinct globals",
            (0..50_000).map(|i| format!("g{i}.x;")).collect::<String>(),
        ),
        (
            "20k missing requires",
            (0..20_000)
                .map(|i| format!("require('./f{i}');"))
                .collect::<String>(),
        ),
        (
            "50k primordial mutations",
            "Object.prototype.x = 1;\n".repeat(50_000),
        ),
        (
            "20k missing imports",
            (0..20_000)
                .map(|i| format!("import './f{i}.js';"))
                .collect::<String>(),
        ),
        (
            "20k missing dynamic imports",
            (0..20_000)
                .map(|i| format!("import('./f{i}.js');"))
                .collect::<String>(),
        ),
        ("50k computed imports", "import(name);\n".repeat(50_000)),
        (
            "50k paths on a namespace import",
            format!(
                "import * as fs from 'fs'; {}",
                (0..50_000).map(|i| format!("fs.m{i};")).collect::<String>()
            ),
        ),
    ];
    for (name, source) in cases {
        let scratch = project(&[
            ROOT_WITH_A,
            A_MANIFEST,
            ("index.js", "require('a')"),
            ("node_modules/a/index.js", &source),
        ]);
        finishes_in_time(name, 8 << 20, move || {
            let _ = generate(&scratch);
        });
    }
}

/// One dependency tree in npm's layout (hoisted, a nested copy for the second version) and in
/// pnpm's (a store of real directories, links in between): the same policy.
#[cfg(unix)]
mod layouts {
    use super::*;

    const A: &str = r#"{"name":"a","dependencies":{"c":"1"}}"#;
    const B: &str = r#"{"name":"b","dependencies":{"c":"2"}}"#;
    const C1: &str = r#"{"name":"c","version":"1.0.0"}"#;
    const C2: &str = r#"{"name":"c","version":"2.0.0"}"#;
    const A_JS: &str = "module.exports = require('c') + process.pid";
    const B_JS: &str = "require('c'); module.exports = require('fs').readFileSync";
    const C1_JS: &str = "module.exports = setTimeout";
    const C2_JS: &str = "module.exports = console.log";

    fn app() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "package.json",
                r#"{"name":"app","dependencies":{"a":"1","b":"1"}}"#,
            ),
            ("index.js", "require('a'); require('b')"),
        ]
    }

    fn npm_layout() -> tempfile::TempDir {
        let mut files = app();
        files.extend([
            ("node_modules/a/package.json", A),
            ("node_modules/a/index.js", A_JS),
            ("node_modules/b/package.json", B),
            ("node_modules/b/index.js", B_JS),
            ("node_modules/c/package.json", C1),
            ("node_modules/c/index.js", C1_JS),
            ("node_modules/b/node_modules/c/package.json", C2),
            ("node_modules/b/node_modules/c/index.js", C2_JS),
        ]);
        project(&files)
    }

    fn pnpm_layout() -> tempfile::TempDir {
        let mut files = app();
        files.extend([
            ("node_modules/.pnpm/a@1/node_modules/a/package.json", A),
            ("node_modules/.pnpm/a@1/node_modules/a/index.js", A_JS),
            ("node_modules/.pnpm/b@1/node_modules/b/package.json", B),
            ("node_modules/.pnpm/b@1/node_modules/b/index.js", B_JS),
            ("node_modules/.pnpm/c@1/node_modules/c/package.json", C1),
            ("node_modules/.pnpm/c@1/node_modules/c/index.js", C1_JS),
            ("node_modules/.pnpm/c@2/node_modules/c/package.json", C2),
            ("node_modules/.pnpm/c@2/node_modules/c/index.js", C2_JS),
        ]);
        let scratch = project(&files);
        let store = scratch.path().join("node_modules/.pnpm");
        let top = scratch.path().join("node_modules");
        let link = |target: &str, at: PathBuf| std::os::unix::fs::symlink(target, at).unwrap();
        link(".pnpm/a@1/node_modules/a", top.join("a"));
        link(".pnpm/b@1/node_modules/b", top.join("b"));
        link("../../c@1/node_modules/c", store.join("a@1/node_modules/c"));
        link("../../c@2/node_modules/c", store.join("b@1/node_modules/c"));
        scratch
    }

    #[test]
    fn npm_and_pnpm_layouts_give_the_same_policy() {
        let npm = generate(&npm_layout()).expect("npm layout").policy;
        let pnpm = generate(&pnpm_layout()).expect("pnpm layout").policy;
        assert_eq!(
            npm["resources"],
            serde_json::json!({
                "a": {"globals": {"process.pid": true}, "packages": {"a>c": true}},
                "a>c": {"globals": {"setTimeout": true}},
                "b": {"builtin": {"fs.readFileSync": true}, "packages": {"b>c": true}},
                "b>c": {"globals": {"console.log": true}},
            })
        );
        assert_eq!(
            serde_json::to_string_pretty(&pnpm).unwrap(),
            serde_json::to_string_pretty(&npm).unwrap()
        );
    }
}
