//! `debugInfo` of policy-debug.json (spec policy.md §7): per JS/JSON module its record and
//! what the analysis found.

use serde_json::{json, Map, Value};

use super::aliases::with_alias_globals;
use super::assemble::{analysed_facts, module_builtins};
use super::graph::{Graph, ModuleKind, ModuleRecord};
use super::AutopolicyOptions;
use crate::analyze::{GlobalUse, LineIndex, ModuleFacts};
use oxc_span::Span;

pub fn debug_info(graph: &Graph) -> Map<String, Value> {
    graph
        .records()
        .filter_map(|record| {
            module_debug(graph, record).map(|debug| (record.specifier.clone(), debug))
        })
        .collect()
}

/// The debug file's `learned`: under `packages`, for each package, the packages a learning run
/// granted it, each with every request that asked for it and the module that made it; under
/// `globals`, for each package, the globals it created; under `compiled`, for each package,
/// the builtins and globals granted it for code compiled with vm, each with the files that
/// code came from.
pub fn learned_info(options: &AutopolicyOptions) -> Value {
    let mut packages = Map::new();
    for edge in &options.learned {
        let targets = packages
            .entry(edge.package.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(targets) = targets {
            let requests = targets
                .entry(edge.target.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(requests) = requests {
                requests.push(json!({ "request": edge.request, "file": edge.file }));
            }
        }
    }
    let mut globals = Map::new();
    for global in &options.learned_globals {
        let names = globals
            .entry(global.package.clone())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(names) = names {
            names.push(Value::String(global.name.clone()));
        }
    }
    let mut compiled = Map::new();
    for learned in &options.learned_uses {
        let sections = compiled
            .entry(learned.package.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        let keys = match sections {
            Value::Object(sections) => sections
                .entry(learned.section.clone())
                .or_insert_with(|| Value::Object(Map::new())),
            _ => continue,
        };
        if let Value::Object(keys) = keys {
            let files = keys
                .entry(learned.key.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(files) = files {
                files.push(Value::String(learned.file.clone()));
            }
        }
    }
    json!({ "packages": packages, "globals": globals, "compiled": compiled })
}

fn module_debug(graph: &Graph, record: &ModuleRecord) -> Option<Value> {
    // Sources are kept when debug info is asked for, which is when this runs.
    let (content, facts) = match &record.kind {
        ModuleKind::Js { content, facts, .. } => (content.as_deref().unwrap_or(""), Some(facts)),
        ModuleKind::Json { content } => (content.as_deref().unwrap_or(""), None),
        ModuleKind::Builtin | ModuleKind::Native => return None,
    };
    let import_map: Map<String, Value> = record
        .import_map
        .iter()
        .map(|(request, target)| {
            (
                request.clone(),
                target
                    .as_ref()
                    .map_or(Value::Null, |t| Value::String(t.id())),
            )
        })
        .collect();
    let mut debug = Map::new();
    debug.insert(
        "moduleRecord".to_string(),
        json!({
            "content": content,
            "file": record.specifier,
            "importMap": import_map,
            "isRoot": record.is_root(),
            "packageName": record.package_name,
            "specifier": record.specifier,
            "type": "js",
        }),
    );
    if let Some(error) = facts.and_then(|f| f.parse_error.as_ref()) {
        let loc = json!({ "line": error.location.line, "column": error.location.column });
        debug.insert(
            "parseErrors".to_string(),
            json!([{ "message": error.message, "loc": loc, "pos": error.offset }]),
        );
    }
    if let Some(facts) = analysed_facts(record) {
        let facts = &*with_alias_globals(graph, record, facts);
        if !facts.globals.is_empty() || !facts.presence_tests.is_empty() {
            // A presence test reads X, whether or not the package is granted all of it.
            let guards = facts
                .presence_tests
                .iter()
                .map(|name| (name, GlobalUse::Read));
            let globals: Map<String, Value> = facts
                .globals
                .iter()
                .map(|(path, usage)| (path, *usage))
                .chain(guards)
                .map(|(path, usage)| (path.clone(), Value::String(usage.as_str().to_string())))
                .collect();
            debug.insert("globals".to_string(), Value::Object(globals));
        }
        let builtins = module_builtins(record);
        if !builtins.is_empty() {
            debug.insert("builtin".to_string(), json!(builtins));
        }
        if facts.has_compat_findings() {
            debug.insert("sesCompat".to_string(), ses_compat(content, facts));
        }
        // Ours: why the package gets `env: "unfrozen"` (assemble.rs); only when there are some.
        if !facts.intrinsic_writes.is_empty() {
            let locations = Locations::new(content);
            let writes: Vec<Value> = facts
                .intrinsic_writes
                .iter()
                .map(|span| locations.node(span))
                .collect();
            debug.insert("intrinsicWrites".to_string(), Value::Array(writes));
        }
    }
    Some(Value::Object(debug))
}

/// Babel-style locations (`{ node: { loc } }`) in one module's source.
struct Locations<'s> {
    index: LineIndex<'s>,
}

impl<'s> Locations<'s> {
    fn new(content: &'s str) -> Self {
        Self {
            index: LineIndex::new(content),
        }
    }

    fn position(&self, offset: u32) -> Value {
        let at = self.index.location(offset);
        json!({ "line": at.line, "column": at.column, "index": self.index.utf16_offset(offset) })
    }

    fn node(&self, span: &Span) -> Value {
        json!({ "node": { "loc": { "start": self.position(span.start), "end": self.position(span.end) } } })
    }
}

/// Findings located as Babel does; strict-mode violations are a position and Babel's message.
fn ses_compat(content: &str, facts: &ModuleFacts) -> Value {
    let locations = Locations::new(content);
    let node = |span: &Span| locations.node(span);
    let violations: Vec<Value> = facts
        .strict_mode_violations
        .iter()
        .map(|v| json!({ "loc": { "start": locations.position(v.offset) }, "message": v.message }))
        .collect();
    let mut compat = json!({
        "primordialMutations": facts.primordial_mutations.iter().map(node).collect::<Vec<_>>(),
        "strictModeViolations": violations,
        "dynamicRequires": facts.dynamic_requires.iter().map(node).collect::<Vec<_>>(),
    });
    // Ours (the reference has no ESM): only present when there are some.
    if !facts.computed_imports.is_empty() {
        compat["dynamicImports"] =
            json!(facts.computed_imports.iter().map(node).collect::<Vec<_>>());
    }
    compat
}
