//! `require` calls (spec §2) and the member paths used on what they return (spec §4).

use oxc_ast::ast::{Argument, BindingPattern, Expression, PropertyKey};
use oxc_ast::AstKind;
use oxc_semantic::{NodeId, Semantic, SymbolId};
use oxc_span::{GetSpan, Span};

use super::chain::{member_chain, node_span, ChainUse};
use super::require_functions::RequireFunctions;
use super::specifier::{
    constant_string, dir_pattern, literal_prefix, literal_specifier, own_script_path, DirPattern,
};
use super::{BuiltinUse, Request};

/// What the `require` calls of a module ask for.
#[derive(Default)]
pub struct Requires {
    /// Literal requests, each once, in source order.
    pub requests: Vec<Request>,
    /// Calls whose specifier is not a string literal.
    pub dynamic: Vec<Span>,
    /// Those of `dynamic` whose specifier names a file of one relative directory.
    pub dir_patterns: Vec<(Span, DirPattern)>,
    /// `require.resolve(...)` calls with a computed specifier that is not relative.
    pub computed_resolves: Vec<Span>,
    /// `require.resolve('./x')` calls with a literal relative specifier, each once.
    pub own_resolves: Vec<Request>,
    /// `path.join(__dirname, 'x.js')` calls with literal segments, each once.
    pub own_script_paths: Vec<Request>,
    pub uses: Vec<BuiltinUse>,
}

#[derive(Default)]
pub struct RequireCollector {
    found: Requires,
}

impl RequireCollector {
    /// The node kinds `visit` looks at; the module's pass over its nodes (mod.rs) calls it for
    /// these only, which saves a call per node of every other kind.
    pub fn looks_at(kind: &AstKind<'_>) -> bool {
        matches!(
            kind,
            AstKind::CallExpression(_)
                | AstKind::NewExpression(_)
                | AstKind::StaticMemberExpression(_)
        )
    }

    /// A call of a require function (require_functions.rs: the free `require` of CommonJS,
    /// a `createRequire` result, a bundler's wrapper) is a require; so are `.resolve` calls on
    /// one whose specifier is computed. Returns the call of a static request.
    pub fn visit<'a>(
        &mut self,
        semantic: &Semantic<'a>,
        functions: &mut RequireFunctions<'_, 'a>,
        node: NodeId,
    ) -> Option<(NodeId, String)> {
        let nodes = semantic.nodes();
        match nodes.kind(node) {
            // Deliberate difference: webpack's escape to Node's own require, `(typeof
            // __non_webpack_require__ === "function" ? __non_webpack_require__ : require)("url")`
            // (dart-sass), is a require call in Node; the reference does not see it. Nor does
            // it see bundlers' wrappers (`__require("os")`).
            // `require?.(...)` is an optional call, which the reference does not look at.
            AstKind::CallExpression(call) if !call.optional => {
                if let Some(text) = own_script_path(semantic, call) {
                    if !self
                        .found
                        .own_script_paths
                        .iter()
                        .any(|r| r.specifier == text)
                    {
                        self.found.own_script_paths.push(Request {
                            specifier: text,
                            span: call.span,
                        });
                    }
                    return None;
                }
                let index = if functions.is_require(&call.callee) {
                    0
                } else {
                    functions.forwarded_specifier(call)?
                };
                let Some(specifier) = call
                    .arguments
                    .get(index)
                    .and_then(|a| constant_string(a.as_expression()?))
                else {
                    self.found.dynamic.push(call.span);
                    if let Some(pattern) = call
                        .arguments
                        .get(index)
                        .and_then(|a| dir_pattern(semantic, a))
                    {
                        self.found.dir_patterns.push((call.span, pattern));
                    }
                    return None;
                };
                if !self.found.requests.iter().any(|r| r.specifier == specifier) {
                    self.found.requests.push(Request {
                        specifier: specifier.clone(),
                        span: call.span,
                    });
                }
                self.record_uses(semantic, node, &specifier);
                Some((node, specifier))
            }
            // Deliberate difference: the file a worker thread runs (`new Worker(path.join(__dirname,
            // 'task.js'))`, `new Worker(new URL('./task.mjs', import.meta.url))`) is code of the
            // module's package, run under its policy in the worker (confined-workers.js): a
            // request of the module, so that what it uses gets into the policy.
            AstKind::NewExpression(new) if is_worker_class(&new.callee) => {
                if let Some(specifier) = new
                    .arguments
                    .first()
                    .and_then(|file| worker_file(semantic, file))
                {
                    if !self.found.requests.iter().any(|r| r.specifier == specifier) {
                        self.found.requests.push(Request {
                            specifier,
                            span: new.span,
                        });
                    }
                }
                None
            }
            AstKind::StaticMemberExpression(member) if member.property.name == "resolve" => {
                if functions.is_require(&member.object) {
                    self.visit_resolve(nodes.parent_kind(node), member.span, semantic);
                }
                None
            }
            _ => None,
        }
    }

    /// `require.resolve(<computed>)` (esbuild: `` require.resolve(`${pkg}/${subpath}`) ``)
    /// hints at packages chosen at run time; a relative one names the package's own files,
    /// and a literal relative one names one of them, often to hand its path to a dependency
    /// that loads it (autopolicy/walk.rs).
    fn visit_resolve(&mut self, parent: AstKind<'_>, member: Span, semantic: &Semantic<'_>) {
        let AstKind::CallExpression(call) = parent else {
            return;
        };
        if call.callee.span() != member || call.optional {
            return;
        }
        let Some(specifier) = call.arguments.first() else {
            return;
        };
        let is_relative = |text: &str| text.starts_with("./") || text.starts_with("../");
        if let Some(text) = literal_specifier(semantic, specifier) {
            if is_relative(&text) && !self.found.own_resolves.iter().any(|r| r.specifier == text) {
                self.found.own_resolves.push(Request {
                    specifier: text,
                    span: call.span,
                });
            }
            return;
        }
        if !is_relative(&literal_prefix(semantic, specifier)) {
            self.found.computed_resolves.push(call.span);
        }
    }

    fn record_uses(&mut self, semantic: &Semantic<'_>, call_id: NodeId, request: &str) {
        for members in value_uses(semantic, call_id) {
            self.push_use(request, members);
        }
    }

    fn push_use(&mut self, request: &str, members: Vec<String>) {
        self.found.uses.push(BuiltinUse {
            request: request.to_string(),
            members,
        });
    }

    pub fn finish(self) -> Requires {
        self.found
    }
}

/// Member paths used on the value of the expression `value`, one per use: its own member
/// chain, or when it initialises variables, the chains on each read of them (an unread
/// variable uses its whole path).
pub fn value_uses(semantic: &Semantic<'_>, value: NodeId) -> Vec<Vec<String>> {
    let nodes = semantic.nodes();
    let chain = member_chain(nodes, value);
    let ChainUse::Declarator(declarator) = chain.used_as else {
        return vec![chain.members];
    };
    let mut declared = Vec::new();
    declarations(&declarator.id, chain.members, &mut declared);
    let mut uses = Vec::new();
    for (symbol, members) in declared {
        let readers = symbol
            .map(|symbol| readers(semantic, symbol))
            .unwrap_or_default();
        if readers.is_empty() {
            uses.push(members);
            continue;
        }
        for reader in readers {
            let mut path = members.clone();
            path.extend(member_chain(nodes, reader).members);
            uses.push(path);
        }
    }
    uses
}

/// The variables a declarator pattern binds, each with the member path it takes from the
/// initialiser. A binding the reference cannot follow (rest, computed key, nested default)
/// gets `None`: the path at that level is used whole.
fn declarations(
    pattern: &BindingPattern<'_>,
    path: Vec<String>,
    out: &mut Vec<(Option<SymbolId>, Vec<String>)>,
) {
    match pattern {
        BindingPattern::BindingIdentifier(ident) => out.push((ident.symbol_id.get(), path)),
        BindingPattern::AssignmentPattern(assignment) => {
            let symbol = match &assignment.left {
                BindingPattern::BindingIdentifier(ident) => ident.symbol_id.get(),
                _ => None,
            };
            out.push((symbol, path));
        }
        BindingPattern::ObjectPattern(object) => {
            if object.rest.is_some() || object.properties.iter().any(|p| p.computed) {
                out.push((None, path));
                return;
            }
            for property in &object.properties {
                // String and numeric keys are skipped entirely, as the reference does.
                let PropertyKey::StaticIdentifier(key) = &property.key else {
                    continue;
                };
                let mut nested = path.clone();
                nested.push(key.name.as_str().to_string());
                declarations(&property.value, nested, out);
            }
        }
        BindingPattern::ArrayPattern(array) => {
            if array.rest.is_some() {
                out.push((None, path));
                return;
            }
            for (index, element) in array.elements.iter().enumerate() {
                let Some(element) = element else { continue };
                let mut nested = path.clone();
                nested.push(index.to_string());
                declarations(element, nested, out);
            }
        }
    }
}

/// Nodes that read the variable, in source order. Plain and compound assignments to it are
/// not reads for the reference (Babel counts them as constant violations).
pub fn readers(semantic: &Semantic<'_>, symbol: SymbolId) -> Vec<NodeId> {
    let nodes = semantic.nodes();
    let scoping = semantic.scoping();
    let mut readers: Vec<NodeId> = scoping
        .get_resolved_reference_ids(symbol)
        .iter()
        .map(|&id| scoping.get_reference(id))
        .filter(|reference| reference.is_read())
        .map(|reference| reference.node_id())
        .filter(|&node| !is_assignment_target(semantic, node))
        .collect();
    readers.sort_by_key(|&node| node_span(nodes, node).start);
    readers
}

fn is_assignment_target(semantic: &Semantic<'_>, node: NodeId) -> bool {
    let nodes = semantic.nodes();
    match nodes.parent_kind(node) {
        AstKind::AssignmentExpression(assignment) => {
            assignment.left.span() == node_span(nodes, node)
        }
        _ => false,
    }
}

/// `Worker` or `<x>.Worker` (worker_threads' class, however it was imported).
fn is_worker_class(callee: &Expression<'_>) -> bool {
    match callee {
        Expression::Identifier(id) => id.name == "Worker",
        Expression::StaticMemberExpression(member) => member.property.name == "Worker",
        _ => false,
    }
}

/// The relative path of the file a `new Worker(...)` runs, when it is written out: a literal or
/// `path.join(__dirname, ...)` (specifier.rs), `new URL('./x', import.meta.url)`, or either of
/// those URLs, or tinypool's `import.meta.url + '/../x'`, through `fileURLToPath(...)`.
fn worker_file(semantic: &Semantic<'_>, file: &Argument<'_>) -> Option<String> {
    let specifier = match file.as_expression() {
        Some(Expression::NewExpression(url)) => url_of_module_file(url)?,
        Some(Expression::CallExpression(call)) if is_file_url_to_path(&call.callee) => {
            match call.arguments.first()?.as_expression()? {
                Expression::NewExpression(url) => url_of_module_file(url)?,
                Expression::BinaryExpression(sum) if is_import_meta_url(&sum.left) => {
                    // `<module's URL>/../x` is `x` next to the module.
                    let rest = constant_string(&sum.right)?;
                    format!("./{}", rest.strip_prefix("/../")?)
                }
                _ => return None,
            }
        }
        _ => literal_specifier(semantic, file)?,
    };
    (specifier.starts_with("./") || specifier.starts_with("../")).then_some(specifier)
}

/// `'./x'` of `new URL('./x', import.meta.url)`.
fn url_of_module_file(url: &oxc_ast::ast::NewExpression<'_>) -> Option<String> {
    let is_url = matches!(&url.callee, Expression::Identifier(id) if id.name == "URL");
    let base = url.arguments.get(1).and_then(Argument::as_expression)?;
    if !is_url || !is_import_meta_url(base) {
        return None;
    }
    constant_string(url.arguments.first()?.as_expression()?)
}

fn is_import_meta_url(expression: &Expression<'_>) -> bool {
    matches!(expression, Expression::StaticMemberExpression(member)
        if member.property.name == "url" && matches!(member.object, Expression::ImportMeta(_)))
}

/// `fileURLToPath` or `<x>.fileURLToPath`.
fn is_file_url_to_path(callee: &Expression<'_>) -> bool {
    match callee {
        Expression::Identifier(id) => id.name == "fileURLToPath",
        Expression::StaticMemberExpression(member) => member.property.name == "fileURLToPath",
        _ => false,
    }
}
