//! Rewrites `with` statements into strict code with the same meaning.
//!
//! SES evaluates all code strict, where `with` is a SyntaxError, but template engines compile
//! templates into `with (data) { ... }` (lodash's and underscore's `_.template`, ejs) and pass
//! that to `Function`. The code is parsed as V8 parses a function body (sloppy, `return`
//! allowed; a script parses the same way), and each `with (o) S` becomes
//!
//! ```text
//! {const W1 = HELPER(o); var <vars declared in S>; const B1 = <accessors>; S'}
//! ```
//!
//! where `HELPER` (an arrow function: `this` and `arguments` are untouched) evaluates `o` once,
//! throws V8's TypeError for `null`/`undefined`, boxes primitives, and returns
//! `{ o, h(name), m(name) }`: the object, whether a name resolves to it (it has the property
//! and `Symbol.unscopables` does not block it), and the method `name` called with `this = o`.
//! The helper reaches the intrinsics it needs through syntax only (`({}).constructor`), never
//! through names the code could shadow. In `S'`, every identifier reference whose binding is
//! declared outside `S` (outer variables, parameters, `var`s of `S`, which hoist out, and
//! unresolved globals) asks each enclosing `with` object, innermost first, before its binding:
//!
//! - a read `x`: `(W1.h("x") ? W1.o.x : x)`;
//! - `typeof x`: `(W1.h("x") ? typeof W1.o.x : typeof x)`, which does not throw for an
//!   undeclared `x`;
//! - a call `x(a)`: `(W1.h("x") ? W1.m("x") : x)(a)`: `this` is the object when found there,
//!   else `undefined`;
//! - a write (`=`, compound, `++`/`--`, destructuring and `for-in/of` targets): a member of the
//!   object, or of `B1`, which has an accessor pair over each binding written in `S`
//!   (`get x() { return x; }, set x(V) { x = V; }`), made once per run of the `with`:
//!   `(W1.h("x") ? W1.o : B1).x = 1`;
//! - `var a = 1` in `S` (its initializer assigns through the `with`): `void (<write a> = 1)`,
//!   with `var a` declared in the block's prelude.
//!
//! Bindings declared inside `S` (`let`, `const`, `class`, functions and their parameters) are
//! left alone. Not kept: `delete x` of a name in a `with` (it stays, a strict-mode SyntaxError),
//! `arguments` (it stays the function's own), Annex B's hoisting of a function declared in `S`
//! out of its block, and sloppy writes that fail silently (strict ones throw).

use std::collections::HashMap;

use oxc_allocator::Allocator;
use oxc_ast::ast::{BindingPattern, UnaryOperator, VariableDeclaration};
use oxc_ast::AstKind;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::{AstNodes, NodeId, Scoping, SemanticBuilder};
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::scope::ScopeId;
use oxc_syntax::symbol::{SymbolFlags, SymbolId};

use crate::parse_thread::on_parse_thread;

/// The text of the function the body is parsed in; offsets are mapped back by cutting it off.
const WRAP_START: &str = "(function(){";
const WRAP_END: &str = "\n})";

/// What a `with` head becomes, applied to the parenthesized object expression that follows
/// (see the module docs).
const HELPER: &str = "((o) => { const O = ({}).constructor; if (o == null) O.keys(o); o = O(o); \
const u = O.getOwnPropertySymbols(O.getPrototypeOf([])).find((s) => s.description === \"Symbol.unscopables\"); \
const call = (() => {}).call; \
return { o, h: (k) => { if (!(k in o)) return false; const b = o[u]; \
return !(((typeof b === \"object\" && b !== null) || typeof b === \"function\") && b[k]); }, \
m: (k) => { const f = o[k]; return typeof f === \"function\" ? (...a) => call.call(f, o, ...a) : f; } }; })";

/// `body` (a function body or a script) with every `with` statement rewritten into strict
/// code; `None` when it has none or does not parse. Runs on the parse thread
/// (src/parse_thread.rs), whose stack outlasts any nesting V8 compiles, not any text: check
/// first that V8 compiles it.
pub fn rewrite_with_statements(body: &str) -> Option<String> {
    if !body.contains("with") {
        return None;
    }
    let body = body.to_string();
    on_parse_thread(move |allocator| rewrite_in(allocator, &body))
}

fn rewrite_in(allocator: &Allocator, body: &str) -> Option<String> {
    let wrapped = format!("{WRAP_START}{body}{WRAP_END}");
    let options = ParseOptions {
        preserve_parens: false,
        ..ParseOptions::default()
    };
    let parsed = Parser::new(allocator, &wrapped, SourceType::script())
        .with_options(options)
        .parse();
    // One statement: a body that closes the wrapper early is not a function body.
    if parsed.panicked || parsed.diagnostics.has_errors() || parsed.program.body.len() != 1 {
        return None;
    }
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(&parsed.program)
        .semantic;
    let mut rewriter = Rewriter::new(semantic.nodes(), semantic.scoping(), body);
    if rewriter.withs.is_empty() {
        return None;
    }
    rewriter.rewrite_var_declarations()?;
    rewriter.rewrite_references();
    rewriter.rewrite_heads();
    let out = apply(&wrapped, rewriter.edits);
    Some(out[WRAP_START.len()..out.len() - WRAP_END.len()].to_string())
}

struct With {
    span: Span,
    body: Span,
    scope: ScopeId,
    /// Names of the `var`s of the body that are declared in the prelude.
    hoisted: Vec<String>,
    /// Names written in the body (or a nested `with`'s) whose binding the prelude's accessor
    /// object reaches: declared outside the body, they are visible there.
    written: Vec<String>,
}

/// Where an edit goes among those starting at the same offset.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Order {
    /// An insertion closing a construct: those that started later (inner) first.
    Close(std::cmp::Reverse<u32>),
    /// An insertion opening a with body.
    Open,
    Replace,
}

struct Edit {
    start: u32,
    end: u32,
    order: Order,
    text: String,
}

struct Rewriter<'s, 'a> {
    nodes: &'s AstNodes<'a>,
    scoping: &'s Scoping,
    withs: Vec<With>,
    index: HashMap<NodeId, usize>,
    /// Helper names start with it; the source text never contains it.
    prefix: String,
    edits: Vec<Edit>,
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

impl<'s, 'a> Rewriter<'s, 'a> {
    fn new(nodes: &'s AstNodes<'a>, scoping: &'s Scoping, body: &str) -> Self {
        let mut prefix = String::from("__lavamoatWith");
        while body.contains(&prefix) {
            prefix.push('_');
        }
        let mut withs = Vec::new();
        let mut index = HashMap::new();
        for node in nodes.iter() {
            if let AstKind::WithStatement(statement) = node.kind() {
                index.insert(node.id(), withs.len());
                withs.push(With {
                    span: statement.span,
                    body: statement.body.span(),
                    scope: statement.scope_id.get().expect("semantic sets scope ids"),
                    hoisted: Vec::new(),
                    written: Vec::new(),
                });
            }
        }
        Rewriter {
            nodes,
            scoping,
            withs,
            index,
            prefix,
            edits: Vec::new(),
        }
    }

    fn helper(&self, with: usize) -> String {
        format!("{}{}", self.prefix, with + 1)
    }

    /// Whether `symbol` is declared inside the body of `with` (not looked up on its object).
    fn declared_inside(&self, symbol: SymbolId, with: usize) -> bool {
        let with = &self.withs[with];
        let scope = self.scoping.symbol_scope_id(symbol);
        if self.scoping.scope_ancestors(scope).any(|s| s == with.scope) {
            return true;
        }
        // Annex B gives a function declared in a block of the body a binding in the enclosing
        // function too; the strict code keeps only the block's.
        let declaration = self.nodes.kind(self.scoping.symbol_declaration(symbol));
        self.scoping
            .symbol_flags(symbol)
            .contains(SymbolFlags::Function)
            && inside(declaration.span(), with.body)
    }

    /// The `with` statements whose body holds `node` (at `span`) and where `symbol` (`None`:
    /// unresolved) is looked up on the object, innermost first.
    fn chain(&self, node: NodeId, span: Span, symbol: Option<SymbolId>) -> Vec<usize> {
        self.nodes
            .ancestor_ids(node)
            .filter_map(|id| self.index.get(&id).copied())
            .filter(|&with| inside(span, self.withs[with].body))
            .filter(|&with| symbol.is_none_or(|symbol| !self.declared_inside(symbol, with)))
            .collect()
    }

    /// `(W2.h("x") ? <found(W2)> : W1.h("x") ? <found(W1)> : <otherwise>)`.
    fn lookup(
        &self,
        chain: &[usize],
        name: &str,
        found: impl Fn(&str) -> String,
        otherwise: &str,
    ) -> String {
        let key = serde_json::to_string(name).expect("a string serializes");
        let mut text = String::from("(");
        for &with in chain {
            let helper = self.helper(with);
            text.push_str(&format!("{helper}.h({key}) ? {} : ", found(&helper)));
        }
        text.push_str(otherwise);
        text.push(')');
        text
    }

    fn read(&self, chain: &[usize], name: &str) -> String {
        self.lookup(chain, name, |w| format!("{w}.o.{name}"), name)
    }

    fn bindings(&self, with: usize) -> String {
        format!("{}Bindings{}", self.prefix, with + 1)
    }

    fn write(&mut self, chain: &[usize], name: &str) -> String {
        // The outermost `with` of the chain: the binding is declared outside its body.
        let outermost = *chain.last().expect("a write through at least one with");
        let written = &mut self.withs[outermost].written;
        if !written.iter().any(|known| known == name) {
            written.push(name.to_string());
        }
        let bindings = self.bindings(outermost);
        format!(
            "{}.{name}",
            self.lookup(chain, name, |w| format!("{w}.o"), &bindings)
        )
    }

    /// `{get a() { return a; }, set a(V) { a = V; }, ...}` over `names`.
    fn accessors(&self, names: &[String]) -> String {
        let value = format!("{}Value", self.prefix);
        let pairs: Vec<String> = names
            .iter()
            .map(|name| {
                let getter = format!("get {name}() {{ return {name}; }}");
                // Strict code cannot assign `eval` or `arguments`: those get a getter only.
                if name == "eval" || name == "arguments" {
                    getter
                } else {
                    format!("{getter}, set {name}({value}) {{ {name} = {value}; }}")
                }
            })
            .collect();
        format!("{{{}}}", pairs.join(", "))
    }

    fn replace(&mut self, span: Span, text: String) {
        self.edits.push(Edit {
            start: span.start,
            end: span.end,
            order: Order::Replace,
            text,
        });
    }

    /// Replaces the callee `name` at `span` (node `node`) by its method lookup: found on a
    /// `with` object, it is called with that object as `this`.
    fn replace_callee(&mut self, node: NodeId, chain: &[usize], name: &str, span: Span) {
        let method = serde_json::to_string(name).unwrap();
        let text = self.lookup(chain, name, |w| format!("{w}.m({method})"), name);
        self.replace_expression(node, span, text);
    }

    /// Replaces `span` (node `node`) by a parenthesized expression, after `0, ` if it starts an
    /// expression statement: a line starting with `(` would continue the previous one.
    fn replace_expression(&mut self, node: NodeId, span: Span, text: String) {
        let starts_statement = std::iter::once(node)
            .chain(self.nodes.ancestor_ids(node))
            .map(|id| self.nodes.kind(id))
            .take_while(|kind| kind.span().start == span.start)
            .any(|kind| matches!(kind, AstKind::ExpressionStatement(_)));
        let text = if starts_statement {
            format!("0, {text}")
        } else {
            text
        };
        self.replace(span, text);
    }

    fn rewrite_references(&mut self) {
        for node in self.nodes.iter() {
            let AstKind::IdentifierReference(ident) = node.kind() else {
                continue;
            };
            let name = ident.name.as_str();
            if name == "arguments" {
                continue;
            }
            let reference = self.scoping.get_reference(ident.reference_id());
            let chain = self.chain(node.id(), ident.span, reference.symbol_id());
            if chain.is_empty() {
                continue;
            }
            let parent = self.nodes.parent_id(node.id());
            match self.nodes.kind(parent) {
                AstKind::UnaryExpression(unary) if unary.operator == UnaryOperator::Typeof => {
                    let text = self.lookup(
                        &chain,
                        name,
                        |w| format!("typeof {w}.o.{name}"),
                        &format!("typeof {name}"),
                    );
                    self.replace_expression(parent, unary.span, text);
                }
                // Stays `delete x`: a SyntaxError in strict code.
                AstKind::UnaryExpression(unary) if unary.operator == UnaryOperator::Delete => {}
                // A call (or tagged template) through the object has it as `this`.
                AstKind::CallExpression(call) if call.callee.span() == ident.span => {
                    self.replace_callee(node.id(), &chain, name, ident.span);
                }
                AstKind::TaggedTemplateExpression(tagged) if tagged.tag.span() == ident.span => {
                    self.replace_callee(node.id(), &chain, name, ident.span);
                }
                AstKind::ObjectProperty(property) if property.shorthand => {
                    let text = format!("{name}: {}", self.read(&chain, name));
                    self.replace(ident.span, text);
                }
                AstKind::AssignmentTargetPropertyIdentifier(_) => {
                    let text = format!("{name}: {}", self.write(&chain, name));
                    self.replace(ident.span, text);
                }
                _ if reference.flags().is_write() => {
                    let text = self.write(&chain, name);
                    self.replace_expression(node.id(), ident.span, text);
                }
                _ => {
                    let text = self.read(&chain, name);
                    self.replace_expression(node.id(), ident.span, text);
                }
            }
        }
    }

    /// `var`s declared in a with body hoist out of it, but their initializers (and `for-in/of`
    /// heads) assign through the `with`: each becomes writes, its names declared in the prelude.
    /// `None` for the sloppy-only `for (var a = 1 in o)`.
    fn rewrite_var_declarations(&mut self) -> Option<()> {
        for node in self.nodes.iter() {
            let AstKind::VariableDeclaration(declaration) = node.kind() else {
                continue;
            };
            if !declaration.kind.is_var() {
                continue;
            }
            let Some(first) = declaration.declarations.first() else {
                continue;
            };
            let Some(symbol) = first
                .id
                .get_binding_identifiers()
                .first()
                .and_then(|id| id.symbol_id.get())
            else {
                continue;
            };
            let chain = self.chain(node.id(), declaration.span, Some(symbol));
            let Some(&innermost) = chain.first() else {
                continue;
            };
            for declarator in &declaration.declarations {
                for id in declarator.id.get_binding_identifiers() {
                    let name = id.name.to_string();
                    if !self.withs[innermost].hoisted.contains(&name) {
                        self.withs[innermost].hoisted.push(name);
                    }
                }
            }
            let keyword = Span::new(declaration.span.start, declaration.span.start + 3);
            let in_for_in_head = match self.nodes.parent_kind(node.id()) {
                AstKind::ForInStatement(statement) => statement.left.span() == declaration.span,
                AstKind::ForOfStatement(statement) => statement.left.span() == declaration.span,
                _ => false,
            };
            if in_for_in_head {
                if first.init.is_some() {
                    return None;
                }
                self.replace(keyword, String::new());
                self.rewrite_pattern(&chain, &first.id, false);
            } else {
                self.rewrite_initializers(&chain, declaration, keyword);
            }
        }
        Some(())
    }

    /// `var a = 1, b` -> `void (<write a> = 1, 0)`.
    fn rewrite_initializers(
        &mut self,
        chain: &[usize],
        declaration: &VariableDeclaration<'a>,
        keyword: Span,
    ) {
        self.replace(keyword, "void (".to_string());
        let last = declaration
            .declarations
            .last()
            .map_or(keyword.end, |d| d.span.end);
        self.edits.push(Edit {
            start: last,
            end: last,
            order: Order::Close(std::cmp::Reverse(declaration.span.start)),
            text: ")".to_string(),
        });
        for declarator in &declaration.declarations {
            if declarator.init.is_some() {
                self.rewrite_pattern(chain, &declarator.id, false);
            } else {
                self.replace(declarator.span, "0".to_string());
            }
        }
    }

    /// Each name `pattern` binds becomes a write through the `with`s of `chain` (a binding
    /// pattern read as an assignment pattern).
    fn rewrite_pattern(&mut self, chain: &[usize], pattern: &BindingPattern<'a>, shorthand: bool) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                let write = self.write(chain, &id.name);
                let text = if shorthand {
                    format!("{}: {write}", id.name)
                } else {
                    write
                };
                self.replace(id.span, text);
            }
            BindingPattern::ObjectPattern(object) => {
                for property in &object.properties {
                    self.rewrite_pattern(chain, &property.value, property.shorthand);
                }
                if let Some(rest) = &object.rest {
                    self.rewrite_pattern(chain, &rest.argument, false);
                }
            }
            BindingPattern::ArrayPattern(array) => {
                for element in array.elements.iter().flatten() {
                    self.rewrite_pattern(chain, element, false);
                }
                if let Some(rest) = &array.rest {
                    self.rewrite_pattern(chain, &rest.argument, false);
                }
            }
            BindingPattern::AssignmentPattern(assignment) => {
                self.rewrite_pattern(chain, &assignment.left, shorthand);
            }
        }
    }

    /// `with (o) S` -> `{const W1 = HELPER(o); var <hoisted>; const B1 = <accessors>; S}`.
    fn rewrite_heads(&mut self) {
        for with in 0..self.withs.len() {
            let (span, body) = (self.withs[with].span, self.withs[with].body);
            let keyword = Span::new(span.start, span.start + 4);
            self.replace(keyword, format!("{{const {} = {HELPER}", self.helper(with)));
            let mut prelude = String::from(";");
            let hoisted = &self.withs[with].hoisted;
            if !hoisted.is_empty() {
                prelude.push_str(&format!("var {};", hoisted.join(", ")));
            }
            let written = &self.withs[with].written;
            if !written.is_empty() {
                let accessors = self.accessors(written);
                prelude.push_str(&format!("const {} = {accessors};", self.bindings(with)));
            }
            self.edits.push(Edit {
                start: body.start,
                end: body.start,
                order: Order::Open,
                text: prelude,
            });
            self.edits.push(Edit {
                start: span.end,
                end: span.end,
                order: Order::Close(std::cmp::Reverse(span.start)),
                text: "}".to_string(),
            });
        }
    }
}

/// `source` with `edits` applied; they never overlap.
fn apply(source: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|edit| (edit.start, edit.order));
    let mut out =
        String::with_capacity(source.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut copied = 0;
    for edit in edits {
        let (start, end) = (edit.start as usize, edit.end as usize);
        debug_assert!(start >= copied, "overlapping edits");
        out.push_str(&source[copied..start]);
        out.push_str(&edit.text);
        copied = end;
    }
    out.push_str(&source[copied..]);
    out
}

#[cfg(test)]
mod tests;
