//! Global aliases (ours; the reference has none): a module that exports the global object
//! under a name (`exports.globalThisShim = global`, engine.io-client), and what other
//! modules read through that name (`require("./globals.node.js").globalThisShim.setTimeout`).
//!
//! Each file is analysed alone, so both sides are facts of their own file: the exporter
//! records the names it exports the global object under, the reader records, per relative
//! request and export name, the global paths its uses would be if that export were the global
//! object. autopolicy/aliases.rs joins the two once the graph is resolved.

use std::collections::{BTreeMap, BTreeSet};

use oxc_ast::ast::{
    ArrowFunctionBody, AssignmentExpression, AssignmentTarget, BindingPattern, CallExpression,
    Declaration, Expression, IdentifierReference, ImportDeclarationSpecifier, ModuleExportName,
    Statement,
};
use oxc_ast::AstKind;
use oxc_semantic::{AstNode, NodeId, Semantic, SymbolId};
use oxc_span::GetSpan;
use oxc_syntax::operator::{AssignmentOperator, BinaryOperator, LogicalOperator, UnaryOperator};

use super::globals::GlobalCollector;
use super::requires::readers;
use super::AliasUse;
use super::{is_free, GLOBAL_OBJECT_NAMES};

pub struct AliasCollector {
    is_esm: bool,
    exported: BTreeSet<String>,
    /// (request, export name) → what is used through it, as globals.
    uses: BTreeMap<(String, String), GlobalCollector>,
}

/// What an alias collector found.
pub struct ModuleAliases {
    pub exported: BTreeSet<String>,
    pub uses: Vec<AliasUse>,
}

impl AliasCollector {
    pub fn new(is_esm: bool) -> Self {
        Self {
            is_esm,
            exported: BTreeSet::new(),
            uses: BTreeMap::new(),
        }
    }

    /// `node` is a free identifier: `exports.N = <global object>` or
    /// `module.exports.N = <global object>` in CommonJS.
    pub fn visit_free_identifier(&mut self, semantic: &Semantic<'_>, node: NodeId, name: &str) {
        if self.is_esm {
            return;
        }
        let nodes = semantic.nodes();
        let mut object = node;
        if name == "module" {
            match nodes.parent_kind(node) {
                AstKind::StaticMemberExpression(member)
                    if member.property.name == "exports"
                        && member.object.span() == nodes.kind(node).span() =>
                {
                    object = nodes.parent_id(node);
                }
                _ => return,
            }
        } else if name != "exports" {
            return;
        }
        let member_id = nodes.parent_id(object);
        let AstKind::StaticMemberExpression(member) = nodes.kind(member_id) else {
            return;
        };
        if member.object.span() != nodes.kind(object).span() {
            return;
        }
        let AstKind::AssignmentExpression(assignment) = nodes.parent_kind(member_id) else {
            return;
        };
        if assignment.operator == AssignmentOperator::Assign
            && assignment.left.span() == member.span
            && is_global_object(semantic, &assignment.right)
        {
            self.exported.insert(member.property.name.to_string());
        }
    }

    /// Module syntax: `export const N = <global object>` exports an alias; `import { N as G }`
    /// and `import * as ns` from a relative request read through one.
    /// The node kinds `visit` looks at; the module's pass over its nodes (mod.rs) calls it for
    /// these only, which saves a call per node of every other kind.
    pub fn looks_at(kind: &AstKind<'_>) -> bool {
        matches!(
            kind,
            AstKind::ExportDeclaration(_) | AstKind::ImportDeclaration(_)
        )
    }

    pub fn visit(&mut self, semantic: &Semantic<'_>, node: NodeId) {
        match semantic.nodes().kind(node) {
            AstKind::ExportDeclaration(export) => {
                let Declaration::VariableDeclaration(declaration) = &export.declaration else {
                    return;
                };
                for declarator in &declaration.declarations {
                    if let (BindingPattern::BindingIdentifier(name), Some(init)) =
                        (&declarator.id, &declarator.init)
                    {
                        if is_global_object(semantic, init) {
                            self.exported.insert(name.name.to_string());
                        }
                    }
                }
            }
            AstKind::ImportDeclaration(declaration) => {
                let request = declaration.source.value.as_str();
                if !is_relative(request) {
                    return;
                }
                for specifier in declaration.specifiers.iter().flatten() {
                    match specifier {
                        ImportDeclarationSpecifier::ImportSpecifier(named) => {
                            let export = match &named.imported {
                                ModuleExportName::IdentifierName(name) => name.name.as_str(),
                                ModuleExportName::IdentifierReference(name) => name.name.as_str(),
                                ModuleExportName::StringLiteral(name) => name.value.as_str(),
                            };
                            for reader in symbol_readers(semantic, named.local.symbol_id.get()) {
                                self.use_through(semantic, request, export, reader);
                            }
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(namespace) => {
                            self.module_object_uses(
                                semantic,
                                request,
                                namespace.local.symbol_id.get(),
                            );
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// `call` is `require("<request>")`: when it initialises a variable (`const X =
    /// require("./m")`), each `X.N...` may read the global object through export `N`.
    pub fn visit_require(&mut self, semantic: &Semantic<'_>, call: NodeId, request: &str) {
        if !is_relative(request) {
            return;
        }
        let nodes = semantic.nodes();
        let AstKind::VariableDeclarator(declarator) = nodes.parent_kind(call) else {
            return;
        };
        let is_init = declarator
            .init
            .as_ref()
            .is_some_and(|init| init.span() == nodes.kind(call).span());
        if let (true, BindingPattern::BindingIdentifier(binding)) = (is_init, &declarator.id) {
            self.module_object_uses(semantic, request, binding.symbol_id.get());
        }
    }

    /// Each `X.N` on the module object `X` stands for export `N`.
    fn module_object_uses(
        &mut self,
        semantic: &Semantic<'_>,
        request: &str,
        symbol: Option<SymbolId>,
    ) {
        let nodes = semantic.nodes();
        for reader in symbol_readers(semantic, symbol) {
            let member_id = nodes.parent_id(reader);
            if let AstKind::StaticMemberExpression(member) = nodes.kind(member_id) {
                if member.object.span() == nodes.kind(reader).span() {
                    let export = member.property.name.as_str();
                    self.use_through(semantic, request, export, member_id);
                }
            }
        }
    }

    /// `base` is an expression holding export `export` of `request`: what it is used for
    /// counts as a use of the global object, should that export be one.
    fn use_through(&mut self, semantic: &Semantic<'_>, request: &str, export: &str, base: NodeId) {
        let is_esm = self.is_esm;
        self.uses
            .entry((request.to_string(), export.to_string()))
            .or_insert_with(|| GlobalCollector::new(is_esm))
            .visit_global_object(semantic.nodes(), base, true);
    }

    pub fn finish(self) -> ModuleAliases {
        let uses = self
            .uses
            .into_iter()
            .filter_map(|((request, export), collector)| {
                let globals = collector.finish();
                let used = !globals.paths.is_empty() || !globals.presence_tests.is_empty();
                used.then_some(AliasUse {
                    request,
                    export,
                    globals: globals.paths,
                    presence_tests: globals.presence_tests,
                })
            })
            .collect();
        ModuleAliases {
            exported: self.exported,
            uses,
        }
    }
}

/// Only a package's own modules, reached by a relative request, can be the exporter.
fn is_relative(request: &str) -> bool {
    matches!(request, "." | "..") || request.starts_with("./") || request.starts_with("../")
}

fn symbol_readers(semantic: &Semantic<'_>, symbol: Option<SymbolId>) -> Vec<NodeId> {
    symbol
        .map(|symbol| readers(semantic, symbol))
        .unwrap_or_default()
}

/// The bindings that hold the global object: parameters of functions called at once that
/// receive it (the UMD wrapper `(function (global) {...}(typeof self === "undefined" ? typeof
/// global === "undefined" ? this : global : self))`, setimmediate; also through `.call(this,
/// ...)`), and variables initialised with it (reflect-metadata's `var root = typeof globalThis
/// === "object" ? globalThis : ...`): every read of one is a read of the global object.
///
/// Collected node by node, in the module's single pass over its nodes (mod.rs), with the
/// assignments of `AssignedGlobalObjects`.
#[derive(Default)]
pub struct GlobalObjectCollector {
    /// Bindings that may hold the global object as a UMD header's fallback does (a wrapper's
    /// parameter, `var root = typeof self !== 'undefined' ? self : this`): an assignment
    /// through one is no write (globals.rs, `visit_global_object`).
    pub bindings: Vec<SymbolId>,
    /// Variables initialised with the global object by one of its names and never assigned
    /// (`const t = globalThis`, lit's builds): an assignment through one is a write
    /// (`t.litHtmlVersions ??= []`), as through `globalThis` itself.
    pub named: Vec<SymbolId>,
    pub assigned: AssignedGlobalObjects,
}

impl GlobalObjectCollector {
    /// The node kinds `visit` looks at; the module's pass over its nodes (mod.rs) calls it for
    /// these only, which saves a call per node of every other kind.
    pub fn looks_at(kind: &AstKind<'_>) -> bool {
        matches!(
            kind,
            AstKind::VariableDeclarator(_)
                | AstKind::CallExpression(_)
                | AstKind::AssignmentExpression(_)
        )
    }

    pub fn visit(&mut self, semantic: &Semantic<'_>, node: &AstNode<'_>) {
        match node.kind() {
            AstKind::VariableDeclarator(declarator) => {
                if let (BindingPattern::BindingIdentifier(binding), Some(init)) =
                    (&declarator.id, &declarator.init)
                {
                    if is_global_object(semantic, init) {
                        match binding.symbol_id.get() {
                            Some(symbol)
                                if matches!(
                                    init.get_inner_expression(),
                                    Expression::Identifier(_)
                                ) && is_never_assigned(semantic, symbol) =>
                            {
                                self.named.push(symbol)
                            }
                            symbol => self.bindings.extend(symbol),
                        }
                    }
                }
            }
            AstKind::CallExpression(call) => self.visit_call(semantic, call),
            AstKind::AssignmentExpression(assignment) => {
                self.assigned.visit(semantic, node.id(), assignment);
            }
            _ => {}
        }
    }

    fn visit_call(&mut self, semantic: &Semantic<'_>, call: &CallExpression<'_>) {
        let (callee, skipped) = match &call.callee {
            Expression::StaticMemberExpression(member) if member.property.name == "call" => {
                (&member.object, 1)
            }
            callee => (callee, 0),
        };
        let params = match callee {
            Expression::FunctionExpression(function) => &function.params,
            Expression::ArrowFunctionExpression(arrow) => &arrow.params,
            _ => return,
        };
        let arguments = call.arguments.iter().skip(skipped);
        for (param, argument) in params.items.iter().zip(arguments) {
            let (BindingPattern::BindingIdentifier(binding), Some(value)) =
                (&param.pattern, argument.as_expression())
            else {
                continue;
            };
            if is_global_object(semantic, value) {
                self.bindings.extend(binding.symbol_id.get());
            }
        }
    }
}

/// The global object assigned to a variable inside an expression, the shape TypeScript and
/// esbuild emit for `globalThis.x ??= v`: `var _a; (_a = globalThis).x ?? (_a.x = v)` (zod 4).
#[derive(Default)]
pub struct AssignedGlobalObjects {
    /// The assignments `_a = <global object>`, whose value is the global object.
    pub values: Vec<NodeId>,
    /// The variables so assigned that hold nothing else: declared once without an
    /// initialiser, and every write to them is such an assignment. Every read of one is a
    /// read of the global object.
    pub bindings: Vec<SymbolId>,
    /// Reads of a variable that holds other values elsewhere, where it still holds the
    /// global object: the right of `(_a = <global object>).x ?? (_a.x = v)` (also `||`,
    /// `&&`), the shape of a temporary that compiled code uses again for other values.
    pub readers: Vec<NodeId>,
}

/// Unlike a wrapper's parameter (`global_object_bindings`), these are no browser fallback
/// of a UMD header: an assignment through one is a write of the global.
impl AssignedGlobalObjects {
    /// `assignment` is the node `node`, visited in the module's node order.
    fn visit(
        &mut self,
        semantic: &Semantic<'_>,
        node: NodeId,
        assignment: &AssignmentExpression<'_>,
    ) {
        let AssignmentTarget::AssignmentTargetIdentifier(target) = &assignment.left else {
            return;
        };
        if assignment.operator != AssignmentOperator::Assign
            || !is_global_object(semantic, &assignment.right)
        {
            return;
        }
        self.values.push(node);
        let symbol = target
            .reference_id
            .get()
            .and_then(|id| semantic.scoping().get_reference(id).symbol_id());
        let Some(symbol) = symbol else { return };
        if self.bindings.contains(&symbol) {
            return;
        }
        if holds_only_global_object(semantic, symbol) {
            self.bindings.push(symbol);
        } else {
            self.readers
                .extend(readers_in_logical_assignment(semantic, node, symbol));
        }
    }
}

/// `assignment` is `_a = <global object>` in `(_a = ...).x ?? (_a.x = v)`: the reads of
/// `symbol` in the right operand, when nothing there assigns it.
fn readers_in_logical_assignment(
    semantic: &Semantic<'_>,
    assignment: NodeId,
    symbol: SymbolId,
) -> Vec<NodeId> {
    let nodes = semantic.nodes();
    let member = nodes.parent_id(assignment);
    let is_object = match nodes.kind(member) {
        AstKind::StaticMemberExpression(expression) => {
            expression.object.span() == nodes.kind(assignment).span()
        }
        _ => false,
    };
    let AstKind::LogicalExpression(logical) = nodes.parent_kind(member) else {
        return Vec::new();
    };
    if !is_object || logical.left.span() != nodes.kind(member).span() {
        return Vec::new();
    }
    let right = logical.right.span();
    let scoping = semantic.scoping();
    let assigned_in_right = scoping
        .get_resolved_references(symbol)
        .filter(|reference| reference.is_write())
        .any(|reference| right.contains_inclusive(nodes.kind(reference.node_id()).span()));
    if assigned_in_right {
        return Vec::new();
    }
    readers(semantic, symbol)
        .into_iter()
        .filter(|&reader| right.contains_inclusive(nodes.kind(reader).span()))
        .collect()
}

/// `symbol` is declared once and no reference assigns it.
fn is_never_assigned(semantic: &Semantic<'_>, symbol: SymbolId) -> bool {
    let scoping = semantic.scoping();
    scoping.symbol_redeclarations(symbol).is_empty()
        && !scoping
            .get_resolved_references(symbol)
            .any(|reference| reference.is_write())
}

/// `symbol` is a variable declared once without an initialiser (`var _a;`), and every write
/// to it assigns the global object.
fn holds_only_global_object(semantic: &Semantic<'_>, symbol: SymbolId) -> bool {
    let nodes = semantic.nodes();
    let scoping = semantic.scoping();
    if !scoping.symbol_redeclarations(symbol).is_empty() {
        return false;
    }
    match nodes.kind(scoping.symbol_declaration(symbol)) {
        AstKind::VariableDeclarator(declarator)
            if declarator.init.is_none()
                && matches!(declarator.id, BindingPattern::BindingIdentifier(_)) => {}
        _ => return false,
    }
    scoping
        .get_resolved_references(symbol)
        .filter(|reference| reference.is_write())
        .all(|reference| {
            let node = reference.node_id();
            match nodes.parent_kind(node) {
                AstKind::AssignmentExpression(assignment) => {
                    assignment.operator == AssignmentOperator::Assign
                        && assignment.left.span() == nodes.kind(node).span()
                        && is_global_object(semantic, &assignment.right)
                }
                _ => false,
            }
        })
}

/// Under Node, which branch a test of the form `typeof N === "undefined"` or `typeof N ===
/// "object"` (also `!==`, `==`, `!=`, the literal on either side) takes, for a global object
/// name `N`: Node has `global` and `globalThis`, neither `self` nor `window`. `Some(true)`:
/// the consequent.
fn branch_under_node(semantic: &Semantic<'_>, test: &Expression<'_>) -> Option<bool> {
    let Expression::BinaryExpression(binary) = test else {
        return None;
    };
    let (typeof_side, literal) = match (&binary.left, &binary.right) {
        (Expression::UnaryExpression(unary), Expression::StringLiteral(literal))
        | (Expression::StringLiteral(literal), Expression::UnaryExpression(unary)) => {
            (unary, literal)
        }
        _ => return None,
    };
    let Expression::Identifier(name) = &typeof_side.argument else {
        return None;
    };
    if typeof_side.operator != UnaryOperator::Typeof || !is_free(semantic, name) {
        return None;
    }
    let is_defined_under_node = match name.name.as_str() {
        "global" | "globalThis" => true,
        "self" | "window" => false,
        _ => return None,
    };
    let holds_if_equal = match literal.value.as_str() {
        "object" => is_defined_under_node,
        "undefined" => !is_defined_under_node,
        _ => return None,
    };
    match binary.operator {
        BinaryOperator::StrictEquality | BinaryOperator::Equality => Some(holds_if_equal),
        BinaryOperator::StrictInequality | BinaryOperator::Inequality => Some(!holds_if_equal),
        _ => None,
    }
}

/// An expression whose value is the global object: a free `global`, `globalThis`, `self` or
/// `window`; `Function("return this")()`; a function called at once, or a function
/// declaration of the module called by its name (`getGlobal()`), whose every return is one
/// of these; a choice (`?:`, `||`, `??`) between them; a `?:` on `typeof N === "undefined"`
/// whose branch Node takes is one; or an assignment of one to a name (`_a = globalThis`).
fn is_global_object(semantic: &Semantic<'_>, expression: &Expression<'_>) -> bool {
    is_global_object_within(semantic, expression, MAX_CALL_DEPTH)
}

/// How many named functions deep `is_global_object` follows calls (`getGlobal()` whose
/// return is another function's): bounded, as a function may call itself.
const MAX_CALL_DEPTH: u8 = 4;

fn is_global_object_within(
    semantic: &Semantic<'_>,
    expression: &Expression<'_>,
    depth: u8,
) -> bool {
    let is_global_object =
        |expression: &Expression<'_>| is_global_object_within(semantic, expression, depth);
    match expression {
        Expression::Identifier(ident) => {
            GLOBAL_OBJECT_NAMES.contains(&ident.name.as_str()) && is_free(semantic, ident)
        }
        Expression::ConditionalExpression(conditional) => {
            match branch_under_node(semantic, &conditional.test) {
                Some(true) => is_global_object(&conditional.consequent),
                Some(false) => is_global_object(&conditional.alternate),
                None => {
                    is_global_object(&conditional.consequent)
                        && is_global_object(&conditional.alternate)
                }
            }
        }
        Expression::LogicalExpression(logical) => {
            matches!(
                logical.operator,
                LogicalOperator::Or | LogicalOperator::Coalesce
            ) && is_global_object(&logical.left)
                && is_global_object(&logical.right)
        }
        Expression::CallExpression(call) if call.arguments.is_empty() => match &call.callee {
            // `Function("return this")()`, also with `new`: sloppy code's `this`.
            Expression::CallExpression(inner) => {
                is_return_this_function(semantic, &inner.callee, &inner.arguments)
            }
            Expression::NewExpression(inner) => {
                is_return_this_function(semantic, &inner.callee, &inner.arguments)
            }
            Expression::ArrowFunctionExpression(arrow) => match &arrow.body {
                ArrowFunctionBody::FunctionBody(body) => {
                    returns_global_object(semantic, &body.statements, depth)
                }
                body => body.as_expression().is_some_and(is_global_object),
            },
            Expression::FunctionExpression(function) => function
                .body
                .as_ref()
                .is_some_and(|body| returns_global_object(semantic, &body.statements, depth)),
            // `getGlobal()`: a function declared once and never reassigned (hash-wasm's
            // `function getGlobal() { if (typeof globalThis !== "undefined") return
            // globalThis; ... return global; }`).
            Expression::Identifier(callee) if depth > 0 => declared_function_body(semantic, callee)
                .is_some_and(|statements| returns_global_object(semantic, statements, depth - 1)),
            _ => false,
        },
        // `(_a = globalThis)`: what TypeScript and esbuild emit for `globalThis.x ??= v`.
        Expression::AssignmentExpression(assignment) => {
            assignment.operator == AssignmentOperator::Assign
                && matches!(
                    assignment.left,
                    AssignmentTarget::AssignmentTargetIdentifier(_)
                )
                && is_global_object(&assignment.right)
        }
        _ => false,
    }
}

/// The body of the function declaration `callee` names, when the name is bound once by it
/// and never assigned.
fn declared_function_body<'a>(
    semantic: &Semantic<'a>,
    callee: &IdentifierReference<'a>,
) -> Option<&'a [Statement<'a>]> {
    let scoping = semantic.scoping();
    let symbol = scoping
        .get_reference(callee.reference_id.get()?)
        .symbol_id()?;
    if !scoping.symbol_redeclarations(symbol).is_empty()
        || scoping
            .get_resolved_references(symbol)
            .any(|reference| reference.is_write())
    {
        return None;
    }
    match semantic.nodes().kind(scoping.symbol_declaration(symbol)) {
        AstKind::Function(function) if function.is_declaration() => function
            .body
            .as_ref()
            .map(|body| body.statements.as_slice()),
        _ => None,
    }
}

fn is_return_this_function(
    semantic: &Semantic<'_>,
    callee: &Expression<'_>,
    arguments: &[oxc_ast::ast::Argument<'_>],
) -> bool {
    let Expression::Identifier(function) = callee else {
        return false;
    };
    let body = match arguments {
        [oxc_ast::ast::Argument::StringLiteral(body)] => body.value.as_str(),
        _ => return false,
    };
    function.name == "Function"
        && is_free(semantic, function)
        && body.trim().trim_end_matches(';').trim() == "return this"
}

/// The statements return, and every `return` among them (nested functions aside) returns
/// the global object. Only straight-line code and `if` are followed; anything else (loops,
/// `try`, `switch`) is not simple enough to be sure.
fn returns_global_object(semantic: &Semantic<'_>, statements: &[Statement<'_>], depth: u8) -> bool {
    fn walk(
        semantic: &Semantic<'_>,
        statement: &Statement<'_>,
        returns: &mut usize,
        depth: u8,
    ) -> bool {
        match statement {
            Statement::ReturnStatement(statement) => {
                *returns += 1;
                statement
                    .argument
                    .as_ref()
                    .is_some_and(|argument| is_global_object_within(semantic, argument, depth))
            }
            Statement::BlockStatement(block) => {
                block.body.iter().all(|s| walk(semantic, s, returns, depth))
            }
            Statement::IfStatement(statement) => {
                walk(semantic, &statement.consequent, returns, depth)
                    && statement
                        .alternate
                        .as_ref()
                        .is_none_or(|alternate| walk(semantic, alternate, returns, depth))
            }
            Statement::ExpressionStatement(_)
            | Statement::VariableDeclaration(_)
            | Statement::FunctionDeclaration(_)
            | Statement::EmptyStatement(_) => true,
            _ => false,
        }
    }
    let mut returns = 0;
    statements
        .iter()
        .all(|s| walk(semantic, s, &mut returns, depth))
        && returns > 0
}
