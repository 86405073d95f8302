//! Policy files: loading with located errors, schema validation, merge with the override,
//! canonical serialisation, atomic writing (spec policy.md §2-5) and the review of what
//! changed between two policies.

mod diff;
pub mod json;
mod merge;
mod process_routes;
#[cfg(test)]
mod proptests;
mod regexp_statics;
mod stringify;
mod validate;
mod write;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

pub use diff::{
    diff, PackageDiff, PackageStatus, Permission, PermissionKind, PolicyDiff, Resolution,
    ResolutionsDiff, POWERFUL_BUILTINS,
};
pub use merge::merge;
pub use process_routes::{
    explicit_builtin_member, is_route_under_whole_process, names_process_route,
    EXPLICIT_BUILTIN_MEMBERS, PROCESS_ROUTES,
};
pub use regexp_statics::{names_regexp_static, REGEXP_STATICS};
pub use stringify::{policy_key_cmp, stringify, utf16_cmp};
pub use write::{write_policy_file, WriteOutcome};

#[derive(Debug)]
pub enum PolicyError {
    /// The file exists but could not be read.
    Read {
        file: PathBuf,
        source: io::Error,
    },
    /// The file is not JSON.
    Parse {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The file is JSON but not a policy; `path` is the JSON path of the bad value.
    Invalid {
        file: PathBuf,
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// The merge produced a granted path under a granted ancestor (reference message text).
    Hierarchy {
        message: String,
    },
    Write {
        file: PathBuf,
        message: String,
    },
}

impl PolicyError {
    pub fn code(&self) -> &'static str {
        match self {
            PolicyError::Read { .. } => "LAVAMOAT_POLICY_READ",
            PolicyError::Parse { .. } => "LAVAMOAT_POLICY_PARSE",
            PolicyError::Invalid { .. } => "LAVAMOAT_POLICY_INVALID",
            PolicyError::Hierarchy { .. } => "LAVAMOAT_POLICY_HIERARCHY",
            PolicyError::Write { .. } => "LAVAMOAT_POLICY_WRITE",
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::Read { file, source } => {
                write!(f, "{}: could not read policy: {source}", file.display())
            }
            PolicyError::Parse {
                file,
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "{}:{line}:{column}: could not parse policy: {message}",
                    file.display()
                )
            }
            PolicyError::Invalid {
                file,
                line,
                column,
                path,
                message,
            } => {
                write!(
                    f,
                    "{}:{line}:{column}: invalid policy at {path}: {message}",
                    file.display()
                )
            }
            PolicyError::Hierarchy { message } => f.write_str(message),
            PolicyError::Write { file, message } => {
                write!(f, "{}: could not write policy: {message}", file.display())
            }
        }
    }
}

impl std::error::Error for PolicyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PolicyError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A legal but suspicious spot in a policy file (unknown key, duplicate key). Returned to
/// the caller, which decides how to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyWarning {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for PolicyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPolicy {
    pub value: Value,
    pub warnings: Vec<PolicyWarning>,
}

/// Reads, parses and validates one policy file. A missing file is `Ok(None)`: the runtime
/// then runs with an empty policy, as the reference does.
pub fn load_policy_file(path: &Path) -> Result<Option<LoadedPolicy>, PolicyError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(PolicyError::Read {
                file: path.to_path_buf(),
                source,
            })
        }
    };
    parse_policy(&bytes, path).map(Some)
}

/// Parses and validates policy text; `file` is only used in messages.
pub fn parse_policy(bytes: &[u8], file: &Path) -> Result<LoadedPolicy, PolicyError> {
    let parsed = json::parse(bytes).map_err(|error| PolicyError::Parse {
        file: file.to_path_buf(),
        line: error.position.line,
        column: error.position.column,
        message: error.message,
    })?;
    let schema_warnings =
        validate::validate(&parsed.root).map_err(|finding| PolicyError::Invalid {
            file: file.to_path_buf(),
            line: finding.position.line,
            column: finding.position.column,
            path: finding.path,
            message: finding.message,
        })?;
    let warning = |position: json::Position, message: String| PolicyWarning {
        file: file.to_path_buf(),
        line: position.line,
        column: position.column,
        message,
    };
    let mut warnings: Vec<PolicyWarning> = parsed
        .warnings
        .into_iter()
        .map(|w| warning(w.position, w.message))
        .chain(
            schema_warnings
                .into_iter()
                .map(|f| warning(f.position, format!("{}: {}", f.path, f.message))),
        )
        .collect();
    warnings.sort_by_key(|w| (w.line, w.column));
    Ok(LoadedPolicy {
        value: parsed.root.to_value(),
        warnings,
    })
}

/// The policy the runtime enforces, and what it should tell the user about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub policy: Value,
    pub override_found: bool,
    /// The override names a package the policy does not: the policy predates the override
    /// and should be regenerated (the runtime prints a notice).
    pub override_adds_resources: bool,
    pub warnings: Vec<PolicyWarning>,
}

pub fn empty_policy() -> Value {
    json!({ "resources": {} })
}

pub fn load_and_merge(policy_path: &Path, override_path: &Path) -> Result<Merged, PolicyError> {
    let policy = load_policy_file(policy_path)?;
    let overrides = load_policy_file(override_path)?;
    let mut warnings = Vec::new();
    let policy = match policy {
        Some(loaded) => {
            warnings.extend(loaded.warnings);
            loaded.value
        }
        None => empty_policy(),
    };
    let Some(overrides) = overrides else {
        return Ok(Merged {
            policy,
            override_found: false,
            override_adds_resources: false,
            warnings,
        });
    };
    warnings.extend(overrides.warnings);
    let resource_names = |value: &Value| value.get("resources").and_then(Value::as_object).cloned();
    let policy_resources = resource_names(&policy).unwrap_or_default();
    let override_adds_resources = resource_names(&overrides.value)
        .unwrap_or_default()
        .keys()
        .any(|name| !policy_resources.contains_key(name));
    Ok(Merged {
        policy: merge(&policy, &overrides.value)?,
        override_found: true,
        override_adds_resources,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn missing_files_give_the_empty_policy() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load_policy_file(&dir.path().join("nope.json")).unwrap(),
            None
        );
        let merged =
            load_and_merge(&dir.path().join("a.json"), &dir.path().join("b.json")).unwrap();
        assert_eq!(merged.policy, json!({"resources": {}}));
        assert!(!merged.override_found && !merged.override_adds_resources);
    }

    #[test]
    fn read_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = load_policy_file(dir.path()).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_READ");
        assert!(error
            .to_string()
            .starts_with(&format!("{}: could not read policy", dir.path().display())));
    }

    #[test]
    fn parse_and_schema_errors_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let bad_json = write(dir.path(), "p.json", "{\n  \"resources\": {,}\n}");
        let error = load_policy_file(&bad_json).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_PARSE");
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}:2:17: ", bad_json.display())),
            "{error}"
        );

        let bad_value = write(
            dir.path(),
            "q.json",
            "{\"resources\": {\"a\": {\"globals\": {\n\"process\": 1}}}}",
        );
        let error = load_policy_file(&bad_value).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_INVALID");
        assert_eq!(
            error.to_string(),
            format!(
                "{}:2:12: invalid policy at resources[\"a\"].globals[\"process\"]: expected true, false or \"write\", found the number 1",
                bad_value.display()
            )
        );
    }

    #[test]
    fn warnings_carry_file_and_position() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "p.json",
            "{\"resourcess\": {}, \"resources\": {}, \"resources\": {}}",
        );
        let loaded = load_policy_file(&file).unwrap().unwrap();
        assert_eq!(loaded.warnings.len(), 2);
        assert_eq!((loaded.warnings[0].line, loaded.warnings[0].column), (1, 2));
        assert_eq!(loaded.warnings[0].file, file);
        assert!(loaded.warnings[0]
            .message
            .contains("did you mean `resources`?"));
        assert!(loaded.warnings[1].message.contains("duplicate key"));
    }

    #[test]
    fn override_is_merged_and_new_resources_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let policy = write(
            dir.path(),
            "p.json",
            r#"{"resources": {"a": {"globals": {"x": true}}}}"#,
        );
        let known = write(
            dir.path(),
            "o1.json",
            r#"{"resources": {"a": {"globals": {"y": true}}}}"#,
        );
        let new = write(
            dir.path(),
            "o2.json",
            r#"{"resources": {"b": {"native": true}}}"#,
        );
        let merged = load_and_merge(&policy, &known).unwrap();
        assert_eq!(
            merged.policy,
            json!({"resources": {"a": {"globals": {"x": true, "y": true}}}})
        );
        assert!(merged.override_found && !merged.override_adds_resources);
        let merged = load_and_merge(&policy, &new).unwrap();
        assert!(merged.override_adds_resources);
        // Only an override: merged into the empty policy.
        let merged = load_and_merge(&dir.path().join("missing.json"), &new).unwrap();
        assert_eq!(merged.policy, json!({"resources": {"b": {"native": true}}}));
    }

    #[test]
    fn hierarchy_errors_from_the_merge_propagate() {
        let dir = tempfile::tempdir().unwrap();
        let policy = write(
            dir.path(),
            "p.json",
            r#"{"resources": {"a": {"globals": {"process": true}}}}"#,
        );
        let overrides = write(
            dir.path(),
            "o.json",
            r#"{"resources": {"a": {"globals": {"process.env": true}}}}"#,
        );
        assert_eq!(
            load_and_merge(&policy, &overrides).unwrap_err().code(),
            "LAVAMOAT_POLICY_HIERARCHY"
        );
    }
}
