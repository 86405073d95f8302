//! JS surface of `crate::policy`: type conversion and error mapping only.

use std::path::Path;

use napi::{Env, Result};
use napi_derive::napi;
use serde_json::Value;

use super::js_error;
use crate::policy::{self, PolicyWarning, WriteOutcome};

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
pub fn load_policy(env: Env, policy_path: String, override_path: String) -> Result<LoadedPolicy> {
    let merged = policy::load_and_merge(Path::new(&policy_path), Path::new(&override_path))
        .map_err(|e| js_error(&env, e.code(), e))?;
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
pub fn read_policy_file(env: Env, path: String) -> Result<Option<Value>> {
    let loaded =
        policy::load_policy_file(Path::new(&path)).map_err(|e| js_error(&env, e.code(), e))?;
    Ok(loaded.map(|loaded| loaded.value))
}

#[napi(catch_unwind)]
pub fn merge_policy(env: Env, policy: Value, policy_override: Value) -> Result<Value> {
    policy::merge(&policy, &policy_override).map_err(|e| js_error(&env, e.code(), e))
}

#[napi(catch_unwind)]
pub fn stringify_policy(value: Value) -> String {
    policy::stringify(&value)
}

/// Writes the canonical text atomically; `false` when the file already had it. Refuses to
/// write over `override_path`, the user's own file.
#[napi(catch_unwind)]
pub fn write_policy_file(
    env: Env,
    path: String,
    value: Value,
    override_path: Option<String>,
) -> Result<bool> {
    let protected: Vec<&Path> = override_path.iter().map(Path::new).collect();
    let outcome =
        policy::write_policy_file(Path::new(&path), &policy::stringify(&value), &protected)
            .map_err(|e| js_error(&env, e.code(), e))?;
    Ok(outcome == WriteOutcome::Written)
}

/// The properties of `process` that a whole `process` grant does not include.
#[napi(catch_unwind)]
pub fn process_routes() -> Vec<&'static str> {
    policy::PROCESS_ROUTES.to_vec()
}

/// The members of builtin modules that only a grant naming them gives (`v8.setFlagsFromString`).
#[napi(catch_unwind)]
pub fn explicit_builtin_members() -> Vec<&'static str> {
    policy::EXPLICIT_BUILTIN_MEMBERS.to_vec()
}

/// The legacy statics of `RegExp` a `globals` policy may grant (`RegExp.$1`).
#[napi(catch_unwind)]
pub fn regexp_statics() -> Vec<&'static str> {
    policy::REGEXP_STATICS.to_vec()
}
