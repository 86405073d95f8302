//! JS surface of `crate::autopolicy`: type conversion and error mapping only.

use std::path::PathBuf;

use napi_derive::napi;
use serde_json::Value;

use crate::autopolicy::{self, AutopolicyOptions};

#[napi(object)]
pub struct GeneratePolicyOptions {
    /// Absolute, or relative to `projectRoot`.
    pub entry_path: String,
    pub project_root: String,
    /// Defaults to `<projectRoot>/lavamoat/node/policy-override.json`.
    pub policy_override_path: Option<String>,
    pub include_debug_info: Option<bool>,
    /// Show the walk's progress on stderr (set it when stderr is a terminal).
    pub show_progress: Option<bool>,
    /// Files a learning run saw the program load, analysed after the entry.
    pub more_entries: Option<Vec<String>>,
    /// Package edges a learning run recorded.
    pub learned: Option<Vec<LearnedEdge>>,
    /// Globals a learning run saw a package create.
    pub learned_globals: Option<Vec<LearnedGlobal>>,
    /// Builtins and globals a learning run found in code compiled with vm.
    pub learned_uses: Option<Vec<LearnedUse>>,
}

#[napi(object)]
pub struct LearnedUse {
    pub package: String,
    pub section: String,
    pub key: String,
    pub file: String,
}

#[napi(object)]
pub struct LearnedGlobal {
    pub package: String,
    pub name: String,
}

#[napi(object)]
pub struct LearnedEdge {
    pub package: String,
    pub target: String,
    pub request: String,
    pub file: String,
}

#[napi(object)]
pub struct GeneratedPolicy {
    /// Content for policy.json (already merged with the override).
    pub policy: Value,
    /// Content for policy-debug.json, when `includeDebugInfo` was set.
    pub debug: Option<Value>,
    /// Messages for stderr, in order: what may need the user's action.
    pub warnings: Vec<String>,
    /// Messages that need no action, printed with `--debugMode`.
    pub notes: Vec<String>,
    /// One line counting `notes`, printed instead of them.
    pub notes_summary: Option<String>,
    /// The files analysed, absolute.
    pub files: Vec<String>,
}

/// Walks and analyses the app from its entry and returns the policy to write.
#[napi(catch_unwind)]
pub fn generate_policy(options: GeneratePolicyOptions) -> napi::Result<GeneratedPolicy, String> {
    let options = AutopolicyOptions {
        entry_path: PathBuf::from(options.entry_path),
        project_root: PathBuf::from(options.project_root),
        policy_override_path: options.policy_override_path.map(PathBuf::from),
        include_debug_info: options.include_debug_info.unwrap_or(false),
        show_progress: options.show_progress.unwrap_or(false),
        more_entries: options
            .more_entries
            .unwrap_or_default()
            .into_iter()
            .map(PathBuf::from)
            .collect(),
        learned: options
            .learned
            .unwrap_or_default()
            .into_iter()
            .map(|edge| autopolicy::LearnedEdge {
                package: edge.package,
                target: edge.target,
                request: edge.request,
                file: edge.file,
            })
            .collect(),
        learned_globals: options
            .learned_globals
            .unwrap_or_default()
            .into_iter()
            .map(|global| autopolicy::LearnedGlobal {
                package: global.package,
                name: global.name,
            })
            .collect(),
        learned_uses: options
            .learned_uses
            .unwrap_or_default()
            .into_iter()
            .map(|learned| autopolicy::LearnedUse {
                package: learned.package,
                section: learned.section,
                key: learned.key,
                file: learned.file,
            })
            .collect(),
    };
    let generated = autopolicy::generate_policy(&options)
        .map_err(|error| napi::Error::new(error.code().to_string(), error.to_string()))?;
    Ok(GeneratedPolicy {
        policy: generated.policy,
        debug: generated.debug,
        warnings: generated.warnings,
        notes: generated.notes,
        notes_summary: generated.notes_summary,
        files: generated.files,
    })
}

#[napi(object)]
pub struct SourceUses {
    pub requests: Vec<String>,
    pub globals: Vec<String>,
}

/// What static analysis finds in one source, for a learning run to read the code a package
/// compiles with vm (`crate::autopolicy::source_uses`).
#[napi(catch_unwind)]
pub fn source_uses(source: String, filename: String) -> SourceUses {
    let uses = autopolicy::source_uses(source, PathBuf::from(filename));
    SourceUses {
        requests: uses.requests,
        globals: uses.globals,
    }
}
