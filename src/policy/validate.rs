//! Schema check of a whole policy document (spec policy.md §3). The reference checks nothing
//! up front; we report every bad value with its location before anything runs, and turn
//! unknown keys (usually typos that would silently grant nothing) into warnings.

use super::json::{quote, Member, Node, NodeKind, Position};
use super::merge::PathSet;

/// A located problem; `path` is the JSON path of the offending key or value,
/// e.g. `resources["a"].globals["process"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub position: Position,
    pub path: String,
    pub message: String,
}

const TOP_LEVEL_KEYS: &[&str] = &["resources", "resolutions", "root", "include", "debugInfo"];
const RESOURCE_KEYS: &[&str] = &["globals", "builtin", "packages", "native", "env", "meta"];
const ROOT_KEYS: &[&str] = &["usePolicy"];
const INCLUDE_ENTRY_KEYS: &[&str] = &["name", "entry"];

/// Returns the warnings, or the first error found (in document order).
pub fn validate(root: &Node) -> Result<Vec<Finding>, Finding> {
    let mut checker = Checker {
        warnings: Vec::new(),
    };
    checker.document(root)?;
    Ok(checker.warnings)
}

struct Checker {
    warnings: Vec<Finding>,
}

fn invalid(node: &Node, path: &str, message: String) -> Finding {
    Finding {
        position: node.position,
        path: path.to_string(),
        message,
    }
}

fn expected(node: &Node, path: &str, what: &str) -> Finding {
    invalid(
        node,
        path,
        format!("expected {what}, found {}", describe(node)),
    )
}

fn describe(node: &Node) -> String {
    match &node.kind {
        NodeKind::String(s) => format!("the string {}", quote(s)),
        NodeKind::Number(n) => format!("the number {n}"),
        NodeKind::Bool(b) => b.to_string(),
        other => other.type_name().to_string(),
    }
}

fn object_members<'a>(node: &'a Node, path: &str, what: &str) -> Result<&'a [Member], Finding> {
    match &node.kind {
        NodeKind::Object(members) => Ok(members),
        _ => Err(expected(node, path, what)),
    }
}

fn child_path(parent: &str, key: &str) -> String {
    format!("{parent}[{}]", quote(key))
}

fn field_path(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_string()
    } else {
        format!("{parent}.{field}")
    }
}

impl Checker {
    fn unknown_key(&mut self, member: &Member, parent_path: &str, known: &[&str]) {
        let suggestion = suggest(&member.key, known)
            .map(|candidate| format!("; did you mean `{candidate}`?"))
            .unwrap_or_default();
        let place = if parent_path.is_empty() {
            "top-level key"
        } else {
            "key"
        };
        self.warnings.push(Finding {
            position: member.key_position,
            path: child_path(parent_path, &member.key),
            message: format!(
                "unknown {place} {} is ignored{suggestion}",
                quote(&member.key)
            ),
        });
    }

    fn document(&mut self, root: &Node) -> Result<(), Finding> {
        let members = object_members(root, "(top level)", "the policy to be an object")?;
        for member in members {
            let path = member.key.as_str();
            match path {
                "resources" => self.resources(&member.value)?,
                "resolutions" => resolutions(&member.value)?,
                "root" => self.root_field(&member.value)?,
                "include" => self.include(&member.value)?,
                "debugInfo" => {
                    object_members(&member.value, path, "an object")?;
                }
                _ => self.unknown_key(member, "", TOP_LEVEL_KEYS),
            }
        }
        Ok(())
    }

    fn resources(&mut self, node: &Node) -> Result<(), Finding> {
        for resource in object_members(node, "resources", "an object of package policies")? {
            let path = child_path("resources", &resource.key);
            if resource.key.is_empty() {
                return Err(Finding {
                    position: resource.key_position,
                    path,
                    message: "a package name must not be empty".to_string(),
                });
            }
            self.resource(&resource.value, &path)?;
        }
        Ok(())
    }

    fn resource(&mut self, node: &Node, path: &str) -> Result<(), Finding> {
        for field in object_members(node, path, "an object (a package policy)")? {
            let field_path = field_path(path, &field.key);
            let value = &field.value;
            match field.key.as_str() {
                "globals" => {
                    let entries = object_members(value, &field_path, "an object")?;
                    for entry in entries {
                        let entry_path = child_path(&field_path, &entry.key);
                        check_dotted_path(entry, &entry_path)?;
                        match &entry.value.kind {
                            NodeKind::Bool(_) => {}
                            NodeKind::String(s) if s == "write" => {}
                            _ => {
                                return Err(expected(
                                    &entry.value,
                                    &entry_path,
                                    "true, false or \"write\"",
                                ))
                            }
                        }
                    }
                    check_no_granted_ancestor(entries, &field_path)?;
                }
                "builtin" => {
                    for entry in object_members(value, &field_path, "an object")? {
                        let entry_path = child_path(&field_path, &entry.key);
                        check_dotted_path(entry, &entry_path)?;
                        expect_bool(&entry.value, &entry_path)?;
                    }
                }
                "packages" => {
                    for entry in object_members(value, &field_path, "an object")? {
                        let entry_path = child_path(&field_path, &entry.key);
                        if entry.key.is_empty() {
                            return Err(Finding {
                                position: entry.key_position,
                                path: entry_path,
                                message: "a package name must not be empty".to_string(),
                            });
                        }
                        expect_bool(&entry.value, &entry_path)?;
                    }
                }
                "native" => expect_bool(value, &field_path)?,
                "env" => match &value.kind {
                    NodeKind::String(s) if s == "unfrozen" => {}
                    _ => return Err(expected(value, &field_path, "\"unfrozen\"")),
                },
                "meta" => {
                    object_members(value, &field_path, "an object")?;
                }
                _ => self.unknown_key(field, path, RESOURCE_KEYS),
            }
        }
        Ok(())
    }

    fn root_field(&mut self, node: &Node) -> Result<(), Finding> {
        for member in object_members(node, "root", "an object")? {
            match member.key.as_str() {
                "usePolicy" => expect_string(&member.value, "root.usePolicy")?,
                _ => self.unknown_key(member, "root", ROOT_KEYS),
            }
        }
        Ok(())
    }

    fn include(&mut self, node: &Node) -> Result<(), Finding> {
        let NodeKind::Array(items) = &node.kind else {
            return Err(expected(node, "include", "an array"));
        };
        for (index, item) in items.iter().enumerate() {
            let path = format!("include[{index}]");
            match &item.kind {
                NodeKind::String(_) => {}
                NodeKind::Object(members) => {
                    let mut has_name = false;
                    for member in members {
                        let member_path = field_path(&path, &member.key);
                        match member.key.as_str() {
                            "name" => {
                                expect_string(&member.value, &member_path)?;
                                has_name = true;
                            }
                            "entry" => expect_string(&member.value, &member_path)?,
                            _ => self.unknown_key(member, &path, INCLUDE_ENTRY_KEYS),
                        }
                    }
                    if !has_name {
                        return Err(invalid(
                            item,
                            &path,
                            "an include object needs a \"name\"".to_string(),
                        ));
                    }
                }
                _ => {
                    return Err(expected(
                        item,
                        &path,
                        "a string or an object {\"name\", \"entry\"}",
                    ))
                }
            }
        }
        Ok(())
    }
}

fn resolutions(node: &Node) -> Result<(), Finding> {
    for package in object_members(node, "resolutions", "an object")? {
        let package_path = child_path("resolutions", &package.key);
        for entry in object_members(
            &package.value,
            &package_path,
            "an object of requested name to path",
        )? {
            expect_string(&entry.value, &child_path(&package_path, &entry.key))?;
        }
    }
    Ok(())
}

fn expect_bool(node: &Node, path: &str) -> Result<(), Finding> {
    match node.kind {
        NodeKind::Bool(_) => Ok(()),
        _ => Err(expected(node, path, "true or false")),
    }
}

fn expect_string(node: &Node, path: &str) -> Result<(), Finding> {
    match node.kind {
        NodeKind::String(_) => Ok(()),
        _ => Err(expected(node, path, "a string")),
    }
}

/// Globals and builtin keys are dotted property paths; the runtime walks them as such.
fn check_dotted_path(entry: &Member, path: &str) -> Result<(), Finding> {
    let problem = if entry.key.split('.').any(str::is_empty) {
        "a dotted path must not have empty segments"
    } else if entry.key.split('.').any(|segment| segment == "__proto__") {
        "a path must not contain a \"__proto__\" segment"
    } else {
        return Ok(());
    };
    Err(Finding {
        position: entry.key_position,
        path: path.to_string(),
        message: problem.to_string(),
    })
}

/// The reference runtime crashes when building the compartment of a package whose globals
/// grant both a path and one of its descendants; we report it when the file is loaded.
fn check_no_granted_ancestor(entries: &[Member], field_path: &str) -> Result<(), Finding> {
    let is_granted = |member: &&Member| !matches!(member.value.kind, NodeKind::Bool(false));
    let granted = PathSet::new(
        entries
            .iter()
            .filter(is_granted)
            .map(|member| member.key.as_str()),
    );
    for entry in entries.iter().filter(is_granted) {
        if let Some(ancestor) = granted.covering_ancestor_of(&entry.key) {
            return Err(Finding {
                position: entry.key_position,
                path: child_path(field_path, &entry.key),
                message: format!(
                    "{} is granted while its ancestor {} is also granted; the runtime cannot apply both (remove {}, or set {} to false)",
                    quote(&entry.key),
                    quote(ancestor),
                    quote(&entry.key),
                    quote(ancestor)
                ),
            });
        }
    }
    Ok(())
}

/// The closest known key within a typo's reach.
fn suggest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| {
            (
                edit_distance(&key.to_lowercase(), &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::json::parse;

    fn check(text: &str) -> Result<Vec<Finding>, Finding> {
        validate(&parse(text.as_bytes()).unwrap().root)
    }

    fn error(text: &str) -> Finding {
        match check(text) {
            Ok(warnings) => panic!("expected an error for {text}, got warnings {warnings:?}"),
            Err(finding) => finding,
        }
    }

    #[test]
    fn valid_policy_has_no_findings() {
        let text = r#"{
  "resources": {
    "a": {
      "globals": {"process.env.HOME": true, "console": "write", "fetch": false},
      "builtin": {"fs.readFile": true, "node:os": false},
      "packages": {"a>b": true, "$root$": false},
      "native": true,
      "env": "unfrozen",
      "meta": {"anything": [1]}
    }
  },
  "resolutions": {"a": {"b": "./x.js"}},
  "root": {"usePolicy": "x"},
  "include": ["a", {"name": "b", "entry": "c"}],
  "debugInfo": {"/x": {"moduleRecord": {}}}
}"#;
        assert_eq!(check(text), Ok(vec![]));
    }

    #[test]
    fn every_invalid_value_kind_is_located() {
        let cases: &[(&str, &str, (usize, usize), &str)] = &[
            (
                "[]",
                "(top level)",
                (1, 1),
                "expected the policy to be an object, found an array",
            ),
            (
                r#"{"resources": []}"#,
                "resources",
                (1, 15),
                "found an array",
            ),
            (
                r#"{"resources": {"a": true}}"#,
                r#"resources["a"]"#,
                (1, 21),
                "found true",
            ),
            (
                "{\"resources\": {\"a\": {\"globals\": {\n  \"process\": \"read\"}}}}",
                r#"resources["a"].globals["process"]"#,
                (2, 14),
                "expected true, false or \"write\", found the string \"read\"",
            ),
            (
                r#"{"resources": {"a": {"globals": {"x": 1}}}}"#,
                r#"resources["a"].globals["x"]"#,
                (1, 39),
                "found the number 1",
            ),
            (
                r#"{"resources": {"a": {"builtin": {"fs": "write"}}}}"#,
                r#"resources["a"].builtin["fs"]"#,
                (1, 40),
                "expected true or false",
            ),
            (
                r#"{"resources": {"a": {"packages": {"b": null}}}}"#,
                r#"resources["a"].packages["b"]"#,
                (1, 40),
                "found null",
            ),
            (
                r#"{"resources": {"a": {"native": "yes"}}}"#,
                r#"resources["a"].native"#,
                (1, 32),
                "expected true or false",
            ),
            (
                r#"{"resources": {"a": {"env": "frozen"}}}"#,
                r#"resources["a"].env"#,
                (1, 29),
                "expected \"unfrozen\"",
            ),
            (
                r#"{"resources": {"a": {"globals": []}}}"#,
                r#"resources["a"].globals"#,
                (1, 33),
                "expected an object",
            ),
            (
                r#"{"resources": {"a": {"globals": {"a.__proto__.b": true}}}}"#,
                r#"resources["a"].globals["a.__proto__.b"]"#,
                (1, 34),
                "__proto__",
            ),
            (
                r#"{"resources": {"a": {"builtin": {"fs..x": true}}}}"#,
                r#"resources["a"].builtin["fs..x"]"#,
                (1, 34),
                "empty segments",
            ),
            (
                r#"{"resolutions": {"a": {"b": 1}}}"#,
                r#"resolutions["a"]["b"]"#,
                (1, 29),
                "expected a string",
            ),
            (
                r#"{"resolutions": {"a": "b"}}"#,
                r#"resolutions["a"]"#,
                (1, 23),
                "expected an object",
            ),
            (
                r#"{"include": [1]}"#,
                "include[0]",
                (1, 14),
                "a string or an object",
            ),
            (
                r#"{"root": {"usePolicy": false}}"#,
                "root.usePolicy",
                (1, 24),
                "expected a string",
            ),
        ];
        for (text, path, (line, column), message) in cases {
            let finding = error(text);
            assert_eq!(finding.path, *path, "{text}");
            assert_eq!(
                (finding.position.line, finding.position.column),
                (*line, *column),
                "{text}"
            );
            assert!(
                finding.message.contains(message),
                "{text}: {}",
                finding.message
            );
        }
    }

    #[test]
    fn granted_path_and_descendant_in_one_file_is_an_error() {
        let finding = error(
            r#"{"resources": {"a": {"globals": {"process": true, "process.env.HOME": true}}}}"#,
        );
        assert_eq!(
            finding.path,
            r#"resources["a"].globals["process.env.HOME"]"#
        );
        assert!(
            finding.message.contains("\"process.env.HOME\"")
                && finding.message.contains("\"process\"")
        );
        // A false ancestor narrows access and is fine.
        assert!(check(
            r#"{"resources": {"a": {"globals": {"process": false, "process.env.HOME": true}}}}"#
        )
        .is_ok());
    }

    #[test]
    fn a_route_of_process_next_to_a_whole_process_is_not_redundant() {
        assert!(check(
            r#"{"resources": {"a": {"globals": {"process": true, "process.binding": true, "process.mainModule.filename": true}}}}"#
        )
        .is_ok());
        // Below a granted route, the usual rule applies.
        let finding = error(
            r#"{"resources": {"a": {"globals": {"process": true, "process.report": true, "process.report.getReport": true}}}}"#,
        );
        assert_eq!(
            finding.path,
            r#"resources["a"].globals["process.report.getReport"]"#
        );
    }

    #[test]
    fn unknown_keys_are_warnings_with_suggestions() {
        let warnings = check(
            "{\"resourcess\": {},\n \"resources\": {\"a\": {\"globalsss\": {}, \"zzz\": 1}}}",
        )
        .unwrap();
        assert_eq!(warnings.len(), 3);
        assert_eq!(warnings[0].path, r#"["resourcess"]"#);
        assert_eq!(
            (warnings[0].position.line, warnings[0].position.column),
            (1, 2)
        );
        assert!(
            warnings[0].message.ends_with("did you mean `resources`?"),
            "{}",
            warnings[0].message
        );
        assert_eq!(warnings[1].path, r#"resources["a"]["globalsss"]"#);
        assert_eq!(
            (warnings[1].position.line, warnings[1].position.column),
            (2, 22)
        );
        assert!(warnings[1].message.ends_with("did you mean `globals`?"));
        assert!(
            !warnings[2].message.contains("did you mean"),
            "{}",
            warnings[2].message
        );
    }

    #[test]
    fn fixture_policies_are_valid_without_warnings() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/__test__/fixtures/autopolicy");
        let mut checked = 0;
        for entry in std::fs::read_dir(fixtures).unwrap() {
            for name in ["policy.json", "policy-debug.json", "policy-override.json"] {
                for dir in ["expected", "project/lavamoat/node"] {
                    let file = entry.as_ref().unwrap().path().join(dir).join(name);
                    if let Ok(bytes) = std::fs::read(&file) {
                        let parsed = parse(&bytes).unwrap();
                        assert_eq!(validate(&parsed.root), Ok(vec![]), "{}", file.display());
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 30, "only {checked} fixture policies found");
    }
}
