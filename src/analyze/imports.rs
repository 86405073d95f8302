//! ECMAScript module edges: static `import` / `export ... from`, `import("literal")`, and the
//! member paths used on what an import binds (the ESM side of requires.rs).

use oxc_ast::ast::{
    ImportDeclaration, ImportDeclarationSpecifier, ImportExpression, ModuleExportName, Program,
    Statement, StringLiteral,
};
use oxc_ast::AstKind;
use oxc_semantic::{NodeId, Semantic, SymbolId};
use oxc_span::Span;

use super::chain::member_chain;
use super::requires::{readers, value_uses};
use super::specifier::constant_string;
use super::{BuiltinUse, Request};

#[derive(Default)]
pub struct ImportCollector {
    imports: Vec<Request>,
    dynamic: Vec<Request>,
    computed: Vec<Span>,
    uses: Vec<BuiltinUse>,
}

/// What an import collector found, each list in source order.
pub struct ModuleImports {
    pub imports: Vec<Request>,
    pub dynamic_imports: Vec<Request>,
    pub computed_imports: Vec<Span>,
    pub uses: Vec<BuiltinUse>,
}

impl ImportCollector {
    /// The node kinds `visit` looks at; the module's pass over its nodes (mod.rs) calls it for
    /// these only, which saves a call per node of every other kind.
    pub fn looks_at(kind: &AstKind<'_>) -> bool {
        matches!(
            kind,
            AstKind::ImportDeclaration(_)
                | AstKind::ExportFromDeclaration(_)
                | AstKind::ExportAllDeclaration(_)
                | AstKind::ImportExpression(_)
        )
    }

    pub fn visit(&mut self, semantic: &Semantic<'_>, node: NodeId) {
        match semantic.nodes().kind(node) {
            // TypeScript: `import type` and `export type ... from` are stripped, as Node does.
            AstKind::ImportDeclaration(declaration) if !declaration.import_kind.is_type() => {
                self.import(semantic, declaration)
            }
            AstKind::ExportFromDeclaration(declaration) if !declaration.export_kind.is_type() => {
                let request = add_once(&mut self.imports, &declaration.source);
                for specifier in &declaration.specifiers {
                    // `export { default as x } from "fs"` re-exports the module object.
                    let members = match export_name(&specifier.local) {
                        "default" => Vec::new(),
                        name => vec![name.to_string()],
                    };
                    self.push_use(&request, members);
                }
            }
            // `export * from "fs"` and `export * as ns from "fs"` hand on the whole module.
            AstKind::ExportAllDeclaration(declaration) => {
                let request = add_once(&mut self.imports, &declaration.source);
                self.push_use(&request, Vec::new());
            }
            AstKind::ImportExpression(expression) => {
                self.dynamic_import(semantic, node, expression)
            }
            _ => {}
        }
    }

    fn import(&mut self, semantic: &Semantic<'_>, declaration: &ImportDeclaration<'_>) {
        let request = add_once(&mut self.imports, &declaration.source);
        let specifiers = declaration.specifiers.as_ref().filter(|s| !s.is_empty());
        // `import "fs"` runs the module for its effects: like a bare `require("fs")`.
        let Some(specifiers) = specifiers else {
            self.push_use(&request, Vec::new());
            return;
        };
        for specifier in specifiers {
            let (local, base, namespace) = match specifier {
                // `import { type T, x }`: only `x` is imported once types are stripped.
                ImportDeclarationSpecifier::ImportSpecifier(named)
                    if named.import_kind.is_type() =>
                {
                    continue;
                }
                ImportDeclarationSpecifier::ImportSpecifier(named) => {
                    let imported = export_name(&named.imported);
                    let members = match imported {
                        "default" => Vec::new(),
                        name => vec![name.to_string()],
                    };
                    (named.local.symbol_id.get(), members, false)
                }
                ImportDeclarationSpecifier::ImportDefaultSpecifier(default) => {
                    (default.local.symbol_id.get(), Vec::new(), false)
                }
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(namespace) => {
                    (namespace.local.symbol_id.get(), Vec::new(), true)
                }
            };
            self.binding_uses(semantic, &request, local, base, namespace);
        }
    }

    /// Each read of the binding adds its member chain to `base`, as a `require` assigned to
    /// a variable does; an unread binding uses `base` as a whole.
    fn binding_uses(
        &mut self,
        semantic: &Semantic<'_>,
        request: &str,
        symbol: Option<SymbolId>,
        base: Vec<String>,
        namespace: bool,
    ) {
        let readers = symbol
            .map(|symbol| readers(semantic, symbol))
            .unwrap_or_default();
        if readers.is_empty() {
            self.push_use(request, base);
            return;
        }
        for reader in readers {
            let mut members = member_chain(semantic.nodes(), reader).members;
            if namespace {
                members = without_default(members);
            }
            let mut path = base.clone();
            path.extend(members);
            self.push_use(request, path);
        }
    }

    /// `import("x")` (a string or a template without substitutions) is an edge. Members used
    /// on `await import("x")` are paths as on a namespace import; otherwise the namespace
    /// arrives through a promise (`.then(...)`) and is used whole.
    fn dynamic_import(
        &mut self,
        semantic: &Semantic<'_>,
        node: NodeId,
        expression: &ImportExpression<'_>,
    ) {
        let Some(specifier) = constant_string(&expression.source) else {
            return self.computed.push(expression.span);
        };
        let specifier = specifier.as_str();
        if !self.dynamic.iter().any(|r| r.specifier == specifier) {
            self.dynamic.push(Request {
                specifier: specifier.to_string(),
                span: expression.span,
            });
        }
        let nodes = semantic.nodes();
        let awaited = nodes.parent_id(node);
        let AstKind::AwaitExpression(_) = nodes.kind(awaited) else {
            self.push_use(specifier, Vec::new());
            return;
        };
        for members in value_uses(semantic, awaited) {
            self.push_use(specifier, without_default(members));
        }
    }

    fn push_use(&mut self, request: &str, members: Vec<String>) {
        self.uses.push(BuiltinUse {
            request: request.to_string(),
            members,
        });
    }

    pub fn finish(self) -> ModuleImports {
        ModuleImports {
            imports: self.imports,
            dynamic_imports: self.dynamic,
            computed_imports: self.computed,
            uses: self.uses,
        }
    }
}

/// Local names of `createRequire` imported from `module` / `node:module` (imports are hoisted:
/// known before any code of the module is looked at).
pub fn create_require_imports(program: &Program<'_>) -> Vec<SymbolId> {
    let mut found = Vec::new();
    for statement in &program.body {
        let Statement::ImportDeclaration(declaration) = statement else {
            continue;
        };
        // TypeScript's `import type` binds no value.
        if !matches!(declaration.source.value.as_str(), "module" | "node:module")
            || declaration.import_kind.is_type()
        {
            continue;
        }
        for specifier in declaration.specifiers.iter().flatten() {
            if let ImportDeclarationSpecifier::ImportSpecifier(named) = specifier {
                if export_name(&named.imported) == "createRequire" && !named.import_kind.is_type() {
                    found.extend(named.local.symbol_id.get());
                }
            }
        }
    }
    found
}

/// Members used on a namespace: its `default` is the builtin's module object itself.
fn without_default(mut members: Vec<String>) -> Vec<String> {
    if members.first().is_some_and(|m| m == "default") {
        members.remove(0);
    }
    members
}

/// Adds the request unless already listed; returns its specifier.
fn add_once(requests: &mut Vec<Request>, source: &StringLiteral<'_>) -> String {
    let specifier = source.value.as_str();
    if !requests.iter().any(|r| r.specifier == specifier) {
        requests.push(Request {
            specifier: specifier.to_string(),
            span: source.span,
        });
    }
    specifier.to_string()
}

fn export_name<'n>(name: &'n ModuleExportName<'_>) -> &'n str {
    match name {
        ModuleExportName::IdentifierName(identifier) => identifier.name.as_str(),
        ModuleExportName::IdentifierReference(identifier) => identifier.name.as_str(),
        ModuleExportName::StringLiteral(literal) => literal.value.as_str(),
    }
}
