//! ECMAScript modules at run time: one module's source in, what the runtime's linker
//! (lib/modules/esm-linker.js) needs out. The linker loads, links and evaluates ES modules itself,
//! inside the package's compartment, so that `import` is policy-checked like `require` and
//! `require(esm)` can be synchronous.
//!
//! The module's body becomes a generator function, evaluated by the compartment like a
//! CommonJS module function:
//!
//! ```text
//! (function* ($lavamoat$imports, $lavamoat$export, $lavamoat$meta, $lavamoatImport) {'use strict';
//!   const $lavamoat$i0 = $lavamoat$imports[0];              // namespaces, one per request
//!   $lavamoat$export({ x: () => x, default: () => $lavamoat$default });
//!   yield;                                                  // instantiated
//!   ...the module's statements, import and export declarations removed...
//! })
//! ```
//!
//! The first step binds the exports (getters over the module's own bindings, so they are live
//! and keep their temporal dead zone) and hoists its function declarations, which a cycle may
//! call before the module runs; the second step runs the module. A module with top-level
//! `await` is an `async function*`. References to imported bindings read the exporter's
//! namespace (`$lavamoat$i0.x`), which is what makes them live. Only spans are edited, so line
//! numbers stay those of the file (all additions are on its first line).

use std::fmt::Write;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ExportDefaultDeclarationKind, ImportAttributeKey, ImportDeclarationSpecifier, ModuleExportName,
    Statement,
};
use oxc_ast::AstKind;
use oxc_parser::Parser;
use oxc_semantic::{AstNodes, NodeId, SemanticBuilder};
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::module_record::{
    ExportExportName, ExportImportName, ExportLocalName, ImportImportName, ModuleRecord,
};

mod commonjs;
#[cfg(test)]
mod tests;

pub use commonjs::{commonjs_exports, CommonJsExports};

const PREFIX: &str = "$lavamoat$";
/// Not `$lavamoat$import`: SES refuses any source where `import` is followed by `(`.
const DYNAMIC_IMPORT: &str = "$lavamoatImport";
const DEFAULT_LOCAL: &str = "$lavamoat$default";

/// One module request (`import ... from 'x'`, `export ... from 'x'`, `import 'x'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsmRequest {
    pub specifier: String,
    /// Names imported by name (`default` included), checked at link time.
    pub names: Vec<String>,
    /// `with { type: 'json' }`.
    pub is_json: bool,
}

/// Where an exported name comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportSource {
    /// A binding of the module itself.
    Local,
    /// `export { x as y } from 'r'` or an imported binding exported again: `name` of request
    /// `request`; `*` for `export * as ns from 'r'`.
    Request { request: usize, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsmExport {
    pub name: String,
    pub source: ExportSource,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsmModule {
    pub requests: Vec<EsmRequest>,
    pub exports: Vec<EsmExport>,
    /// Requests whose exports are re-exported with `export * from`.
    pub star_exports: Vec<usize>,
    pub has_top_level_await: bool,
    /// The generator function, as source text.
    pub functor: String,
}

/// The file is not a valid ES module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsmSyntaxError {
    pub message: String,
    pub offset: u32,
}

/// Whether a file whose format nothing declares is an ES module by its syntax (`import`,
/// `export`, `import.meta`), as Node 22+ detects it (src/autopolicy/format.rs decides alike).
pub fn has_module_syntax(source: &str) -> bool {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::unambiguous()).parse();
    !parsed.panicked && !parsed.diagnostics.has_errors() && parsed.program.source_type.is_module()
}

/// Transforms one ES module (see the module docs).
pub fn transform_esm(source: &str) -> Result<EsmModule, EsmSyntaxError> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::mjs()).parse();
    if let Some(error) = parsed.diagnostics.errors().next() {
        let offset = error
            .labels
            .iter()
            .find(|label| label.primary())
            .or_else(|| error.labels.first())
            .map_or(0, |label| label.offset() as u32);
        return Err(EsmSyntaxError {
            message: error.message.to_string(),
            offset,
        });
    }
    if parsed.panicked {
        return Err(EsmSyntaxError {
            message: "the module could not be parsed".to_string(),
            offset: 0,
        });
    }
    let program = &parsed.program;
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(program)
        .semantic;
    let nodes = semantic.nodes();
    let scoping = semantic.scoping();
    let record = &parsed.module_record;

    let mut requests: Vec<EsmRequest> = Vec::new();

    let mut edits = Edits::default();
    let mut exports: Vec<EsmExport> = Vec::new();
    let mut star_exports: Vec<usize> = Vec::new();
    // Local names exported, in order: (export name, local binding name).
    let mut local_getters: Vec<(String, String)> = Vec::new();
    let mut default_function_names: Vec<String> = Vec::new();

    // Statements first, in source order: requests are numbered as Node links them.
    for statement in &program.body {
        match statement {
            Statement::ImportDeclaration(declaration) => {
                let is_json = declaration.with_clause.as_ref().is_some_and(|clause| {
                    clause.with_entries.iter().any(|entry| {
                        let key = match &entry.key {
                            ImportAttributeKey::Identifier(id) => id.name.as_str(),
                            ImportAttributeKey::StringLiteral(literal) => literal.value.as_str(),
                        };
                        key == "type" && entry.value.value == "json"
                    })
                });
                let index =
                    request_index(&mut requests, declaration.source.value.as_str(), is_json);
                edits.remove_statement(source, declaration.span);
                for specifier in declaration.specifiers.iter().flatten() {
                    let (local, replacement) = match specifier {
                        ImportDeclarationSpecifier::ImportSpecifier(s) => {
                            let name = module_export_name(&s.imported);
                            push_unique(&mut requests[index].names, &name);
                            (&s.local, member(index, &name))
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                            push_unique(&mut requests[index].names, "default");
                            (&s.local, member(index, "default"))
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                            (&s.local, namespace(index))
                        }
                    };
                    let Some(symbol) = local.symbol_id.get() else {
                        continue;
                    };
                    for reference in scoping.get_resolved_reference_ids(symbol) {
                        let node = scoping.get_reference(*reference).node_id();
                        edits.replace_reference(nodes, node, &replacement);
                    }
                }
            }
            Statement::ExportDeclaration(declaration) => {
                edits.remove(Span::new(
                    declaration.span.start,
                    declaration.declaration.span().start,
                ));
            }
            Statement::ExportNamedDeclaration(declaration) => {
                edits.remove_statement(source, declaration.span);
            }
            Statement::ExportFromDeclaration(declaration) => {
                request_index(&mut requests, declaration.source.value.as_str(), false);
                edits.remove_statement(source, declaration.span);
            }
            Statement::ExportDefaultDeclaration(declaration) => {
                let prefix =
                    Span::new(declaration.span.start, declaration.declaration.span().start);
                match &declaration.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                        edits.remove(prefix);
                        if function.id.is_none() {
                            let at = function.params.span.start;
                            let space = if source[..at as usize].ends_with(char::is_whitespace) {
                                ""
                            } else {
                                " "
                            };
                            edits.insert(at, &format!("{space}{DEFAULT_LOCAL}"));
                            default_function_names.push(DEFAULT_LOCAL.to_string());
                        }
                    }
                    ExportDefaultDeclarationKind::ClassDeclaration(class) => {
                        edits.remove(prefix);
                        if class.id.is_none() {
                            // `class` is five bytes: the name goes right after the keyword.
                            edits.insert(class.span.start + 5, &format!(" {DEFAULT_LOCAL}"));
                        }
                    }
                    _ => edits.replace(prefix, &format!("const {DEFAULT_LOCAL} = ")),
                }
            }
            Statement::ExportAllDeclaration(declaration) => {
                request_index(&mut requests, declaration.source.value.as_str(), false);
                edits.remove_statement(source, declaration.span);
            }
            _ => {}
        }
    }

    for entry in &record.local_export_entries {
        let export_name = export_name_of(&entry.export_name);
        let local = match &entry.local_name {
            ExportLocalName::Name(name) => name.name.to_string(),
            ExportLocalName::Default(_) | ExportLocalName::Null => DEFAULT_LOCAL.to_string(),
        };
        // `export default function f() {}` and `export default class C {}` export `f`, `C`.
        let local = if export_name == "default" && local == DEFAULT_LOCAL {
            default_declaration_name(program).unwrap_or(local)
        } else {
            local
        };
        // `import * as ns from 'y'; export { ns }`: an imported binding, read where it lives.
        if let Some(import) = record
            .import_entries
            .iter()
            .find(|import| import.local_name.name == local.as_str())
        {
            let specifier = import.module_request.name.as_str();
            let request = request_index(&mut requests, specifier, false);
            exports.push(EsmExport {
                name: export_name,
                source: ExportSource::Request {
                    request,
                    name: imported_name_of(record, specifier, &local),
                },
            });
            continue;
        }
        exports.push(EsmExport {
            name: export_name.clone(),
            source: ExportSource::Local,
        });
        local_getters.push((export_name, local));
    }
    for entry in &record.indirect_export_entries {
        let export_name = export_name_of(&entry.export_name);
        let (specifier, name) = match (&entry.module_request, &entry.import_name) {
            (Some(request), ExportImportName::Name(name)) => (
                request.name.to_string(),
                imported_name_of(record, request.name.as_str(), name.name.as_str()),
            ),
            (Some(request), ExportImportName::All | ExportImportName::AllButDefault) => {
                (request.name.to_string(), "*".to_string())
            }
            _ => continue,
        };
        let index = request_index(&mut requests, &specifier, false);
        if name != "*" {
            push_unique(&mut requests[index].names, &name);
        }
        exports.push(EsmExport {
            name: export_name,
            source: ExportSource::Request {
                request: index,
                name,
            },
        });
    }
    for entry in &record.star_export_entries {
        if let Some(request) = &entry.module_request {
            let index = request_index(&mut requests, request.name.as_str(), false);
            if !star_exports.contains(&index) {
                star_exports.push(index);
            }
        }
    }

    let mut has_top_level_await = false;
    for node in nodes.iter() {
        match node.kind() {
            AstKind::ImportMeta(meta) => edits.replace(meta.span, &format!("{PREFIX}meta")),
            AstKind::ImportExpression(expression) => {
                // `import` is the first six bytes of the expression.
                edits.replace(
                    Span::new(expression.span.start, expression.span.start + 6),
                    DYNAMIC_IMPORT,
                );
            }
            AstKind::AwaitExpression(_) => {
                has_top_level_await |= is_top_level(nodes, node.id());
            }
            AstKind::ForOfStatement(statement) if statement.r#await => {
                has_top_level_await |= is_top_level(nodes, node.id());
            }
            _ => {}
        }
    }

    let functor = functor_source(
        source,
        &edits,
        requests.len(),
        &local_getters,
        &default_function_names,
        has_top_level_await,
    );
    Ok(EsmModule {
        requests,
        exports,
        star_exports,
        has_top_level_await,
        functor,
    })
}

/// The index of `specifier` among the requests, added when new.
fn request_index(requests: &mut Vec<EsmRequest>, specifier: &str, is_json: bool) -> usize {
    if let Some(index) = requests.iter().position(|r| r.specifier == specifier) {
        requests[index].is_json |= is_json;
        return index;
    }
    requests.push(EsmRequest {
        specifier: specifier.to_string(),
        names: Vec::new(),
        is_json,
    });
    requests.len() - 1
}

/// What `export { x }` of an imported binding `x` exports: oxc names a default or namespace
/// import by its local name there.
fn imported_name_of(record: &ModuleRecord<'_>, specifier: &str, name: &str) -> String {
    let import = record
        .import_entries
        .iter()
        .find(|import| import.module_request.name == specifier && import.local_name.name == name);
    match import.map(|import| &import.import_name) {
        Some(ImportImportName::Default(_)) => "default".to_string(),
        Some(ImportImportName::NamespaceObject) => "*".to_string(),
        Some(ImportImportName::Name(imported)) => imported.name.to_string(),
        None => name.to_string(),
    }
}

fn push_unique(names: &mut Vec<String>, name: &str) {
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
}

fn module_export_name(name: &ModuleExportName<'_>) -> String {
    match name {
        ModuleExportName::IdentifierName(id) => id.name.to_string(),
        ModuleExportName::IdentifierReference(id) => id.name.to_string(),
        ModuleExportName::StringLiteral(literal) => literal.value.to_string(),
    }
}

fn export_name_of(name: &ExportExportName<'_>) -> String {
    match name {
        ExportExportName::Name(name) => name.name.to_string(),
        ExportExportName::Default(_) | ExportExportName::Null => "default".to_string(),
    }
}

/// The name of `export default function f` / `export default class C`, if it has one.
fn default_declaration_name(program: &oxc_ast::ast::Program<'_>) -> Option<String> {
    program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(declaration) => match &declaration.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                f.id.as_ref().map(|id| id.name.to_string())
            }
            ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                c.id.as_ref().map(|id| id.name.to_string())
            }
            _ => None,
        },
        _ => None,
    })
}

fn namespace(request: usize) -> String {
    format!("{PREFIX}i{request}")
}

/// A member read on a namespace; names that are not identifiers are quoted.
fn member(request: usize, name: &str) -> String {
    let is_identifier = !name.is_empty()
        && name.chars().enumerate().all(|(i, c)| {
            c == '$' || c == '_' || c.is_alphabetic() || (i > 0 && c.is_alphanumeric())
        });
    if is_identifier {
        format!("{}.{name}", namespace(request))
    } else {
        format!("{}[{}]", namespace(request), json_string(name))
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// Whether `node` runs when the module body runs, not inside a function.
fn is_top_level(nodes: &AstNodes<'_>, node: NodeId) -> bool {
    !nodes.ancestor_kinds(node).any(|kind| {
        matches!(
            kind,
            AstKind::Function(_) | AstKind::ArrowFunctionExpression(_) | AstKind::StaticBlock(_)
        ) || matches!(kind, AstKind::PropertyDefinition(_))
    })
}

/// Whether the expression statement around `node` starts where `span` does.
fn starts_statement(nodes: &AstNodes<'_>, node: NodeId, span: Span) -> bool {
    for kind in nodes.ancestor_kinds(node) {
        match kind {
            AstKind::ExpressionStatement(statement) => return statement.span.start == span.start,
            kind if kind.span().start != span.start => return false,
            _ => {}
        }
    }
    false
}

/// Span edits on the source, applied in order; an edit inside a removed span is dropped.
#[derive(Default)]
struct Edits {
    /// (start, end, replacement)
    list: Vec<(u32, u32, String)>,
}

impl Edits {
    fn replace(&mut self, span: Span, text: &str) {
        self.list.push((span.start, span.end, text.to_string()));
    }

    fn insert(&mut self, at: u32, text: &str) {
        self.list.push((at, at, text.to_string()));
    }

    fn remove(&mut self, span: Span) {
        self.replace(span, "");
    }

    /// Removes a whole statement but keeps its line breaks, so later lines keep their numbers.
    fn remove_statement(&mut self, source: &str, span: Span) {
        let text = &source[span.start as usize..span.end as usize];
        let breaks: String = text.chars().filter(|c| *c == '\n').collect();
        self.replace(span, &breaks);
    }

    /// Replaces an identifier reference by `replacement`, keeping what it meant where it is.
    fn replace_reference(&mut self, nodes: &AstNodes<'_>, node: NodeId, replacement: &str) {
        let AstKind::IdentifierReference(identifier) = nodes.kind(node) else {
            return;
        };
        let span = identifier.span;
        // `f()` must not call `f` as a method of the namespace: `(0, ns.f)()`. A statement that
        // now starts with `(` would continue the previous line when it has no semicolon, so it
        // starts with `0, ` instead: a `;` there would end the body of an `if`, `else` or loop
        // without braces and run the call unconditionally (rolldown's `if (guard) onExit(...)`).
        let unbound = || {
            let guard = if starts_statement(nodes, node, span) {
                "0, "
            } else {
                ""
            };
            format!("{guard}(0, {replacement})")
        };
        let text = match nodes.parent_kind(node) {
            AstKind::CallExpression(call) if call.callee.span() == span => unbound(),
            AstKind::TaggedTemplateExpression(tagged) if tagged.tag.span() == span => unbound(),
            AstKind::ObjectProperty(property) if property.shorthand => {
                format!("{}: {replacement}", identifier.name)
            }
            // `export { x }` statements are removed whole: their exports come from the record.
            AstKind::ExportSpecifier(_) => return,
            _ => replacement.to_string(),
        };
        self.replace(span, &text);
    }

    fn apply(&self, source: &str) -> String {
        let mut list: Vec<&(u32, u32, String)> = self.list.iter().collect();
        // Removals of a whole statement come before the edits inside it.
        list.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = String::with_capacity(source.len() + 256);
        let mut at = 0u32;
        for (start, end, text) in list {
            if *start < at {
                continue;
            }
            out.push_str(&source[at as usize..*start as usize]);
            out.push_str(text);
            at = *end;
        }
        out.push_str(&source[at as usize..]);
        out
    }
}

fn functor_source(
    source: &str,
    edits: &Edits,
    request_count: usize,
    local_getters: &[(String, String)],
    default_function_names: &[String],
    is_async: bool,
) -> String {
    let mut head = String::new();
    let star = if is_async {
        "async function*"
    } else {
        "function*"
    };
    let _ = write!(
        head,
        "({star} ({PREFIX}imports, {PREFIX}export, {PREFIX}meta, {DYNAMIC_IMPORT}) {{'use strict';"
    );
    for index in 0..request_count {
        let _ = write!(
            head,
            "const {} = {PREFIX}imports[{index}];",
            namespace(index)
        );
    }
    let getters: Vec<String> = local_getters
        .iter()
        .map(|(export, local)| format!("{}: () => {local}", json_string(export)))
        .collect();
    let _ = write!(head, "{PREFIX}export({{{}}});", getters.join(", "));
    for name in default_function_names {
        // An anonymous default function is named `default`, as Node names it.
        let _ = write!(
            head,
            "Reflect.defineProperty({name}, 'name', {{ value: 'default', configurable: true }});"
        );
    }
    head.push_str("yield;");
    let body = edits.apply(source);
    // A hashbang is a comment only at the very start of a file.
    let body = match body.strip_prefix("#!") {
        Some(rest) => format!("//{rest}"),
        None => body,
    };
    format!("{head}{body}\n}})")
}
