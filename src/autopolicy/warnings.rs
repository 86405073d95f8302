//! Warning texts, in the order the reference prints them (spec §6).

use serde_json::Value;

use super::graph::{Graph, Loaded, ModuleKind};
use crate::analyze::{code_frame_at, LineIndex, ModuleFacts, ParseError};
use crate::packages::ROOT_NAME;

/// Per visited module: its load warnings, then its compatibility findings (none when they
/// are going to the debug file instead).
pub fn module_warnings(graph: &Graph) -> Vec<String> {
    let mut warnings = Vec::new();
    for specifier in &graph.order {
        match graph.modules.get(specifier) {
            Some(Loaded::Unreadable { warning }) => warnings.push(warning.clone()),
            Some(Loaded::Module(record)) => {
                warnings.extend(record.load_warnings.iter().cloned());
                if let ModuleKind::Js {
                    compat_warning: Some(warning),
                    ..
                } = &record.kind
                {
                    warnings.push(warning.clone());
                }
            }
            None => {}
        }
    }
    warnings
}

/// The compatibility warning of the module `specifier` of `package_name`, if its findings
/// call for one. The walk writes it as it loads the module (walk.rs), while the source is
/// at hand.
pub fn compat_warning(
    specifier: &str,
    package_name: &str,
    content: &str,
    facts: &ModuleFacts,
    overrides: &Value,
) -> Option<String> {
    if package_name == ROOT_NAME || !facts.has_compat_findings() {
        return None;
    }
    let only_dynamic_loads =
        facts.primordial_mutations.is_empty() && facts.strict_mode_violations.is_empty();
    if only_dynamic_loads && override_grants_packages(overrides, package_name) {
        // What a dynamic require or import loads cannot be known statically: the user
        // answered that in the override, so the full warning would only repeat a settled
        // question.
        let mut counts = Vec::new();
        if !facts.dynamic_requires.is_empty() {
            counts.push(format!(
                "{} dynamic require(s)",
                facts.dynamic_requires.len()
            ));
        }
        if !facts.computed_imports.is_empty() {
            counts.push(format!(
                "{} dynamic import(s)",
                facts.computed_imports.len()
            ));
        }
        return Some(format!(
            "LavaMoat note: {} in \"{}\", answered by resources[\"{}\"].packages in the override",
            counts.join(" and "),
            specifier,
            package_name
        ));
    }
    let mut lines = vec![format!(
        "⚠️  Potentially Incompatible code detected in package \"{}\" file \"{}\":",
        package_name, specifier
    )];
    lines.extend(compat_frames(specifier, content, facts));
    Some(lines.join("\n"))
}

/// Whether the override lists packages for `package` (any, granted or refused).
fn override_grants_packages(overrides: &Value, package: &str) -> bool {
    overrides
        .pointer("/resources")
        .and_then(|resources| resources.get(package))
        .and_then(|resource| resource.get("packages"))
        .and_then(Value::as_object)
        .is_some_and(|packages| !packages.is_empty())
}

/// Per finding (primordial mutations, dynamic requires, dynamic imports, strict mode), in
/// that order: its
/// `file:line:column` (what editors and terminals link to) and the reference's code frame.
fn compat_frames(file: &str, content: &str, facts: &ModuleFacts) -> Vec<String> {
    let index = LineIndex::new(content);
    let locate = |offset: u32| {
        let at = index.location(offset);
        format!("  at {file}:{}:{}", at.line, at.column + 1)
    };
    let mutations = facts.primordial_mutations.iter().map(|span| {
        format!(
            "{}\n{}",
            locate(span.start),
            index.code_frame(*span, "primordial mutation")
        )
    });
    let (locate, index) = (&locate, &index);
    let dynamic = |label: &'static str| {
        move |span: &oxc_span::Span| {
            format!("{}\n{}", locate(span.start), index.code_frame(*span, label))
        }
    };
    let requires = facts
        .dynamic_requires
        .iter()
        .map(dynamic("dynamic require"));
    let imports = facts.computed_imports.iter().map(dynamic("dynamic import"));
    let violations = facts.strict_mode_violations.iter().map(|violation| {
        let message = format!("strict mode violation: {}", violation.message);
        format!(
            "{}\n{}",
            locate(violation.offset),
            index.code_frame_at(violation.offset, &message)
        )
    });
    mutations
        .chain(requires)
        .chain(imports)
        .chain(violations)
        .collect()
}

/// Ours (the reference aborts instead): the file is skipped, the walk goes on.
pub fn parse_error_warning(content: &str, error: &ParseError) -> String {
    format!(
        "lavamoat - skipping {}:{}:{}: it does not parse ({}), so nothing it uses gets into the policy\n{}",
        error.file.display(),
        error.location.line,
        error.location.column + 1,
        error.message,
        code_frame_at(content, error.offset, &error.message)
    )
}
