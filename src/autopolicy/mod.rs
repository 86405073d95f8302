//! Policy generation (`--autopolicy`): walk the module graph from the entry, analyse every
//! file, and assemble the per-package policy merged with the override (spec autopolicy.md).
//!
//! Files are read, parsed and resolved in parallel; everything that depends on order
//! (warnings, the order-sensitive global merge) follows the reference's depth-first visit.

mod aliases;
mod assemble;
mod computed;
mod debug;
mod format;
mod graph;
mod handoff;
mod native;
mod progress;
#[cfg(test)]
mod tests;
mod walk;
mod warnings;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::packages::{normalize, PackageIndex, PackagesError, ROOT_NAME};
use crate::policy::{self, PolicyError};
use crate::resolve::{ModuleResolver, Resolutions};

pub use format::Formats;

pub struct AutopolicyOptions {
    /// The entry module, absolute or relative to `project_root`.
    pub entry_path: PathBuf,
    pub project_root: PathBuf,
    /// Defaults to `<project_root>/lavamoat/node/policy-override.json`.
    pub policy_override_path: Option<PathBuf>,
    /// Also build the debug policy (`debugInfo` per module).
    pub include_debug_info: bool,
    /// Rewrite one stderr line with the counts while walking (for a terminal).
    pub show_progress: bool,
    /// Files a learning run saw the program load that no static request reaches (a tool's
    /// config, the project's tests, a plugin named at run time): analysed like the entry,
    /// after it. Absolute, or relative to `project_root`.
    pub more_entries: Vec<PathBuf>,
    /// Package edges a learning run recorded: granted on top of the analysis, under the
    /// override like every generated grant.
    pub learned: Vec<LearnedEdge>,
    /// Globals a learning run saw a package create (names the host global does not have,
    /// as mocha's `describe`): granted `"write"`, so that the project's files see them.
    pub learned_globals: Vec<LearnedGlobal>,
    /// Builtins and globals a learning run found in code compiled with vm (a test runner's
    /// module system compiling the tests): granted to the package that needs them for it.
    pub learned_uses: Vec<LearnedUse>,
}

/// Static analysis of `file`, which a package compiled with vm, found `key` in `section`
/// (`"builtin"`: `node:path`, `util.inspect`; `"globals"`: `setTimeout`); `package` is granted
/// it: the compiling package requires builtins on the code's behalf, and the package that
/// made the context the code runs in gives it its globals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnedUse {
    pub package: String,
    pub section: String,
    pub key: String,
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnedGlobal {
    pub package: String,
    pub name: String,
}

/// `package` loaded a module of `target` at run time, by a request the analysis could not
/// follow; `request` (as written) and `file` (the module that made it) say where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnedEdge {
    pub package: String,
    pub target: String,
    pub request: String,
    pub file: String,
}

pub struct GeneratedPolicy {
    /// Generated policy merged with the override: the content of policy.json.
    pub policy: Value,
    /// The same plus `debugInfo`: the content of policy-debug.json, when asked for.
    pub debug: Option<Value>,
    /// Text for stderr, in the reference's order, one entry per message (may span lines):
    /// what may need the user's action.
    pub warnings: Vec<String>,
    /// The messages that need no action (warnings.rs `MessageKind`), for `--debugMode`.
    pub notes: Vec<String>,
    /// One line that counts `notes`, printed instead of them.
    pub notes_summary: Option<String>,
    /// The files analysed (absolute paths, in visit order): a learning run analyses any other
    /// file the program loads.
    pub files: Vec<String>,
}

#[derive(Debug)]
pub enum AutopolicyError {
    /// The override file could not be read or parsed, or the merge failed.
    Policy(PolicyError),
    /// A package.json could not be read, or a file belongs to an undeclared package.
    Packages(PackagesError),
    EntryNotFound {
        entry: PathBuf,
        reason: String,
    },
    /// Packages are named from the project root: an entry elsewhere has no package.
    EntryOutsideRoot {
        entry: PathBuf,
        project_root: PathBuf,
    },
    /// A module with an extension Node cannot run (e.g. `.ts`).
    UnknownExtension {
        extension: String,
        file: PathBuf,
    },
}

impl AutopolicyError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Policy(error) => error.code(),
            Self::Packages(error) => error.code(),
            Self::EntryNotFound { .. } => "LAVAMOAT_ENTRY_NOT_FOUND",
            Self::EntryOutsideRoot { .. } => "LAVAMOAT_ENTRY_OUTSIDE_ROOT",
            Self::UnknownExtension { .. } => "LAVAMOAT_UNKNOWN_EXTENSION",
        }
    }
}

impl fmt::Display for AutopolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Policy(error) => error.fmt(f),
            Self::Packages(error) => error.fmt(f),
            Self::EntryNotFound { entry, reason } => {
                write!(f, "LavaMoat could not resolve the entry \"{}\": {reason}", entry.display())
            }
            Self::EntryOutsideRoot { entry, project_root } => write!(
                f,
                "LavaMoat will not start from \"{}\": the entry is outside the project root \"{}\" \
                 (set --projectRoot to the directory of the app's package.json)",
                entry.display(),
                project_root.display()
            ),
            // The reference's wording.
            Self::UnknownExtension { extension, file } => write!(
                f,
                "lavamoat-node/makeImportHook - unknown module file extension \"{extension}\" in filename \"{}\"",
                file.display()
            ),
        }
    }
}

impl std::error::Error for AutopolicyError {}

impl From<PolicyError> for AutopolicyError {
    fn from(error: PolicyError) -> Self {
        Self::Policy(error)
    }
}

impl From<PackagesError> for AutopolicyError {
    fn from(error: PackagesError) -> Self {
        Self::Packages(error)
    }
}

pub fn default_override_path(project_root: &Path) -> PathBuf {
    project_root
        .join("lavamoat")
        .join("node")
        .join("policy-override.json")
}

pub fn generate_policy(options: &AutopolicyOptions) -> Result<GeneratedPolicy, AutopolicyError> {
    let project_root = normalize(&options.project_root);
    // Relative paths are relative to the project root, as the reference's `path.resolve`.
    let override_path = match &options.policy_override_path {
        Some(path) => normalize(&project_root.join(path)),
        None => default_override_path(&project_root),
    };
    let entries = std::iter::once(&options.entry_path)
        .chain(&options.more_entries)
        .map(|entry| {
            let entry = normalize(&project_root.join(entry));
            if entry.starts_with(&project_root) {
                Ok(entry)
            } else {
                Err(AutopolicyError::EntryOutsideRoot {
                    entry,
                    project_root: project_root.clone(),
                })
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut warnings = Vec::new();
    let overrides = match policy::load_policy_file(&override_path)? {
        Some(loaded) => {
            warnings.extend(loaded.warnings.iter().map(ToString::to_string));
            loaded.value
        }
        None => policy::empty_policy(),
    };

    let packages = PackageIndex::build(&project_root, true)?;
    let resolver = ModuleResolver::new(&project_root, resolutions(&overrides));
    let progress = progress::Progress::default();
    let context = walk::Context {
        project_root: &project_root,
        packages: &packages,
        resolver: &resolver,
        overrides: &overrides,
        progress: &progress,
        include_debug_info: options.include_debug_info,
    };
    let graph = progress::with_progress(options.show_progress, &progress, || {
        walk::walk(&context, &entries)
    })?;

    let report = warnings::module_report(&graph);
    warnings.extend(report.warnings);
    let mut resources = assemble::resources(&graph);
    grant_learned(&mut resources, options);
    let mut generated = Map::new();
    generated.insert("resources".to_string(), Value::Object(resources));
    if options.include_debug_info {
        generated.insert(
            "debugInfo".to_string(),
            Value::Object(debug::debug_info(&graph)),
        );
    }
    let mut merged = policy::merge(&Value::Object(generated), &overrides)?;
    if let (Value::Object(fields), false) = (
        &mut merged,
        options.learned.is_empty()
            && options.learned_globals.is_empty()
            && options.learned_uses.is_empty(),
    ) {
        fields.insert("learned".to_string(), debug::learned_info(options));
    }
    let mut written = merged.clone();
    if let Value::Object(fields) = &mut written {
        fields.remove("debugInfo");
        fields.remove("learned");
    }
    let files = graph
        .order
        .iter()
        .filter(|id| Path::new(id).is_absolute())
        .cloned()
        .collect();
    // Freeing the graph (every module's facts and import map) and the resolver's caches
    // takes tens of milliseconds on a large tree: the caller need not wait for it.
    drop_in_background((graph, resolver, packages));
    Ok(GeneratedPolicy {
        policy: written,
        debug: options.include_debug_info.then_some(merged),
        warnings,
        notes: report.notes,
        notes_summary: report.notes_summary,
        files,
    })
}

/// Drops `value` on a thread of its own (here, if no thread can be started).
fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("lavamoat-drop".into())
        .spawn(move || drop(value));
}

/// `packages: {target: true}` for each learned edge, `globals: {name: "write"}` for each
/// learned global and the key of each learned use, granted `true` (the root package has no
/// policy to grant); `"write"` wins over `true`, and a builtin section that grew is reduced to
/// its topmost paths again.
fn grant_learned(resources: &mut Map<String, Value>, options: &AutopolicyOptions) {
    let grants = options
        .learned
        .iter()
        .map(|edge| (&edge.package, "packages", &edge.target, Value::Bool(true)))
        .chain(options.learned_globals.iter().map(|global| {
            let write = Value::String("write".to_string());
            (&global.package, "globals", &global.name, write)
        }))
        .chain(options.learned_uses.iter().map(|learned| {
            let granted = Value::Bool(true);
            (
                &learned.package,
                learned.section.as_str(),
                &learned.key,
                granted,
            )
        }));
    for (package, section, key, value) in grants {
        if package == ROOT_NAME {
            continue;
        }
        let resource = resources
            .entry(package.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(resource) = resource else {
            continue;
        };
        let section = resource
            .entry(section.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(section) = section {
            let granted = section.entry(key.clone()).or_insert(Value::Bool(true));
            if *granted == Value::Bool(true) {
                *granted = value;
            }
        }
    }
    let compilers: std::collections::BTreeSet<_> = options
        .learned_uses
        .iter()
        .filter(|learned| learned.section == "builtin")
        .map(|learned| &learned.package)
        .collect();
    for package in compilers {
        let builtins = resources
            .get_mut(package)
            .and_then(|resource| resource.get_mut("builtin"))
            .and_then(Value::as_object_mut);
        if let Some(builtins) = builtins {
            let keys = builtins.keys().cloned().collect();
            *builtins = assemble::reduce_to_topmost(keys)
                .into_iter()
                .map(|key| (key, Value::Bool(true)))
                .collect();
        }
    }
}

/// What static analysis finds in one source, as policy keys.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SourceUses {
    /// The paths used on what it requires and imports (`node:path.join`, a whole
    /// `util/types`, `./lib`), reduced to the topmost. Requests are as written, not resolved:
    /// the caller keeps those that name builtins.
    pub requests: Vec<String>,
    /// The global paths it reads (`setTimeout`, `process.env`); those it writes are left out.
    pub globals: Vec<String>,
}

/// What static analysis finds in `source`; nothing when it does not parse. A learning run
/// reads, with it, the code a package compiles with vm (`path` names the file, for its syntax:
/// TypeScript or not).
pub fn source_uses(source: String, path: PathBuf) -> SourceUses {
    // Analysis recurses as deep as the code nests: on the thread with the stack for it.
    crate::parse_thread::on_parse_thread(move |_| {
        let facts = crate::analyze::analyze_module(&source, &path);
        let keys = facts.builtin_uses.iter().map(|usage| usage.key()).collect();
        let globals = facts.globals.iter();
        Some(SourceUses {
            requests: assemble::reduce_to_topmost(keys).into_iter().collect(),
            globals: globals
                .filter(|(_, usage)| **usage == crate::analyze::GlobalUse::Read)
                .map(|(path, _)| path.clone())
                .collect(),
        })
    })
    .unwrap_or_default()
}
/// The override's `resolutions` table; entries that are not strings are ignored.
fn resolutions(overrides: &Value) -> Resolutions {
    let Some(table) = overrides.get("resolutions").and_then(Value::as_object) else {
        return Resolutions::default();
    };
    table
        .iter()
        .filter_map(|(package, redirects)| {
            let redirects: HashMap<String, String> = redirects
                .as_object()?
                .iter()
                .filter_map(|(request, target)| {
                    Some((request.clone(), target.as_str()?.to_string()))
                })
                .collect();
            Some((package.clone(), redirects))
        })
        .collect()
}
