//! Loading the module graph: every module read, analysed and resolved once, in parallel;
//! then the reference's depth-first visit order, which everything order-sensitive follows.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use dashmap::{DashMap, DashSet};
use serde_json::Value;

use super::computed;
use super::format::Formats;
use super::graph::{Graph, Loaded, Message, MessageKind, ModuleKind, ModuleRecord, Target};
use super::handoff;
use super::native;
use super::AutopolicyError;
use crate::analyze::{analyze_module_as, LineIndex, ModuleFacts, Request, ANALYSIS_STACK_SIZE};
use crate::packages::{normalize, PackageIndex, ROOT_NAME};
use crate::resolve::{ModuleResolver, RequestKind, Resolved};

pub struct Context<'c> {
    pub project_root: &'c Path,
    pub packages: &'c PackageIndex,
    pub resolver: &'c ModuleResolver,
    pub overrides: &'c Value,
    pub progress: &'c super::progress::Progress,
    /// Keep each module's source for the debug policy; without it, the compatibility
    /// warning is written as the module is loaded and the source dropped.
    pub include_debug_info: bool,
}

/// Loads the graph from `entries`: the program's entry first, then the files a learning run
/// saw it load (`AutopolicyOptions::more_entries`), each with everything it reaches.
pub fn walk(context: &Context<'_>, entries: &[PathBuf]) -> Result<Graph, AutopolicyError> {
    let targets = entries
        .iter()
        .map(|entry| entry_target(context, entry))
        .collect::<Result<Vec<_>, _>>()?;
    let loader = Loader {
        context,
        modules: DashMap::new(),
        claimed: DashSet::new(),
        errors: Mutex::new(Vec::new()),
        formats: Formats::default(),
    };
    let mut pending = Vec::new();
    for target in &targets {
        if loader.claimed.insert(target.id()) {
            pending.push(target.clone());
        }
    }
    // Handing off can reach new modules, which can hand off in turn.
    while !pending.is_empty() {
        loader.visit_all(pending);
        pending = loader.hand_off();
    }

    let mut errors = loader
        .errors
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Deterministic choice when several files fail at once.
    errors.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some((_, error)) = errors.into_iter().next() {
        return Err(error);
    }
    let modules: HashMap<String, Loaded> = loader.modules.into_iter().collect();
    let entry_ids: Vec<String> = targets.iter().map(Target::id).collect();
    let order = visit_order(&modules, &entry_ids);
    Ok(Graph { modules, order })
}

fn entry_target(context: &Context<'_>, entry: &Path) -> Result<Target, AutopolicyError> {
    match context.resolver.resolve(
        context.project_root,
        &entry.display().to_string(),
        Some(ROOT_NAME),
    ) {
        Ok(Resolved::File(path)) => Ok(Target::File(path)),
        Ok(Resolved::Builtin(id)) => Err(AutopolicyError::EntryNotFound {
            entry: entry.to_path_buf(),
            reason: format!("\"{id}\" is a builtin module"),
        }),
        Err(error) => Err(AutopolicyError::EntryNotFound {
            entry: entry.to_path_buf(),
            reason: error.to_string(),
        }),
    }
}

/// Worker threads with stacks deep enough for any file (see [`ANALYSIS_STACK_SIZE`]).
fn analysis_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(ANALYSIS_STACK_SIZE)
            .thread_name(|index| format!("lavamoat-autopolicy-{index}"))
            .build()
            .ok()
    })
    .as_ref()
}

struct Loader<'c, 'x> {
    context: &'x Context<'c>,
    modules: DashMap<String, Loaded>,
    claimed: DashSet<String>,
    errors: Mutex<Vec<(String, AutopolicyError)>>,
    formats: Formats,
}

impl Loader<'_, '_> {
    /// Loads `targets` and everything they reach, in parallel.
    fn visit_all(&self, targets: Vec<Target>) {
        match analysis_pool() {
            Some(pool) => pool.scope(|scope| self.spawn_all(scope, targets)),
            None => rayon::scope(|scope| self.spawn_all(scope, targets)),
        }
    }

    fn spawn_all<'s>(&'s self, scope: &rayon::Scope<'s>, targets: Vec<Target>) {
        for target in targets {
            scope.spawn(move |scope| self.visit(scope, target));
        }
    }

    fn visit<'s>(&'s self, scope: &rayon::Scope<'s>, target: Target) {
        let id = target.id();
        match self.load(target) {
            Ok(loaded) => {
                if let Loaded::Module(record) = &loaded {
                    self.context.progress.record(&record.package_name);
                    for child in record
                        .import_map
                        .iter()
                        .filter_map(|(_, target)| target.clone())
                    {
                        if self.claimed.insert(child.id()) {
                            scope.spawn(move |scope| self.visit(scope, child));
                        }
                    }
                }
                self.modules.insert(id, loaded);
            }
            Err(error) => self.fail(id, error),
        }
    }

    /// Deliberate difference: own files a package hands to a dependency that requires
    /// computed paths become requests of that dependency's module (handoff.rs). Returns the
    /// files not walked yet.
    fn hand_off(&self) -> Vec<Target> {
        let mut unwalked = Vec::new();
        for handoff in
            handoff::handoffs(&self.modules, self.context.packages, self.context.resolver)
        {
            if let Some(mut loaded) = self.modules.get_mut(&handoff.to_module) {
                if let Loaded::Module(record) = loaded.value_mut() {
                    for file in &handoff.files {
                        // Two modules of the package can hand out the same file.
                        let request = file.display().to_string();
                        if !record.import_map.iter().any(|(known, _)| *known == request) {
                            record
                                .import_map
                                .push((request, Some(Target::File(file.clone()))));
                        }
                    }
                }
            }
            if let Some(mut loaded) = self.modules.get_mut(&handoff.from_module) {
                if let Loaded::Module(record) = loaded.value_mut() {
                    record.load_warnings.push(Message::note(handoff.note));
                }
            }
            for file in handoff.files {
                let target = Target::File(file);
                if self.claimed.insert(target.id()) {
                    unwalked.push(target);
                }
            }
        }
        unwalked
    }

    /// Records an error that ends the walk; `id` orders simultaneous errors.
    fn fail(&self, id: String, error: AutopolicyError) {
        if let Ok(mut errors) = self.errors.lock() {
            errors.push((id, error));
        }
    }

    fn load(&self, target: Target) -> Result<Loaded, AutopolicyError> {
        let specifier = target.id();
        let path = match target {
            Target::Builtin(_) => {
                return Ok(Loaded::Module(ModuleRecord {
                    package_name: specifier.clone(),
                    specifier,
                    kind: ModuleKind::Builtin,
                    import_map: Vec::new(),
                    load_warnings: Vec::new(),
                }))
            }
            Target::File(path) => path,
        };
        let extension = node_extension(&path);
        let package_name = self.context.packages.package_name_for_path(&path)?;
        let record = |kind, import_map, load_warnings| {
            Loaded::Module(ModuleRecord {
                specifier: specifier.clone(),
                kind,
                package_name: package_name.clone(),
                import_map,
                load_warnings,
            })
        };
        if extension == ".node" {
            return Ok(record(ModuleKind::Native, Vec::new(), Vec::new()));
        }
        let Ok(bytes) = std::fs::read(&path) else {
            return Ok(Loaded::Unreadable {
                warning: format!(
                    "lavamoat-node/makeImportHook - could not read file \"{specifier}\""
                ),
            });
        };
        // Valid UTF-8 (nearly every file) is used as read, without a copy.
        let content = String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
        match extension.as_str() {
            "" | ".js" | ".cjs" | ".mjs" | ".ts" | ".mts" | ".cts" => {
                let format = self.formats.format(&path, &extension);
                let mut facts = Box::new(analyze_module_as(&content, &path, format));
                let mut warnings = Vec::new();
                if let Some(error) = &facts.parse_error {
                    warnings.push(Message::warning(super::warnings::parse_error_warning(
                        &content, error,
                    )));
                }
                let computes_package_names = facts.computes_package_names();
                let mut import_map = self.import_map(&path, &package_name, &facts, &mut warnings);
                self.add_dir_requires(
                    &path,
                    &package_name,
                    &content,
                    &mut facts,
                    &mut import_map,
                    &mut warnings,
                );
                if computes_package_names && package_name != ROOT_NAME {
                    self.add_optional_dependencies(
                        &path,
                        &package_name,
                        &mut import_map,
                        &mut warnings,
                    );
                }
                // Written here, where the source is at hand (warnings.rs); the source
                // outlives the analysis only for the debug policy.
                let compat_warning = super::warnings::compat_warning(
                    &specifier,
                    &package_name,
                    &content,
                    &facts,
                    self.context.overrides,
                );
                let content = self.context.include_debug_info.then_some(content);
                Ok(record(
                    ModuleKind::Js {
                        content,
                        facts,
                        compat_warning,
                    },
                    import_map,
                    warnings,
                ))
            }
            ".json" => {
                let mut warnings = Vec::new();
                if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(&content) {
                    warnings.push(Message::warning(format!(
                        "lavamoat: invalid JSON in \"{specifier}\": {error}"
                    )));
                }
                let content = self
                    .context
                    .include_debug_info
                    .then(|| format!("module.exports={content}"));
                Ok(record(ModuleKind::Json { content }, Vec::new(), warnings))
            }
            _ => Err(AutopolicyError::UnknownExtension {
                extension,
                file: path,
            }),
        }
    }

    fn import_map(
        &self,
        file: &Path,
        package_name: &str,
        facts: &ModuleFacts,
        warnings: &mut Vec<Message>,
    ) -> Vec<(String, Option<Target>)> {
        // A CommonJS module has requires and maybe `import()`; an ES module has imports, and
        // requires only through `createRequire`. Each request once per kind.
        let mut requests: Vec<(RequestKind, &Request)> = Vec::new();
        let all = (facts.requires.iter().map(|r| (RequestKind::Require, r)))
            .chain(facts.imports.iter().map(|r| (RequestKind::Import, r)))
            .chain(
                facts
                    .dynamic_imports
                    .iter()
                    .map(|r| (RequestKind::Import, r)),
            );
        for (kind, request) in all {
            if !requests
                .iter()
                .any(|(k, r)| *k == kind && r.specifier == request.specifier)
            {
                requests.push((kind, request));
            }
        }
        let mut import_map: Vec<(String, Option<Target>)> = requests
            .into_iter()
            .map(|(kind, request)| {
                let target = self.resolve(kind, file, &request.specifier, package_name, warnings);
                (request.specifier.clone(), target)
            })
            .collect();
        self.add_override_packages(package_name, &mut import_map, warnings);
        for addon in native::addons_for(file, &import_map) {
            import_map.push((addon.display().to_string(), Some(Target::File(addon))));
        }
        import_map
    }

    /// Deliberate difference: the files a `require('./src/' + name)` can load are requests of
    /// the module (computed.rs). A pattern that matches a file is no longer a dynamic require
    /// (a note says what was read instead); one that matches none stays one, and warns.
    fn add_dir_requires(
        &self,
        file: &Path,
        package_name: &str,
        content: &str,
        facts: &mut ModuleFacts,
        import_map: &mut Vec<(String, Option<Target>)>,
        warnings: &mut Vec<Message>,
    ) {
        let from_dir = file.parent().unwrap_or(file);
        // Only files of the module's own package: `'../' + name` from a package's top
        // directory would otherwise list `node_modules` itself.
        let own_file = |request: &String| {
            let candidate = normalize(&from_dir.join(request));
            self.context
                .packages
                .package_name_for_path(&candidate)
                .is_ok_and(|owner| owner == package_name)
        };
        let mut resolved = Vec::new();
        for (span, pattern) in &facts.dir_requires {
            let requests = computed::dir_requests(file, pattern);
            let mut found = 0;
            for request in requests.into_iter().filter(own_file) {
                if import_map.iter().any(|(known, _)| *known == request) {
                    found += 1;
                    continue;
                }
                let target =
                    self.resolve(RequestKind::Require, file, &request, package_name, warnings);
                found += usize::from(target.is_some());
                import_map.push((request, target));
            }
            if found == 0 {
                continue;
            }
            resolved.push(*span);
            if package_name != ROOT_NAME {
                let at = LineIndex::new(content).location(span.start);
                warnings.push(Message::note(format!(
                    "lavamoat: note: the computed require at {}:{}:{} loads a file of \"{}\": its {found} file(s) there are in the policy of \"{package_name}\"",
                    file.display(),
                    at.line,
                    at.column + 1,
                    pattern.dir
                )));
            }
        }
        facts
            .dynamic_requires
            .retain(|span| !resolved.contains(span));
        facts
            .dir_requires
            .retain(|(span, _)| !resolved.contains(span));
    }

    /// Deliberate difference: a module that computes the names of the packages it requires
    /// or resolves gets the installed optional dependencies of its package (computed.rs),
    /// each walked from its entry; one without an entry (a platform binary) is recorded by
    /// its package.json, which names the package and grants nothing else.
    fn add_optional_dependencies(
        &self,
        file: &Path,
        package_name: &str,
        import_map: &mut Vec<(String, Option<Target>)>,
        warnings: &mut Vec<Message>,
    ) {
        let packages = self.context.packages;
        let Some(package_dir) = packages.package_dir_for_path(file) else {
            return;
        };
        let from_dir = file.parent().unwrap_or(file);
        let mut granted = Vec::new();
        for name in computed::optional_dependencies(package_dir) {
            if import_map.iter().any(|(request, _)| *request == name) {
                continue;
            }
            let Some(dir) = computed::installed_package_dir(from_dir, &name) else {
                continue;
            };
            let manifest = dir.join("package.json");
            // Only a package the dependency walk found: a file of another would end the walk.
            if packages.package_dir_for_path(&manifest) != Some(dir.as_path()) {
                continue;
            }
            let target = match self
                .context
                .resolver
                .resolve(from_dir, &name, Some(package_name))
            {
                Ok(Resolved::File(_)) => {
                    self.resolve(RequestKind::Require, file, &name, package_name, warnings)
                }
                _ => Some(Target::File(manifest)),
            };
            if target.is_some() {
                granted.push(name.clone());
            }
            import_map.push((name, target));
        }
        if !granted.is_empty() {
            warnings.push(Message::note(format!(
                "lavamoat: note: \"{}\" computes the names of the packages it requires or resolves: \"{package_name}\" is granted its installed optional dependencies {}",
                file.display(),
                granted.join(", ")
            )));
        }
    }

    /// The target of one request of `file`; a failure is warned and resolves to nothing.
    fn resolve(
        &self,
        kind: RequestKind,
        file: &Path,
        specifier: &str,
        package_name: &str,
        warnings: &mut Vec<Message>,
    ) -> Option<Target> {
        let resolver = self.context.resolver;
        let from_dir = file.parent().unwrap_or(file);
        match resolver.resolve_as(kind, from_dir, specifier, Some(package_name)) {
            Ok(Resolved::Builtin(id)) => Some(Target::Builtin(id)),
            Ok(Resolved::File(path)) => {
                // Checked here, where the requiring package is known, so that a file of no
                // known package is reported as what it is (see `package_name_for_import`);
                // the walk stops at it.
                let owner = self.context.packages.package_name_for_import(
                    &path,
                    package_name,
                    specifier,
                    from_dir,
                );
                match owner {
                    Ok(_) => Some(Target::File(path)),
                    Err(error) => {
                        self.fail(file.display().to_string(), error.into());
                        None
                    }
                }
            }
            Err(_) => {
                let mut message = Message {
                    kind: MessageKind::Unresolved,
                    text: format!(
                        "lavamoat: unable to resolve \"{specifier}\" from \"{}\"",
                        file.display()
                    ),
                };
                // The usual cause: a relative import written as for `require`. Node fails
                // on it too, so the policy follows Node and says why.
                if kind == RequestKind::Import {
                    if let Ok(Resolved::File(found)) =
                        resolver.resolve(from_dir, specifier, Some(package_name))
                    {
                        // Broken under Node as well: worth the user's attention.
                        message.kind = MessageKind::Warning;
                        message.text.push_str(&format!(
                            ": an import names the file exactly (Node adds no extension nor index.js), \"{}\" would be found by require",
                            found.display()
                        ));
                    }
                }
                warnings.push(message);
                None
            }
        }
    }

    /// Packages the override grants to this package are walked too (from their `main`), so
    /// that code reached only dynamically still gets analysed.
    fn add_override_packages(
        &self,
        package_name: &str,
        import_map: &mut Vec<(String, Option<Target>)>,
        warnings: &mut Vec<Message>,
    ) {
        let Some(granted) = self
            .context
            .overrides
            .get("resources")
            .and_then(|resources| resources.get(package_name))
            .and_then(|resource| resource.get("packages"))
            .and_then(Value::as_object)
        else {
            return;
        };
        for name in granted.keys() {
            if name == ROOT_NAME || import_map.iter().any(|(request, _)| request == name) {
                continue;
            }
            match self.context.packages.package_dir(name).and_then(package_main) {
                Some(main) => import_map.push((name.clone(), Some(Target::File(main)))),
                None => warnings.push(Message::warning(format!(
                    "lavamoat could not find package's entry script for {name} as found in policy-override"
                ))),
            }
        }
    }
}

/// `<dir>/<main or index.js>`, as the reference computes it (no further resolution).
fn package_main(dir: &Path) -> Option<PathBuf> {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("package.json")).ok()?).ok()?;
    let main = manifest
        .get("main")
        .and_then(Value::as_str)
        .filter(|main| !main.is_empty())
        .unwrap_or("index.js");
    Some(normalize(&dir.join(main)))
}

/// Node's `path.extname`: from the last `.` of the file name, unless the name starts there.
fn node_extension(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.rfind('.') {
        Some(0) | None => String::new(),
        Some(dot) => name[dot..].to_string(),
    }
}

/// Depth first from the entry, children in import-map order, each specifier once.
/// Depth-first from each entry in turn; a module reached from an earlier entry keeps its place.
fn visit_order(modules: &HashMap<String, Loaded>, entries: &[String]) -> Vec<String> {
    let children = |specifier: &str| -> Vec<String> {
        match modules.get(specifier) {
            Some(Loaded::Module(record)) => record
                .import_map
                .iter()
                .filter_map(|(_, target)| target.as_ref().map(Target::id))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut order = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for entry in entries {
        if !seen.insert(entry.clone()) {
            continue;
        }
        order.push(entry.clone());
        let mut stack: Vec<(Vec<String>, usize)> = vec![(children(entry), 0)];
        while let Some((pending, next)) = stack.last_mut() {
            let Some(child) = pending.get(*next).cloned() else {
                stack.pop();
                continue;
            };
            *next += 1;
            if seen.insert(child.clone()) {
                let grandchildren = children(&child);
                order.push(child);
                stack.push((grandchildren, 0));
            }
        }
    }
    order
}
