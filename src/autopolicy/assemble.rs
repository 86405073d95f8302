//! Module facts → per-package resources (spec §3 per-package merge, §4, §5).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::{Map, Value};

use super::aliases::with_alias_globals;
use super::graph::{Graph, ModuleKind, ModuleRecord, Target};
use crate::analyze::{GlobalUse, ModuleFacts};
use crate::packages::ROOT_NAME;

/// The generated `resources`, before the override is merged in.
pub fn resources(graph: &Graph) -> Map<String, Value> {
    let mut packages: Vec<(&str, Vec<&ModuleRecord>)> = Vec::new();
    let mut native: HashSet<&str> = HashSet::new();
    for record in graph.records() {
        match record.kind {
            ModuleKind::Builtin => {}
            ModuleKind::Native => {
                native.insert(&record.package_name);
            }
            ModuleKind::Js { .. } | ModuleKind::Json { .. } => {
                match packages
                    .iter_mut()
                    .find(|(name, _)| *name == record.package_name)
                {
                    Some((_, modules)) => modules.push(record),
                    None => packages.push((&record.package_name, vec![record])),
                }
            }
        }
    }

    let mut resources = Map::new();
    // A package the walk reached only through its addon (a platform package whose `main` is
    // the `.node` file: @rollup/rollup-linux-x64-gnu, napi-rs builds) has no JavaScript
    // module, so the loop below does not see it; granting it without `native` is useless.
    for name in &native {
        if *name != ROOT_NAME && !packages.iter().any(|(known, _)| known == name) {
            let mut resource = Map::new();
            resource.insert("native".to_string(), Value::Bool(true));
            resources.insert(name.to_string(), Value::Object(resource));
        }
    }
    for (name, modules) in packages {
        if name == ROOT_NAME {
            continue;
        }
        let dependencies = dependencies(graph, name, &modules);
        let module_facts: Vec<_> = modules
            .iter()
            .filter_map(|m| analysed_facts(m).map(|facts| with_alias_globals(graph, m, facts)))
            .collect();
        let globals = package_globals(module_facts.iter().map(AsRef::as_ref));
        let builtins = reduce_to_topmost(modules.iter().flat_map(|m| module_builtins(m)).collect());
        // Deliberate difference from the reference: a package that writes to an intrinsic's
        // own object (`Object.keys.shim = ...`) throws at load against the frozen shared
        // intrinsics; it gets a realm of its own, with its own unfrozen ones.
        let unfrozen = module_facts
            .iter()
            .any(|facts| !facts.intrinsic_writes.is_empty());
        // Deliberate difference: a package with a native addon gets an entry even when it
        // needs nothing else. The reference leaves it out (spec known defect 9), and its own
        // runtime then refuses to load the addon.
        let native_addon = native.contains(name);
        if dependencies.is_empty()
            && globals.is_empty()
            && builtins.is_empty()
            && !unfrozen
            && !native_addon
        {
            continue;
        }
        let mut resource = Map::new();
        if !dependencies.is_empty() {
            resource.insert("packages".to_string(), granted(dependencies));
        }
        if !globals.is_empty() {
            let globals = globals
                .into_iter()
                .map(|(path, value)| (path, value.to_json()))
                .collect();
            resource.insert("globals".to_string(), Value::Object(globals));
        }
        if !builtins.is_empty() {
            resource.insert("builtin".to_string(), granted(builtins));
        }
        if native_addon {
            resource.insert("native".to_string(), Value::Bool(true));
        }
        if unfrozen {
            resource.insert("env".to_string(), Value::String("unfrozen".to_string()));
        }
        resources.insert(name.to_string(), Value::Object(resource));
    }
    resources
}

fn granted(names: BTreeSet<String>) -> Value {
    Value::Object(
        names
            .into_iter()
            .map(|name| (name, Value::Bool(true)))
            .collect(),
    )
}

/// Facts of a module whose globals and builtins count: JavaScript that parsed, outside the
/// root package (which is trusted and never analysed).
pub fn analysed_facts(record: &ModuleRecord) -> Option<&ModuleFacts> {
    match &record.kind {
        ModuleKind::Js { facts, .. } if !record.is_root() && facts.parse_error.is_none() => {
            Some(facts)
        }
        _ => None,
    }
}

/// Builtin paths of one module: uses of requests that resolved to builtins, in source
/// order, each once (the debug file's `builtin` list).
pub fn module_builtins(record: &ModuleRecord) -> Vec<String> {
    let Some(facts) = analysed_facts(record) else {
        return Vec::new();
    };
    // Request → builtin id; they differ only for a `#private` request mapped to a builtin.
    let builtins: Vec<(&str, &str)> = record
        .import_map
        .iter()
        .filter_map(|(request, target)| match target {
            Some(Target::Builtin(id)) => Some((request.as_str(), id.as_str())),
            _ => None,
        })
        .collect();
    // A set beside the list: generated code can use tens of thousands of distinct paths.
    let mut seen = HashSet::new();
    facts
        .builtin_uses
        .iter()
        .filter_map(|usage| {
            let (_, id) = builtins
                .iter()
                .find(|(request, _)| *request == usage.request)?;
            Some(usage.key_under(id))
        })
        .filter(|key| seen.insert(key.clone()))
        .collect()
}

/// Names of the packages this package's modules import (builtins excluded), without itself.
fn dependencies(graph: &Graph, package: &str, modules: &[&ModuleRecord]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for module in modules {
        for (request, target) in &module.import_map {
            let Some(target) = target else { continue };
            match graph.record(&target.id()) {
                Some(record) if matches!(record.kind, ModuleKind::Builtin) => {}
                Some(record) => {
                    names.insert(record.package_name.clone());
                }
                None => {
                    names.insert(
                        guess_package_name(request)
                            .unwrap_or_else(|| format!("<unknown:{request}>")),
                    );
                }
            }
        }
    }
    names.remove(package);
    names
}

/// For a target that was never loaded: the package part of a bare request.
fn guess_package_name(request: &str) -> Option<String> {
    if request.starts_with('/') || request.starts_with('.') {
        return None;
    }
    let segments = if request.starts_with('@') { 2 } else { 1 };
    Some(
        request
            .split('/')
            .take(segments)
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// A global's value while a package's modules are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageGlobal {
    Read,
    Write,
    /// Set on the top segment of a deeper write (`a.b = 1` grants `a`).
    Granted,
}

impl PackageGlobal {
    fn to_json(self) -> Value {
        match self {
            Self::Read | Self::Granted => Value::Bool(true),
            Self::Write => Value::String("write".to_string()),
        }
    }
}

/// Merges module globals in visit order the way the reference does: before each module, a
/// write to a deeper path (already merged or in the module) grants its top segment; then
/// the module's paths are added (a write replaces anything, a read only fills gaps); then
/// descendants of present paths are dropped. The result depends on module order.
///
/// Deliberate difference: a name some module only tests for presence (`typeof X`, `X && X.y`,
/// `if (X)`, `X == null`) is granted only when the package uses nothing under it; when it
/// does (`typeof process === 'object' && process.env.DEBUG`), the runtime's minimal view of
/// those paths already passes the test as the real value would, and the reference's grant of
/// the whole `X` gives far more.
pub fn package_globals<'f>(
    modules: impl Iterator<Item = &'f ModuleFacts>,
) -> BTreeMap<String, PackageGlobal> {
    let mut merged: BTreeMap<String, PackageGlobal> = BTreeMap::new();
    let mut tested_names: BTreeSet<&'f str> = BTreeSet::new();
    for facts in modules {
        tested_names.extend(facts.presence_tests.iter().map(String::as_str));
        if facts.globals.is_empty() {
            continue;
        }
        let deep_write_top = |path: &str, value: PackageGlobal| {
            (value == PackageGlobal::Write && path.contains('.'))
                .then(|| path.split('.').next().unwrap_or(path).to_string())
        };
        let module_globals: Vec<(&str, PackageGlobal)> = facts
            .globals
            .iter()
            .map(|(path, usage)| (path.as_str(), module_global(*usage)))
            .collect();
        let granted_tops: Vec<String> = merged
            .iter()
            .filter_map(|(path, value)| deep_write_top(path, *value))
            .chain(
                module_globals
                    .iter()
                    .filter_map(|(path, value)| deep_write_top(path, *value)),
            )
            .collect();
        for top in granted_tops {
            merged.insert(top, PackageGlobal::Granted);
        }
        for (path, value) in module_globals {
            if value == PackageGlobal::Write || !merged.contains_key(path) {
                merged.insert(path.to_string(), value);
            }
        }
        merged = crate::analyze::reduce_to_topmost(merged);
    }
    for name in tested_names {
        let prefix = format!("{name}.");
        let used = merged.contains_key(name)
            || merged
                .range(prefix.clone()..)
                .next()
                .is_some_and(|(path, _)| path.starts_with(&prefix));
        if !used {
            merged.insert(name.to_string(), PackageGlobal::Read);
        }
    }
    merged
}

fn module_global(usage: GlobalUse) -> PackageGlobal {
    match usage {
        GlobalUse::Read => PackageGlobal::Read,
        GlobalUse::Write => PackageGlobal::Write,
    }
}

/// Drops paths that have an ancestor path in the set (`fs` + `fs.readFile` → `fs`), but for
/// the explicit members a module grant does not give (`v8` + `v8.setFlagsFromString` keeps
/// both: policy/process_routes.rs).
pub(super) fn reduce_to_topmost(paths: Vec<String>) -> BTreeSet<String> {
    let explicit: Vec<String> = paths
        .iter()
        .filter(|path| crate::policy::explicit_builtin_member(path).is_some())
        .cloned()
        .collect();
    let set: BTreeMap<String, ()> = paths.into_iter().map(|path| (path, ())).collect();
    let mut reduced: BTreeSet<String> =
        crate::analyze::reduce_to_topmost(set).into_keys().collect();
    reduced.extend(explicit);
    reduced
}
