//! Global aliases joined across modules (analyze/aliases.rs records each side per file).
//!
//! Deliberate difference from the reference: when a module reads the global object through
//! an export of another module of its own package (engine.io-client's
//! `globals_node_js_1.globalThisShim.setTimeout`, where globals.node.js does
//! `exports.globalThisShim = global`), it uses those globals as if it had read
//! `globalThis.setTimeout`. The reference grants nothing there, so the read finds nothing
//! on the package's compartment global.

use std::borrow::Cow;

use super::graph::{Graph, ModuleKind, ModuleRecord, Target};
use crate::analyze::{GlobalUse, ModuleFacts};

/// The module's facts, with what it uses through global aliases of its own package added to
/// its globals; borrowed when there is none.
pub fn with_alias_globals<'g>(
    graph: &'g Graph,
    record: &ModuleRecord,
    facts: &'g ModuleFacts,
) -> Cow<'g, ModuleFacts> {
    let mut joined: Option<ModuleFacts> = None;
    for alias in &facts.alias_uses {
        if !exports_global_alias(graph, record, &alias.request, &alias.export) {
            continue;
        }
        let joined = joined.get_or_insert_with(|| facts.clone());
        for (path, usage) in &alias.globals {
            if *usage == GlobalUse::Write || !joined.globals.contains_key(path) {
                joined.globals.insert(path.clone(), *usage);
            }
        }
        joined
            .presence_tests
            .extend(alias.presence_tests.iter().cloned());
    }
    let Some(mut joined) = joined else {
        return Cow::Borrowed(facts);
    };
    // The same reduction a module's own globals get (analyze/globals.rs `finish`).
    joined.globals = crate::analyze::reduce_to_topmost(joined.globals);
    let globals = &joined.globals;
    joined
        .presence_tests
        .retain(|name| !globals.contains_key(name));
    Cow::Owned(joined)
}

/// `request` of `record` resolved to a module of the same package that exports the global
/// object as `export`.
fn exports_global_alias(graph: &Graph, record: &ModuleRecord, request: &str, export: &str) -> bool {
    let exporter = record
        .import_map
        .iter()
        .find_map(|(specifier, target)| match target {
            Some(Target::File(path)) if specifier == request => {
                graph.record(&path.display().to_string())
            }
            _ => None,
        });
    match exporter {
        Some(exporter) if exporter.package_name == record.package_name => match &exporter.kind {
            ModuleKind::Js { facts, .. } => facts.global_aliases.contains(export),
            _ => false,
        },
        _ => false,
    }
}
