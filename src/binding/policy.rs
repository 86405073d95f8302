//! JS surface of `crate::policy`: type conversion and error mapping only.

use std::path::Path;

use napi_derive::napi;
use serde_json::Value;

use crate::policy::{self, PolicyError, PolicyWarning, WriteOutcome};

/// A JS `Error` whose `.code` is the core error's stable code.
fn to_js_error(error: PolicyError) -> napi::Error<String> {
    napi::Error::new(error.code().to_string(), error.to_string())
}

#[napi(object, js_name = "PolicyWarning")]
pub struct JsPolicyWarning {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl From<PolicyWarning> for JsPolicyWarning {
    fn from(warning: PolicyWarning) -> Self {
        JsPolicyWarning {
            file: warning.file.display().to_string(),
            line: u32::try_from(warning.line).unwrap_or(u32::MAX),
            column: u32::try_from(warning.column).unwrap_or(u32::MAX),
            message: warning.message,
        }
    }
}

#[napi(object)]
pub struct LoadedPolicy {
    pub policy: Value,
    pub override_found: bool,
    pub override_adds_resources: bool,
    pub warnings: Vec<JsPolicyWarning>,
}

/// Policy merged with its override; `{"resources":{}}` when both files are missing.
#[napi(catch_unwind)]
pub fn load_policy(
    policy_path: String,
    override_path: String,
) -> napi::Result<LoadedPolicy, String> {
    let merged = policy::load_and_merge(Path::new(&policy_path), Path::new(&override_path))
        .map_err(to_js_error)?;
    Ok(LoadedPolicy {
        policy: merged.policy,
        override_found: merged.override_found,
        override_adds_resources: merged.override_adds_resources,
        warnings: merged
            .warnings
            .into_iter()
            .map(JsPolicyWarning::from)
            .collect(),
    })
}

/// One validated policy file, or `null` when it does not exist.
#[napi(catch_unwind)]
pub fn read_policy_file(path: String) -> napi::Result<Option<Value>, String> {
    let loaded = policy::load_policy_file(Path::new(&path)).map_err(to_js_error)?;
    Ok(loaded.map(|loaded| loaded.value))
}

#[napi(catch_unwind)]
pub fn merge_policy(policy: Value, policy_override: Value) -> napi::Result<Value, String> {
    policy::merge(&policy, &policy_override).map_err(to_js_error)
}

#[napi(catch_unwind)]
pub fn stringify_policy(value: Value) -> String {
    policy::stringify(&value)
}

/// Writes the canonical text atomically; `false` when the file already had it. Refuses to
/// write over `override_path`, the user's own file.
#[napi(catch_unwind)]
pub fn write_policy_file(
    path: String,
    value: Value,
    override_path: Option<String>,
) -> napi::Result<bool, String> {
    let protected: Vec<&Path> = override_path.iter().map(Path::new).collect();
    let outcome =
        policy::write_policy_file(Path::new(&path), &policy::stringify(&value), &protected)
            .map_err(to_js_error)?;
    Ok(outcome == WriteOutcome::Written)
}
