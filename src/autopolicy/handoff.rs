//! Own files handed to a dependency (deliberate difference from the reference, which fails
//! the same way at run time): package P resolves one of its own modules
//! (`require.resolve('./minify')`) and hands the path to its dependency D, which loads it
//! with a computed `require(path)` (webpack's minimizer plugin and jest-worker). D is then
//! granted P, and P's module is walked, as a request of D's module.
//!
//! Both facts must meet on one edge of the graph, in one module: the module of P that
//! resolves a literal relative path of its own package also requires D itself (by a literal
//! `require` or `import`), and a module of D requires a computed path. A D that P does not
//! depend on could only get the path through a third package, and a D whose requires are all
//! literal loads nothing handed to it. The edge is the resolving module's, not its package's:
//! on webpack, a package-wide edge also granted webpack to browserslist and to the minimizer
//! plugin (webpack resolves a file of its own in one module and requires those in others),
//! and an edge this rule adds would count again (jest-worker resolves its own child script).
//! The root package is never granted this way (nor given such a grant): an app that hands
//! its own file to a dependency says so in its override.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dashmap::DashMap;

use super::graph::{Loaded, ModuleKind, ModuleRecord, Target};
use crate::analyze::ModuleFacts;
use crate::packages::{PackageIndex, ROOT_NAME};
use crate::resolve::{ModuleResolver, Resolved};

/// Own files of one package that a module of its dependency may load.
pub struct Handoff {
    /// Module of the dependency with a computed require: the files become its requests.
    pub to_module: String,
    pub files: Vec<PathBuf>,
    /// Module of the package that resolves the files: the note is printed with it.
    pub from_module: String,
    pub note: String,
}

/// The record and facts of a loaded JavaScript module.
fn js_module(loaded: &Loaded) -> Option<(&ModuleRecord, &ModuleFacts)> {
    match loaded {
        Loaded::Module(record) => match &record.kind {
            ModuleKind::Js { facts, .. } => Some((record, facts)),
            _ => None,
        },
        Loaded::Unreadable { .. } => None,
    }
}

/// The handoffs of the loaded modules whose files are not yet requests of the dependency's
/// module, in a stable order. Runs after each round of the walk, on one thread: it reads the
/// modules in place and copies only what the few modules that resolve own files need.
pub fn handoffs(
    modules: &DashMap<String, Loaded>,
    packages: &PackageIndex,
    resolver: &ModuleResolver,
) -> Vec<Handoff> {
    // The modules that resolve an own file, and per package its first module (by specifier)
    // that requires a computed path.
    let mut resolving = Vec::new();
    let mut computed: BTreeMap<String, String> = BTreeMap::new();
    for entry in modules.iter() {
        let Some((record, facts)) = js_module(entry.value()) else {
            continue;
        };
        if !facts.dynamic_requires.is_empty() {
            let first = computed
                .entry(record.package_name.clone())
                .or_insert_with(|| entry.key().clone());
            if entry.key() < first {
                first.clone_from(entry.key());
            }
        }
        if !facts.own_resolves.is_empty() && !record.is_root() {
            resolving.push(entry.key().clone());
        }
    }
    resolving.sort();
    let package_of = |target: &str| {
        let entry = modules.get(target)?;
        js_module(entry.value()).map(|(record, _)| record.package_name.clone())
    };

    let mut found = Vec::new();
    for from_module in &resolving {
        let Some((package, required, own_resolves)) = modules.get(from_module).and_then(|entry| {
            let (record, facts) = js_module(entry.value())?;
            let own_requests: Vec<&str> = (facts.requires.iter())
                .chain(&facts.imports)
                .chain(&facts.dynamic_imports)
                .map(|request| request.specifier.as_str())
                .collect();
            let own_resolves: Vec<String> = facts
                .own_resolves
                .iter()
                .map(|r| r.specifier.clone())
                .collect();
            let required = targets(record, |request| own_requests.contains(&request));
            Some((record.package_name.clone(), required, own_resolves))
        }) else {
            continue;
        };
        let package = package.as_str();
        let dependencies: BTreeSet<String> = required
            .iter()
            .filter_map(|target| package_of(target))
            .filter(|dependency| dependency != package && dependency != ROOT_NAME)
            .collect();
        if dependencies.is_empty() {
            continue;
        }
        let own_files = own_files(
            Path::new(from_module),
            package,
            &own_resolves,
            packages,
            resolver,
        );
        for dependency in dependencies {
            // One module of the dependency is enough for its package's grant.
            let Some(to_module) = computed.get(&dependency) else {
                continue;
            };
            let requested = modules
                .get(to_module)
                .and_then(|entry| {
                    js_module(entry.value()).map(|(record, _)| targets(record, |_| true))
                })
                .unwrap_or_default();
            let new_files: Vec<&(String, PathBuf)> = own_files
                .iter()
                .filter(|(_, path)| !requested.contains(&path.display().to_string()))
                .collect();
            if new_files.is_empty() {
                continue;
            }
            let names: Vec<String> = new_files
                .iter()
                .map(|(request, _)| format!("\"{request}\""))
                .collect();
            found.push(Handoff {
                to_module: to_module.clone(),
                files: new_files.iter().map(|(_, path)| path.clone()).collect(),
                from_module: from_module.clone(),
                note: format!(
                    "lavamoat: note: \"{from_module}\" resolves its own file(s) {} and requires \"{dependency}\", which requires computed paths: \"{dependency}\" is granted \"{package}\"",
                    names.join(", ")
                ),
            });
        }
    }
    found
}

/// Targets of the module's requests that `pick` keeps.
fn targets(record: &ModuleRecord, pick: impl Fn(&str) -> bool) -> Vec<String> {
    record
        .import_map
        .iter()
        .filter(|(request, _)| pick(request))
        .filter_map(|(_, target)| target.as_ref().map(Target::id))
        .collect()
}

/// The requests of `file` that resolve to a file of its own package, with that file.
fn own_files(
    file: &Path,
    package: &str,
    requests: &[String],
    packages: &PackageIndex,
    resolver: &ModuleResolver,
) -> Vec<(String, PathBuf)> {
    let from_dir = file.parent().unwrap_or(file);
    requests
        .iter()
        .filter_map(
            |request| match resolver.resolve(from_dir, request, Some(package)) {
                Ok(Resolved::File(path)) => Some((request.clone(), path)),
                _ => None,
            },
        )
        // `../` can leave the package: only its own files are its to hand out.
        .filter(|(_, path)| {
            packages
                .package_name_for_path(path)
                .is_ok_and(|owner| owner == package)
        })
        .collect()
}
