use super::*;
use serde_json::json;

use crate::policy::EXPLICIT_BUILTIN_MEMBERS;

fn policy(resources: Value) -> Value {
    json!({ "resources": resources })
}

/// `(kind, name, value, powerful)` of each permission, to compare lists in one assertion.
fn summary(permissions: &[Permission]) -> Vec<(&'static str, &str, Value, bool)> {
    permissions
        .iter()
        .map(|p| {
            (
                p.kind.as_str(),
                p.name.as_str(),
                p.value.clone(),
                p.powerful,
            )
        })
        .collect()
}

fn only_package(diff: &PolicyDiff) -> &PackageDiff {
    assert_eq!(diff.packages.len(), 1, "{diff:#?}");
    &diff.packages[0]
}

#[test]
fn each_kind_of_permission_is_reported_when_added_and_when_removed() {
    let old = policy(json!({"a": {}}));
    let full = policy(json!({"a": {
        "globals": {"console": true},
        "builtin": {"os.cpus": true},
        "packages": {"b": true},
        "native": false,
        "env": "unfrozen"
    }}));
    let expected = vec![
        ("builtin", "os.cpus", json!(true), false),
        ("env", "env", json!("unfrozen"), true),
        ("globals", "console", json!(true), false),
        ("native", "native", json!(false), false),
        ("packages", "b", json!(true), false),
    ];

    let grown = diff(&old, &full);
    let package = only_package(&grown);
    assert_eq!(
        (package.name.as_str(), package.status),
        ("a", PackageStatus::Changed)
    );
    assert_eq!(summary(&package.added), expected);
    assert!(package.removed.is_empty());

    let shrunk = diff(&full, &old);
    let package = only_package(&shrunk);
    assert_eq!(package.status, PackageStatus::Changed);
    assert!(package.added.is_empty());
    assert_eq!(summary(&package.removed), expected);
}

#[test]
fn a_changed_value_is_one_removal_and_one_addition() {
    let old =
        policy(json!({"a": {"globals": {"location": true, "console": true}, "native": false}}));
    let new =
        policy(json!({"a": {"globals": {"location": "write", "console": true}, "native": true}}));
    let result = diff(&old, &new);
    let package = only_package(&result);
    assert_eq!(
        summary(&package.added),
        vec![
            ("globals", "location", json!("write"), true),
            ("native", "native", json!(true), true),
        ]
    );
    assert_eq!(
        summary(&package.removed),
        vec![
            ("globals", "location", json!(true), false),
            ("native", "native", json!(false), false),
        ]
    );
    assert!(result.adds_powerful);
}

#[test]
fn added_and_removed_packages_carry_all_their_permissions() {
    let old = policy(json!({"gone": {"builtin": {"fs": true}}, "kept": {"globals": {"x": true}}}));
    let new = policy(json!({
        "kept": {"globals": {"x": true}},
        "new": {"globals": {"y": true}, "packages": {"kept": true}},
        "bare": {}
    }));
    let result = diff(&old, &new);
    let statuses: Vec<(&str, PackageStatus)> = result
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("bare", PackageStatus::Added),
            ("gone", PackageStatus::Removed),
            ("new", PackageStatus::Added),
        ]
    );
    assert!(result.packages[0].added.is_empty() && result.packages[0].removed.is_empty());
    assert_eq!(
        summary(&result.packages[1].removed),
        vec![("builtin", "fs", json!(true), true)]
    );
    assert!(result.packages[1].added.is_empty());
    assert_eq!(
        summary(&result.packages[2].added),
        vec![
            ("globals", "y", json!(true), false),
            ("packages", "kept", json!(true), false),
        ]
    );
    // Removing a powerful permission is not adding one.
    assert!(!result.adds_powerful);
}

#[test]
fn powerful_builtins_are_the_documented_modules_under_any_spelling_and_path() {
    for name in [
        "child_process",
        "node:child_process",
        "fs.readFileSync",
        "node:fs.promises.readFile",
        "fs/promises",
        "node:fs/promises.readFile",
        "http2.connect",
        "worker_threads.Worker",
        "process.env",
        "wasi",
    ] {
        let permission = Permission::new(PermissionKind::Builtin, name, &json!(true));
        assert!(permission.powerful, "{name} should be powerful");
    }
    for name in [
        "os",
        "path.join",
        "fsevents",
        "node:util",
        "httpx",
        "crypto",
    ] {
        let permission = Permission::new(PermissionKind::Builtin, name, &json!(true));
        assert!(!permission.powerful, "{name} should not be powerful");
    }
    assert!(!Permission::new(PermissionKind::Builtin, "fs", &json!(false)).powerful);
    for module in POWERFUL_BUILTINS {
        assert!(Permission::new(PermissionKind::Builtin, module, &json!(true)).powerful);
    }
}

#[test]
fn powerful_globals_fields_and_packages_follow_the_documented_rules() {
    let powerful = |kind, name: &str, value: Value| Permission::new(kind, name, &value).powerful;
    use PermissionKind::*;
    assert!(powerful(Globals, "location", json!("write")));
    assert!(powerful(Globals, "process", json!(true)));
    assert!(!powerful(Globals, "process", json!(false)));
    assert!(!powerful(Globals, "process.env", json!(true)));
    assert!(powerful(Globals, "process.binding", json!(true)));
    assert!(powerful(
        Globals,
        "process.mainModule.filename",
        json!(true)
    ));
    assert!(!powerful(Globals, "process.binding", json!(false)));
    assert!(!powerful(Globals, "console", json!(true)));
    assert!(powerful(Native, "native", json!(true)));
    assert!(!powerful(Native, "native", json!(false)));
    assert!(powerful(Env, "env", json!("unfrozen")));
    assert!(powerful(Packages, "$root$", json!(true)));
    assert!(!powerful(Packages, "$root$", json!(false)));
    assert!(!powerful(Packages, "fs", json!(true)));
}

#[test]
fn packages_and_permissions_come_in_policy_file_order() {
    // The order stringify gives these keys (spec policy.md §5).
    let names = ["$root$", "A", "a>a", "c>a", "b", "a>b", "z"];
    let mut resources = Map::new();
    for name in names.iter().rev() {
        resources.insert(name.to_string(), json!({}));
    }
    let result = diff(&json!({}), &policy(Value::Object(resources)));
    let listed: Vec<&str> = result.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(listed, names);

    let new = policy(json!({"a": {"packages": {"z": true, "b>a": true, "a": true, "b": true}}}));
    let result = diff(&policy(json!({"a": {}})), &new);
    let listed: Vec<&str> = only_package(&result)
        .added
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(listed, ["a", "b>a", "b", "z"]);
}

#[test]
fn equal_policies_and_missing_parts_compare_as_empty() {
    let full = policy(json!({"a": {"globals": {"x": true}, "meta": {"note": 1}}}));
    assert!(diff(&full, &full).is_empty());
    assert!(diff(&Value::Null, &json!({})).is_empty());
    assert!(diff(&json!({}), &policy(json!({}))).is_empty());
    assert!(diff(
        &policy(json!({"a": {}})),
        &policy(json!({"a": {"globals": {}}}))
    )
    .is_empty());
    // Only `meta` differs: nothing is granted or taken away.
    let remarked = policy(json!({"a": {"globals": {"x": true}, "meta": {"note": 2}}}));
    assert!(diff(&full, &remarked).is_empty());

    let from_nothing = diff(&Value::Null, &full);
    assert_eq!(only_package(&from_nothing).status, PackageStatus::Added);
    let to_nothing = diff(&full, &json!({"resources": {}}));
    assert_eq!(only_package(&to_nothing).status, PackageStatus::Removed);
}

#[test]
fn sections_of_the_wrong_type_are_ignored_without_failing() {
    let odd =
        json!({"resources": {"a": {"globals": 5, "builtin": ["fs"], "packages": null}, "b": 1}});
    let fine = policy(json!({"a": {"globals": {"x": true}}, "b": {}}));
    let result = diff(&odd, &fine);
    assert_eq!(
        summary(&only_package(&result).added),
        vec![("globals", "x", json!(true), false)]
    );
    assert!(diff(&json!([1, 2]), &json!("policy")).is_empty());
    assert!(diff(&json!({"resources": []}), &json!({"resolutions": 3})).is_empty());
}

#[test]
fn resolution_changes_are_reported_by_package_and_request() {
    let old = json!({"resources": {}, "resolutions": {
        "a": {"b": "./one.js", "c": "./same.js"},
        "gone": {"x": "./x.js"}
    }});
    let new = json!({"resources": {}, "resolutions": {
        "a": {"b": "./two.js", "c": "./same.js"},
        "$root$": {"y": "./y.js"}
    }});
    let result = diff(&old, &new);
    assert!(result.packages.is_empty() && !result.is_empty());
    let entry = |package: &str, request: &str, path: &str| Resolution {
        package: package.to_string(),
        request: request.to_string(),
        path: json!(path),
    };
    assert_eq!(
        result.resolutions.added,
        vec![entry("$root$", "y", "./y.js"), entry("a", "b", "./two.js")]
    );
    assert_eq!(
        result.resolutions.removed,
        vec![entry("a", "b", "./one.js"), entry("gone", "x", "./x.js")]
    );
    assert!(!result.adds_powerful);
}

#[test]
fn each_explicit_builtin_member_is_powerful_next_to_its_whole_module() {
    for member in EXPLICIT_BUILTIN_MEMBERS {
        for name in [member.to_string(), format!("node:{member}")] {
            assert!(
                Permission::new(PermissionKind::Builtin, &name, &json!(true)).powerful,
                "{name} should be powerful"
            );
            assert!(!Permission::new(PermissionKind::Builtin, &name, &json!(false)).powerful);
        }
    }
    // Adding the member next to an already granted module is reported as a powerful addition.
    let old = policy(json!({"a": {"builtin": {"v8": true, "module": true}}}));
    let new = policy(json!({"a": {"builtin": {
        "module": true,
        "module.register": true,
        "module.registerHooks": true,
        "v8": true,
        "v8.setFlagsFromString": true,
    }}}));
    let result = diff(&old, &new);
    assert!(result.adds_powerful);
    assert_eq!(
        summary(&only_package(&result).added),
        vec![
            ("builtin", "module.register", json!(true), true),
            ("builtin", "module.registerHooks", json!(true), true),
            ("builtin", "v8.setFlagsFromString", json!(true), true),
        ]
    );
}
