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

/// What this rule reads of one loaded module.
struct Facts {
    package: String,
    /// Targets of the module's own literal requests and imports.
    required: Vec<String>,
    /// Targets of every request, those this rule added included.
    requested: Vec<String>,
    requires_computed_path: bool,
    own_resolves: Vec<String>,
}

/// The handoffs of the loaded modules whose files are not yet requests of the dependency's
/// module, in a stable order.
pub fn handoffs(
    modules: &DashMap<String, Loaded>,
    packages: &PackageIndex,
    resolver: &ModuleResolver,
) -> Vec<Handoff> {
    // Most graphs resolve no own file: they pay one pass over the modules, no copies.
    let resolves_own_file = modules.iter().any(|entry| match entry.value() {
        Loaded::Module(record) => {
            !record.is_root()
                && matches!(&record.kind, ModuleKind::Js { facts, .. } if !facts.own_resolves.is_empty())
        }
        Loaded::Unreadable { .. } => false,
    });
    if !resolves_own_file {
        return Vec::new();
    }
    let facts: BTreeMap<String, Facts> = modules
        .iter()
        .filter_map(|entry| Some((entry.key().clone(), module_facts(entry.value())?)))
        .collect();
    // Per package, its first module (sorted) that requires a computed path.
    let mut computed: BTreeMap<&str, &str> = BTreeMap::new();
    for (specifier, module) in facts.iter().filter(|(_, m)| m.requires_computed_path) {
        computed.entry(&module.package).or_insert(specifier);
    }

    let mut found = Vec::new();
    for (from_module, module) in &facts {
        let package = module.package.as_str();
        if module.own_resolves.is_empty() || package == ROOT_NAME {
            continue;
        }
        let dependencies: BTreeSet<&str> = module
            .required
            .iter()
            .filter_map(|target| facts.get(target))
            .map(|child| child.package.as_str())
            .filter(|dependency| *dependency != package && *dependency != ROOT_NAME)
            .collect();
        if dependencies.is_empty() {
            continue;
        }
        let own_files = own_files(
            Path::new(from_module),
            package,
            &module.own_resolves,
            packages,
            resolver,
        );
        for dependency in dependencies {
            // One module of the dependency is enough for its package's grant.
            let Some(to_module) = computed.get(dependency) else {
                continue;
            };
            let requested = &facts[*to_module].requested;
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
                to_module: to_module.to_string(),
                files: new_files.iter().map(|(_, path)| path.clone()).collect(),
                from_module: from_module.clone(),
                note: format!(
                    "LavaMoat note: \"{from_module}\" resolves its own file(s) {} and requires \"{dependency}\", which requires computed paths: \"{dependency}\" is granted \"{package}\"",
                    names.join(", ")
                ),
            });
        }
    }
    found
}

fn module_facts(loaded: &Loaded) -> Option<Facts> {
    let Loaded::Module(record) = loaded else {
        return None;
    };
    let ModuleKind::Js { facts, .. } = &record.kind else {
        return None;
    };
    let own_requests: Vec<&str> = (facts.requires.iter())
        .chain(&facts.imports)
        .chain(&facts.dynamic_imports)
        .map(|request| request.specifier.as_str())
        .collect();
    Some(Facts {
        package: record.package_name.clone(),
        required: targets(record, |request| own_requests.contains(&request)),
        requested: targets(record, |_| true),
        requires_computed_path: !facts.dynamic_requires.is_empty(),
        own_resolves: facts
            .own_resolves
            .iter()
            .map(|r| r.specifier.clone())
            .collect(),
    })
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
