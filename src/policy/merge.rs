//! Merge of a policy with its override (spec policy.md §4). Mirrors the reference's JS
//! semantics, including its truthiness tests and object-spread rules, because the merged
//! result is what gets written to policy.json and must match byte for byte.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::process_routes::is_route_under_whole_process;
use super::stringify::utf16_cmp;
use super::PolicyError;

/// Merges `overrides` into `policy`; neither input is modified.
pub fn merge(policy: &Value, overrides: &Value) -> Result<Value, PolicyError> {
    if !truthy(overrides) {
        return Ok(policy.clone());
    }
    let mut merged = Map::new();
    merged.insert(
        "resources".to_string(),
        Value::Object(merge_resources(policy, overrides)?),
    );
    if let Some(resolutions) = merge_resolutions(policy, overrides) {
        merged.insert("resolutions".to_string(), Value::Object(resolutions));
    }
    if truthy_field(policy, "root") || truthy_field(overrides, "root") {
        let root = spread(field(policy, "root"), field(overrides, "root"));
        merged.insert("root".to_string(), Value::Object(root));
    }
    if truthy_field(policy, "include") || truthy_field(overrides, "include") {
        merged.insert(
            "include".to_string(),
            Value::Array(merge_include(policy, overrides)),
        );
    }
    if truthy_field(policy, "debugInfo") {
        let debug_info = spread(field(policy, "debugInfo"), None);
        merged.insert("debugInfo".to_string(), Value::Object(debug_info));
    }
    Ok(Value::Object(merged))
}

/// JS truthiness, as the reference tests `a && b` and `a || b` on raw JSON values.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

fn field<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    value.as_object().and_then(|object| object.get(key))
}

fn truthy_field(value: &Value, key: &str) -> bool {
    field(value, key).is_some_and(truthy)
}

/// `{...a, ...b}`; spreading anything that is not an object contributes nothing (the
/// schema check rules such inputs out before they get here).
fn spread(a: Option<&Value>, b: Option<&Value>) -> Map<String, Value> {
    let mut result = Map::new();
    for source in [a, b].into_iter().flatten().filter_map(Value::as_object) {
        for (key, value) in source {
            result.insert(key.clone(), value.clone());
        }
    }
    result
}

/// Names of both sides, policy order first, like `new Set([...keys(a), ...keys(b)])`.
fn union_of_keys<'a>(a: Option<&'a Value>, b: Option<&'a Value>) -> Vec<&'a String> {
    let mut seen = HashSet::new();
    [a, b]
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(Map::keys)
        .filter(|key| seen.insert(*key))
        .collect()
}

fn merge_resources(policy: &Value, overrides: &Value) -> Result<Map<String, Value>, PolicyError> {
    let resources_a = field(policy, "resources");
    let resources_b = field(overrides, "resources");
    let mut resources = Map::new();
    for name in union_of_keys(resources_a, resources_b) {
        let resource_a = resources_a.and_then(|r| r.get(name.as_str()));
        let resource_b = resources_b.and_then(|r| r.get(name.as_str()));
        let mut merged = match (resource_a, resource_b) {
            (Some(a), Some(b)) if truthy(a) && truthy(b) => merge_resource(a, b),
            // `{ ...(b ?? a) }`
            _ => spread(resource_b.filter(|b| !b.is_null()).or(resource_a), None),
        };
        for path_field in ["globals", "builtin"] {
            if let Some(items) = merged.get(path_field).filter(|items| truthy(items)) {
                let override_items = resource_b
                    .and_then(|b| field(b, path_field))
                    .filter(|v| truthy(v));
                let deduped = dedupe_paths(items, override_items, name)?;
                merged.insert(path_field.to_string(), Value::Object(deduped));
            }
        }
        resources.insert(name.clone(), Value::Object(merged));
    }
    Ok(resources)
}

fn merge_resource(a: &Value, b: &Value) -> Map<String, Value> {
    let mut result = Map::new();
    for spread_field in ["globals", "builtin", "packages", "meta"] {
        if truthy_field(a, spread_field) || truthy_field(b, spread_field) {
            let merged = spread(field(a, spread_field), field(b, spread_field));
            result.insert(spread_field.to_string(), Value::Object(merged));
        }
    }
    // Presence, not value, decides: an override can reset `native` to false.
    for scalar_field in ["native", "env"] {
        if let Some(value) = field(b, scalar_field).or_else(|| field(a, scalar_field)) {
            result.insert(scalar_field.to_string(), value.clone());
        }
    }
    result
}

/// Proper prefixes of a dotted path, shortest first: `a.b.c` → `a`, `a.b`.
pub(crate) fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('.')
        .map(move |(index, _)| &path[..index])
}

/// A set of dotted paths that finds a path's ancestors among its members. Only prefixes as
/// long as some member are hashed: hashing every prefix made a generated path of 500,000
/// segments take minutes (quadratic in its length).
pub(crate) struct PathSet<'a> {
    paths: HashSet<&'a str>,
    lengths: HashSet<usize>,
}

impl<'a> PathSet<'a> {
    pub(crate) fn new(paths: impl IntoIterator<Item = &'a str>) -> Self {
        let paths: HashSet<&str> = paths.into_iter().collect();
        let lengths = paths.iter().map(|path| path.len()).collect();
        PathSet { paths, lengths }
    }

    /// The shortest member that is a proper ancestor of `path` and makes it redundant: a route
    /// of `process` is not redundant under a whole `process` (process_routes.rs).
    pub(crate) fn covering_ancestor_of<'p>(&self, path: &'p str) -> Option<&'p str> {
        ancestors(path).find(|ancestor| {
            self.lengths.contains(&ancestor.len())
                && self.paths.contains(ancestor)
                && !is_route_under_whole_process(path, ancestor)
        })
    }
}

/// Drops every path that has an ancestor, re-adds the override's own non-false paths (so an
/// override can deny a parent and allow one child), then rejects a granted path under a
/// granted ancestor.
fn dedupe_paths(
    items: &Value,
    override_items: Option<&Value>,
    resource_name: &str,
) -> Result<Map<String, Value>, PolicyError> {
    let empty = Map::new();
    let items = items.as_object().unwrap_or(&empty);
    let all_paths = PathSet::new(items.keys().map(String::as_str));
    let mut result: Map<String, Value> = items
        .iter()
        .filter(|(path, _)| all_paths.covering_ancestor_of(path).is_none())
        .map(|(path, value)| (path.clone(), value.clone()))
        .collect();
    for (path, value) in override_items
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if *value != Value::Bool(false) && !result.contains_key(path) {
            result.insert(path.clone(), value.clone());
        }
    }

    let mut granted: Vec<&String> = result
        .iter()
        .filter(|(_, value)| **value != Value::Bool(false))
        .map(|(path, _)| path)
        .collect();
    granted.sort_by(|a, b| utf16_cmp(a, b));
    let granted_set = PathSet::new(granted.iter().map(|path| path.as_str()));
    let violations: Vec<(&str, &str)> = granted
        .iter()
        .filter_map(|path| {
            granted_set
                .covering_ancestor_of(path)
                // The reference tests the parent for truthiness, so "" never counts.
                .filter(|ancestor| !ancestor.is_empty())
                .map(|ancestor| (path.as_str(), ancestor))
        })
        .collect();
    if let Some((_, first_parent)) = violations.first() {
        let lines: Vec<String> = violations
            .iter()
            .map(|(path, parent)| {
                format!("\"{path}\" is invalid when \"{parent}\" is also present in policy\"")
            })
            .collect();
        return Err(PolicyError::Hierarchy {
            message: format!(
                "LavaMoat - Policy hierarchy validation failed for resource \"{resource_name}\"\n  {}\nYou could set the parent \"{first_parent}\" to false if you intended to override to a less permissive policy.",
                lines.join("\n  ")
            ),
        });
    }
    Ok(result)
}

fn merge_resolutions(policy: &Value, overrides: &Value) -> Option<Map<String, Value>> {
    if !truthy_field(policy, "resolutions") && !truthy_field(overrides, "resolutions") {
        return None;
    }
    let resolutions_a = field(policy, "resolutions").filter(|v| !v.is_null());
    let resolutions_b = field(overrides, "resolutions").filter(|v| !v.is_null());
    let mut resolutions = Map::new();
    for name in union_of_keys(resolutions_a, resolutions_b) {
        let a = resolutions_a.and_then(|r| r.get(name.as_str()));
        let b = resolutions_b.and_then(|r| r.get(name.as_str()));
        let merged = match (a, b) {
            (Some(a), Some(b)) if truthy(a) && truthy(b) => spread(Some(a), Some(b)),
            _ => spread(b.filter(|b| !b.is_null()).or(a), None),
        };
        resolutions.insert(name.clone(), Value::Object(merged));
    }
    Some(resolutions)
}

/// Concatenation, keeping the first of equal strings and of objects with equal
/// `name` + `entry`.
fn merge_include(policy: &Value, overrides: &Value) -> Vec<Value> {
    let items = [policy, overrides]
        .into_iter()
        .filter_map(|side| field(side, "include"))
        .filter_map(Value::as_array)
        .flatten();
    let mut seen_strings = HashSet::new();
    let mut seen_entries: HashMap<String, HashSet<String>> = HashMap::new();
    let mut result = Vec::new();
    for item in items {
        if let Value::String(text) = item {
            if seen_strings.insert(text.as_str()) {
                result.push(item.clone());
            }
            continue;
        }
        // JS Map/Set keys compare by value for strings; absent fields are `undefined`.
        let identity =
            |key: &str| field(item, key).map_or_else(|| "undefined".to_string(), Value::to_string);
        let entries = seen_entries.entry(identity("name")).or_default();
        if entries.insert(identity("entry")) {
            result.push(match item {
                Value::Object(_) => Value::Object(spread(Some(item), None)),
                other => other.clone(),
            });
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hierarchy_message(policy: Value, overrides: Value) -> String {
        match merge(&policy, &overrides) {
            Err(PolicyError::Hierarchy { message }) => message,
            other => panic!("expected a hierarchy error, got {other:?}"),
        }
    }

    #[test]
    fn an_override_may_add_a_route_of_process_to_a_whole_process() {
        let merged = merge(
            &json!({"resources": {"x": {"globals": {"process": true}, "builtin": {"node:process": true}}}}),
            &json!({"resources": {"x": {"globals": {"process.binding": true}, "builtin": {"node:process.mainModule": true}}}}),
        )
        .expect("routes are not descendants a whole process covers");
        assert_eq!(
            merged,
            json!({"resources": {"x": {
                "globals": {"process": true, "process.binding": true},
                "builtin": {"node:process": true, "node:process.mainModule": true}}}})
        );
        let message = hierarchy_message(
            json!({"resources": {"x": {"globals": {"process": true}}}}),
            json!({"resources": {"x": {"globals": {"process.env.HOME": true}}}}),
        );
        assert!(
            message.contains("\"process.env.HOME\" is invalid when \"process\""),
            "{message}"
        );
    }

    #[test]
    fn verified_example_from_the_spec() {
        let a = json!({"resources": {"x": {
            "globals": {"process.env.A": true, "process.env.B": true},
            "builtin": {"fs.readFile": true}, "packages": {"y": true}, "native": true}}});
        let b = json!({"resources": {"x": {
            "globals": {"process": false, "process.env.A": true},
            "builtin": {"fs": true}, "packages": {"y": false, "z": true},
            "native": false, "env": "unfrozen"}}});
        let merged = merge(&a, &b).unwrap();
        assert_eq!(
            merged,
            json!({"resources": {"x": {
                "globals": {"process": false, "process.env.A": true},
                "builtin": {"fs": true}, "packages": {"y": false, "z": true},
                "native": false, "env": "unfrozen"}}})
        );
        // Inputs are untouched.
        assert_eq!(a["resources"]["x"]["native"], json!(true));
    }

    #[test]
    fn hierarchy_error_has_the_reference_text() {
        let message = hierarchy_message(
            json!({"resources": {"x": {"globals": {"process": true}}}}),
            json!({"resources": {"x": {"globals": {"process.env": true}}}}),
        );
        assert_eq!(
            message,
            "LavaMoat - Policy hierarchy validation failed for resource \"x\"\n  \"process.env\" is invalid when \"process\" is also present in policy\"\nYou could set the parent \"process\" to false if you intended to override to a less permissive policy."
        );
        assert_eq!(
            PolicyError::Hierarchy { message }.code(),
            "LAVAMOAT_POLICY_HIERARCHY"
        );
    }

    #[test]
    fn hierarchy_error_lists_every_violation_sorted() {
        let message = hierarchy_message(
            json!({"resources": {"x": {"builtin": {"fs": true, "a": true}}}}),
            json!({"resources": {"x": {"builtin": {"fs.x.y": true, "a.b": "yes"}}}}),
        );
        assert!(message.contains("\n  \"a.b\" is invalid when \"a\" is also present in policy\"\n  \"fs.x.y\" is invalid when \"fs\" is also present in policy\"\nYou could set the parent \"a\" to false"), "{message}");
    }

    #[test]
    fn override_parent_grant_drops_policy_child() {
        let merged = merge(
            &json!({"resources": {"x": {"globals": {"process.env": true}}}}),
            &json!({"resources": {"x": {"globals": {"process": true}}}}),
        )
        .unwrap();
        assert_eq!(
            merged,
            json!({"resources": {"x": {"globals": {"process": true}}}})
        );
    }

    #[test]
    fn native_and_env_follow_presence_in_the_override() {
        let merged = merge(
            &json!({"resources": {"x": {"native": true, "env": "unfrozen"}, "y": {"native": true}}}),
            &json!({"resources": {"x": {"native": false}, "y": {"packages": {}}}}),
        )
        .unwrap();
        assert_eq!(
            merged,
            json!({"resources": {
                "x": {"native": false, "env": "unfrozen"},
                // `{}` is truthy in JS, so an empty override field still appears.
                "y": {"packages": {}, "native": true}}})
        );
    }

    #[test]
    fn resources_on_one_side_are_copied_and_deduped() {
        let merged = merge(
            &json!({"resources": {"a": {"globals": {"x": true, "x.y": true}}}}),
            &json!({"resources": {"b": {"builtin": {"fs": false, "fs.read": true}}}}),
        )
        .unwrap();
        assert_eq!(
            merged,
            json!({"resources": {
                "a": {"globals": {"x": true}},
                "b": {"builtin": {"fs": false, "fs.read": true}}}})
        );
    }

    #[test]
    fn include_is_concatenated_and_deduped() {
        let merged = merge(
            &json!({"include": ["a", {"name": "n", "entry": "e"}, "b"]}),
            &json!({"include": ["a", {"name": "n", "entry": "e"}, {"name": "n", "entry": "f"}, {"name": "n"}, "c"]}),
        )
        .unwrap();
        assert_eq!(
            merged["include"],
            json!(["a", {"name": "n", "entry": "e"}, "b", {"name": "n", "entry": "f"}, {"name": "n"}, "c"])
        );
    }

    #[test]
    fn resolutions_root_and_debug_info() {
        let merged = merge(
            &json!({"resolutions": {"a": {"x": "1", "y": "2"}, "b": {"z": "3"}},
                    "root": {"usePolicy": "p"}, "debugInfo": {"k": 1}, "other": 1}),
            &json!({"resolutions": {"a": {"y": "9"}, "c": {"w": "4"}}, "debugInfo": {"ignored": 1}}),
        )
        .unwrap();
        assert_eq!(
            merged,
            json!({"resources": {},
                   "resolutions": {"a": {"x": "1", "y": "9"}, "b": {"z": "3"}, "c": {"w": "4"}},
                   "root": {"usePolicy": "p"}, "debugInfo": {"k": 1}})
        );
    }

    #[test]
    fn empty_override_still_normalises() {
        let merged = merge(
            &json!({"resources": {"a": {"packages": {"b": true}}}, "x": 1}),
            &json!({}),
        )
        .unwrap();
        assert_eq!(
            merged,
            json!({"resources": {"a": {"packages": {"b": true}}}})
        );
    }
}
