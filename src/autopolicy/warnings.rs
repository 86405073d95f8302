//! Warning texts, in the order the reference prints them (spec §6).

use serde_json::Value;

use super::graph::{Graph, Loaded, Message, MessageKind, ModuleKind};
use crate::analyze::{code_frame_at, LineIndex, ModuleFacts, ParseError};
use crate::packages::ROOT_NAME;

/// What `--autopolicy` prints: the messages that may need action, in the reference's order;
/// the ones that need none (`notes`), printed with `--debugMode`, and the one line that
/// counts them otherwise.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
    pub notes_summary: Option<String>,
}

/// Per visited module: its load messages, then its compatibility findings.
pub fn module_report<'g>(graph: &'g Graph) -> Report {
    let mut report = Report::default();
    let mut folded: Vec<(&'g str, MessageKind)> = Vec::new();
    let mut add = |package: &'g str, message: Message| match message.kind {
        MessageKind::Warning => report.warnings.push(message.text),
        kind => {
            folded.push((package, kind));
            report.notes.push(message.text);
        }
    };
    for specifier in &graph.order {
        match graph.modules.get(specifier) {
            Some(Loaded::Unreadable { warning }) => add("", Message::warning(warning.clone())),
            Some(Loaded::Module(record)) => {
                for message in &record.load_warnings {
                    add(&record.package_name, message.clone());
                }
                if let ModuleKind::Js {
                    compat_warning: Some(message),
                    ..
                } = &record.kind
                {
                    add(&record.package_name, message.clone());
                }
            }
            None => {}
        }
    }
    report.notes_summary = notes_summary(&folded);
    report
}

/// One line for the messages that need no action: how many of each kind, and where.
fn notes_summary(folded: &[(&str, MessageKind)]) -> Option<String> {
    if folded.is_empty() {
        return None;
    }
    let part = |kind: MessageKind, what: &str| {
        let mut packages: Vec<&str> = Vec::new();
        let mut count = 0;
        for (package, _) in folded.iter().filter(|(_, k)| *k == kind) {
            count += 1;
            if !packages.contains(package) {
                packages.push(package);
            }
        }
        (count > 0).then(|| format!("{count} {what} ({})", packages.join(", ")))
    };
    let parts: Vec<String> = [
        part(
            MessageKind::DynamicLoad,
            "module(s) with requests analysis cannot follow",
        ),
        part(
            MessageKind::Unresolved,
            "request(s) of modules not installed",
        ),
        part(MessageKind::Note, "note(s) on what analysis read instead"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(format!(
        "lavamoat: nothing to do about {}: a module they load at run time that the policy lacks is refused with the override line that allows it (--debugMode prints each)",
        parts.join(", ")
    ))
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
) -> Option<Message> {
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
        return Some(Message::note(format!(
            "lavamoat: note: {} in \"{}\", answered by resources[\"{}\"].packages in the override",
            counts.join(" and "),
            specifier,
            package_name
        )));
    }
    let mut lines = vec![format!(
        "lavamoat: potentially incompatible code in package \"{}\" file \"{}\":",
        package_name, specifier
    )];
    lines.extend(compat_frames(specifier, content, facts));
    // Dynamic loads alone run under lockdown; what they load is asked for at run time.
    let kind = if only_dynamic_loads {
        MessageKind::DynamicLoad
    } else {
        MessageKind::Warning
    };
    Some(Message {
        kind,
        text: lines.join("\n"),
    })
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
        "lavamoat: skipping {}:{}:{}: it does not parse ({}), so nothing it uses gets into the policy\n{}",
        error.file.display(),
        error.location.line,
        error.location.column + 1,
        error.message,
        code_frame_at(content, error.offset, &error.message)
    )
}
