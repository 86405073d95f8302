//! Writes to a language intrinsic's own object (ours; the reference has none): `Object.foo =
//! v`, `Math[k] = v`, `Object.defineProperty(Object.keys, ...)`, and through a binding that
//! may hold an intrinsic (deep-equal 1.0's `exports = module.exports = typeof Object.keys ===
//! 'function' ? Object.keys : shim; exports.shim = shim`). After `lockdown()` every intrinsic
//! is frozen and such a write throws at load; the package can only run in a realm of its
//! own, which assembly then asks for (`env: "unfrozen"`, autopolicy/assemble.rs).
//!
//! Prototypes do not count (`Object.prototype.x = v`, `Object.defineProperty(Array.prototype,
//! ...)`): a realm of its own gives the package its own prototypes, which the objects of
//! other packages do not inherit from, so what it adds there would be missing anyway.
//!
//! The file is analysed flow-insensitively: a binding that is assigned a possible intrinsic
//! anywhere is taken to hold it at every write through it.

use std::collections::BTreeSet;

use oxc_ast::ast::{
    Argument, AssignmentTarget, BindingPattern, Expression, IdentifierReference, MemberExpression,
};
use oxc_ast::AstKind;
use oxc_semantic::{NodeId, Semantic, SymbolId};
use oxc_span::GetSpan;
use oxc_span::Span;
use oxc_syntax::operator::{AssignmentOperator, BinaryOperator, LogicalOperator, UnaryOperator};

use super::compat::NAMED_INTRINSICS;
use super::{is_free, GLOBAL_OBJECT_NAMES};

/// Intrinsics SES also freezes that the reference's list (compat.rs) leaves out.
const MORE_INTRINSICS: [&str; 6] = [
    "AggregateError",
    "Atomics",
    "FinalizationRegistry",
    "Iterator",
    "SharedArrayBuffer",
    "WeakRef",
];

/// Members that lead to a prototype rather than to the intrinsic's own object.
const PROTOTYPE_MEMBERS: [&str; 2] = ["prototype", "__proto__"];

/// Properties SES keeps as assignable accessors (on `Error`): assigning them works frozen.
const ASSIGNABLE_PROPERTIES: [&str; 2] = ["stackTraceLimit", "prepareStackTrace"];

/// Members of an intrinsic whose value is a primitive (a number, a string, a symbol): what a
/// binding holds after `x = Error.stackTraceLimit` is no object, and a write through it
/// (`x[i] = v`, when a minifier reuses the variable, as React 19's createElement does with
/// `childArray`) cannot change an intrinsic. A member qualified with its intrinsic is one of
/// that intrinsic only.
const PRIMITIVE_MEMBERS: &[&str] = &[
    "length",
    "name",
    "stackTraceLimit",
    "Math.E",
    "Math.LN10",
    "Math.LN2",
    "Math.LOG10E",
    "Math.LOG2E",
    "Math.PI",
    "Math.SQRT1_2",
    "Math.SQRT2",
    "Number.EPSILON",
    "Number.MAX_SAFE_INTEGER",
    "Number.MAX_VALUE",
    "Number.MIN_SAFE_INTEGER",
    "Number.MIN_VALUE",
    "Number.NaN",
    "Number.NEGATIVE_INFINITY",
    "Number.POSITIVE_INFINITY",
    "Symbol.asyncIterator",
    "Symbol.hasInstance",
    "Symbol.isConcatSpreadable",
    "Symbol.iterator",
    "Symbol.match",
    "Symbol.matchAll",
    "Symbol.replace",
    "Symbol.search",
    "Symbol.species",
    "Symbol.split",
    "Symbol.toPrimitive",
    "Symbol.toStringTag",
    "Symbol.unscopables",
];

/// Static members of the intrinsics that every supported Node (20 and later) has: a write of
/// one behind a test of its absence (`if (!String.fromCodePoint) ...`, sax) never runs, so it
/// asks for no realm. Members of later Nodes (`Promise.withResolvers`, Node 22) are not here:
/// under Node 20 their polyfill runs. `Symbol.dispose` and `Symbol.asyncDispose` came with
/// Node 20.4; what polyfills them (rolldown, for vite 8 and vitest 4) needs a later Node anyway.
const MEMBERS_OF_EVERY_NODE: &[&str] = &[
    "Array.from",
    "Array.isArray",
    "Array.of",
    "ArrayBuffer.isView",
    "BigInt.asIntN",
    "BigInt.asUintN",
    "Date.UTC",
    "Date.now",
    "Date.parse",
    "JSON.parse",
    "JSON.stringify",
    "Math.abs",
    "Math.acos",
    "Math.acosh",
    "Math.asin",
    "Math.asinh",
    "Math.atan",
    "Math.atan2",
    "Math.atanh",
    "Math.cbrt",
    "Math.ceil",
    "Math.clz32",
    "Math.cos",
    "Math.cosh",
    "Math.exp",
    "Math.expm1",
    "Math.floor",
    "Math.fround",
    "Math.hypot",
    "Math.imul",
    "Math.log",
    "Math.log10",
    "Math.log1p",
    "Math.log2",
    "Math.max",
    "Math.min",
    "Math.pow",
    "Math.random",
    "Math.round",
    "Math.sign",
    "Math.sin",
    "Math.sinh",
    "Math.sqrt",
    "Math.tan",
    "Math.tanh",
    "Math.trunc",
    "Number.EPSILON",
    "Number.MAX_SAFE_INTEGER",
    "Number.MIN_SAFE_INTEGER",
    "Number.isFinite",
    "Number.isInteger",
    "Number.isNaN",
    "Number.isSafeInteger",
    "Number.parseFloat",
    "Number.parseInt",
    "Object.assign",
    "Object.create",
    "Object.defineProperties",
    "Object.defineProperty",
    "Object.entries",
    "Object.freeze",
    "Object.fromEntries",
    "Object.getOwnPropertyDescriptor",
    "Object.getOwnPropertyDescriptors",
    "Object.getOwnPropertyNames",
    "Object.getOwnPropertySymbols",
    "Object.getPrototypeOf",
    "Object.hasOwn",
    "Object.is",
    "Object.isExtensible",
    "Object.isFrozen",
    "Object.isSealed",
    "Object.keys",
    "Object.preventExtensions",
    "Object.seal",
    "Object.setPrototypeOf",
    "Object.values",
    "Promise.all",
    "Promise.allSettled",
    "Promise.any",
    "Promise.race",
    "Promise.reject",
    "Promise.resolve",
    "Reflect.apply",
    "Reflect.construct",
    "Reflect.defineProperty",
    "Reflect.deleteProperty",
    "Reflect.get",
    "Reflect.getOwnPropertyDescriptor",
    "Reflect.getPrototypeOf",
    "Reflect.has",
    "Reflect.isExtensible",
    "Reflect.ownKeys",
    "Reflect.preventExtensions",
    "Reflect.set",
    "Reflect.setPrototypeOf",
    "String.fromCharCode",
    "String.fromCodePoint",
    "String.raw",
    "Symbol.asyncDispose",
    "Symbol.asyncIterator",
    "Symbol.dispose",
    "Symbol.for",
    "Symbol.hasInstance",
    "Symbol.isConcatSpreadable",
    "Symbol.iterator",
    "Symbol.keyFor",
    "Symbol.match",
    "Symbol.matchAll",
    "Symbol.replace",
    "Symbol.search",
    "Symbol.species",
    "Symbol.split",
    "Symbol.toPrimitive",
    "Symbol.toStringTag",
    "Symbol.unscopables",
];

/// A variable or CommonJS module slot that can hold a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Binding {
    Symbol(SymbolId),
    /// CommonJS's `exports` parameter (free to the analyser: Node's wrapper declares it).
    Exports,
    /// CommonJS's `module.exports`.
    ModuleExports,
}

/// Where a value may come from: an intrinsic's own object, or what a binding holds (or a
/// member of either, prototypes aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Intrinsic,
    Binding(Binding),
}

pub struct IntrinsicWriteCollector {
    is_esm: bool,
    /// `binding` may be assigned a value of `origin`.
    flows: BTreeSet<(Binding, Origin)>,
    /// A property of a value of `origin` is written by the expression at `span`.
    writes: Vec<(Origin, Span)>,
}

impl IntrinsicWriteCollector {
    pub fn new(is_esm: bool) -> Self {
        Self {
            is_esm,
            flows: BTreeSet::new(),
            writes: Vec::new(),
        }
    }

    /// The node kinds `visit` looks at; the module's pass over its nodes (mod.rs) calls it for
    /// these only, which saves a call per node of every other kind.
    pub fn looks_at(kind: &AstKind<'_>) -> bool {
        matches!(
            kind,
            AstKind::AssignmentExpression(_)
                | AstKind::VariableDeclarator(_)
                | AstKind::CallExpression(_)
        )
    }

    pub fn visit(&mut self, semantic: &Semantic<'_>, node: NodeId) {
        match semantic.nodes().kind(node) {
            AstKind::AssignmentExpression(assignment) => match &assignment.left {
                AssignmentTarget::AssignmentTargetIdentifier(ident) => {
                    if let Some(binding) = self.identifier_binding(semantic, ident) {
                        self.flow(semantic, binding, &assignment.right);
                    }
                }
                target => {
                    let Some(member) = target.as_member_expression() else {
                        return;
                    };
                    if let Some(binding) = self.module_exports(semantic, member) {
                        self.flow(semantic, binding, &assignment.right);
                    }
                    let assignable = member
                        .static_property_name()
                        .is_some_and(|name| ASSIGNABLE_PROPERTIES.contains(&name))
                        || is_date_now_polyfill(semantic, member, &assignment.right)
                        || member.static_property_name().is_some_and(|name| {
                            is_unneeded_polyfill(semantic, node, member.object(), name)
                        })
                        || is_shared_reflect(semantic, member.object());
                    if !assignable {
                        self.write(semantic, member.object(), assignment.span);
                    }
                }
            },
            AstKind::VariableDeclarator(declarator) => {
                if let (BindingPattern::BindingIdentifier(id), Some(init)) =
                    (&declarator.id, &declarator.init)
                {
                    if let Some(symbol) = id.symbol_id.get() {
                        self.flow(semantic, Binding::Symbol(symbol), init);
                    }
                }
            }
            AstKind::CallExpression(call) if defines_on_first_argument(semantic, &call.callee) => {
                let Some(target) = call.arguments.first().and_then(Argument::as_expression) else {
                    return;
                };
                let defined = match call.arguments.get(1) {
                    Some(Argument::StringLiteral(name)) => Some(name.value.as_str()),
                    _ => None,
                };
                if !defined.is_some_and(|name| is_unneeded_polyfill(semantic, node, target, name)) {
                    self.write(semantic, target, call.span);
                }
            }
            _ => {}
        }
    }

    fn flow(&mut self, semantic: &Semantic<'_>, binding: Binding, value: &Expression<'_>) {
        let mut origins = Vec::new();
        self.origins(semantic, value, &mut origins);
        self.flows
            .extend(origins.into_iter().map(|origin| (binding, origin)));
    }

    fn write(&mut self, semantic: &Semantic<'_>, object: &Expression<'_>, span: Span) {
        if let Some(origin) = self.member_base(semantic, object) {
            self.writes.push((origin, span));
        }
    }

    /// The origins `value` may have: the value itself, either branch of `?:`, either side
    /// of `||` and `??`, the right side of `&&`, of an assignment and of a comma.
    fn origins(&self, semantic: &Semantic<'_>, value: &Expression<'_>, out: &mut Vec<Origin>) {
        match value {
            Expression::ConditionalExpression(conditional) => {
                self.origins(semantic, &conditional.consequent, out);
                self.origins(semantic, &conditional.alternate, out);
            }
            Expression::LogicalExpression(logical) => {
                if logical.operator != LogicalOperator::And {
                    self.origins(semantic, &logical.left, out);
                }
                self.origins(semantic, &logical.right, out);
            }
            Expression::AssignmentExpression(assignment) => {
                self.origins(semantic, &assignment.right, out)
            }
            Expression::SequenceExpression(sequence) => {
                if let Some(last) = sequence.expressions.last() {
                    self.origins(semantic, last, out);
                }
            }
            _ => out.extend(self.member_base(semantic, value)),
        }
    }

    /// `expression` is an intrinsic, a binding, or a chain of named members below one, no
    /// member leading to a prototype: the origin of its value.
    fn member_base(&self, semantic: &Semantic<'_>, expression: &Expression<'_>) -> Option<Origin> {
        match expression {
            Expression::Identifier(ident) => {
                if is_free(semantic, ident) && is_intrinsic(&ident.name) {
                    return Some(Origin::Intrinsic);
                }
                self.identifier_binding(semantic, ident)
                    .map(Origin::Binding)
            }
            Expression::StaticMemberExpression(member) => {
                let name = member.property.name.as_str();
                if PROTOTYPE_MEMBERS.contains(&name) {
                    return None;
                }
                if let Expression::Identifier(object) = &member.object {
                    if GLOBAL_OBJECT_NAMES.contains(&object.name.as_str())
                        && is_free(semantic, object)
                    {
                        return is_intrinsic(name).then_some(Origin::Intrinsic);
                    }
                }
                match self.module_exports_static(semantic, &member.object, name) {
                    Some(binding) => Some(Origin::Binding(binding)),
                    None => {
                        let base = self.member_base(semantic, &member.object)?;
                        if base == Origin::Intrinsic && is_primitive_member(&member.object, name) {
                            return None;
                        }
                        Some(base)
                    }
                }
            }
            _ => None,
        }
    }

    /// A variable, or CommonJS's free `exports`.
    fn identifier_binding(
        &self,
        semantic: &Semantic<'_>,
        ident: &IdentifierReference<'_>,
    ) -> Option<Binding> {
        let reference = semantic.scoping().get_reference(ident.reference_id.get()?);
        match reference.symbol_id() {
            Some(symbol) => Some(Binding::Symbol(symbol)),
            None => (!self.is_esm && ident.name == "exports").then_some(Binding::Exports),
        }
    }

    /// `member` is CommonJS's `module.exports`.
    fn module_exports(
        &self,
        semantic: &Semantic<'_>,
        member: &MemberExpression<'_>,
    ) -> Option<Binding> {
        self.module_exports_static(semantic, member.object(), member.static_property_name()?)
    }

    fn module_exports_static(
        &self,
        semantic: &Semantic<'_>,
        object: &Expression<'_>,
        property: &str,
    ) -> Option<Binding> {
        let Expression::Identifier(module) = object else {
            return None;
        };
        let is_it = !self.is_esm
            && property == "exports"
            && module.name == "module"
            && is_free(semantic, module);
        is_it.then_some(Binding::ModuleExports)
    }

    /// Spans of the writes to an intrinsic's own object, in source order.
    pub fn finish(self) -> Vec<Span> {
        let mut holders: BTreeSet<Binding> = BTreeSet::new();
        // Bindings assigned an intrinsic, then those assigned from such a binding, until none
        // is added.
        loop {
            let before = holders.len();
            for (binding, origin) in &self.flows {
                let holds = match origin {
                    Origin::Intrinsic => true,
                    Origin::Binding(source) => holders.contains(source),
                };
                if holds {
                    holders.insert(*binding);
                }
            }
            if holders.len() == before {
                break;
            }
        }
        let mut spans: Vec<Span> = self
            .writes
            .into_iter()
            .filter(|(origin, _)| match origin {
                Origin::Intrinsic => true,
                Origin::Binding(binding) => holders.contains(binding),
            })
            .map(|(_, span)| span)
            .collect();
        spans.sort_by_key(|span| (span.start, span.end));
        spans.dedup();
        spans
    }
}

/// `object.name` is a member of an intrinsic that holds a primitive (`PRIMITIVE_MEMBERS`):
/// `object` is the intrinsic itself, named or read from the global object.
fn is_primitive_member(object: &Expression<'_>, name: &str) -> bool {
    let intrinsic = match object {
        Expression::Identifier(ident) => ident.name.as_str(),
        Expression::StaticMemberExpression(member) => member.property.name.as_str(),
        _ => return false,
    };
    PRIMITIVE_MEMBERS
        .iter()
        .any(|member| *member == name || member.split_once('.') == Some((intrinsic, name)))
}

/// `Object.defineProperty`, `Object.defineProperties`, `Object.assign` or
/// `Reflect.defineProperty`, each of which changes its first argument.
fn defines_on_first_argument(semantic: &Semantic<'_>, callee: &Expression<'_>) -> bool {
    let Expression::StaticMemberExpression(member) = callee else {
        return false;
    };
    let Expression::Identifier(object) = &member.object else {
        return false;
    };
    let method = member.property.name.as_str();
    is_free(semantic, object)
        && match object.name.as_str() {
            "Object" => matches!(method, "defineProperty" | "defineProperties" | "assign"),
            "Reflect" => method == "defineProperty",
            _ => false,
        }
}

/// `Date.now = Date.now || f` (bcryptjs): the runtime lets `Date.now` be assigned the value
/// it has (lib/realm/override-taming.js), which is what happens under Node.
fn is_date_now_polyfill(
    semantic: &Semantic<'_>,
    target: &MemberExpression<'_>,
    value: &Expression<'_>,
) -> bool {
    let is_date_now = |member: &MemberExpression<'_>| {
        matches!(member.object(), Expression::Identifier(date)
            if date.name == "Date" && is_free(semantic, date))
            && member.static_property_name() == Some("now")
            && !member.is_computed()
    };
    let Expression::LogicalExpression(logical) = value else {
        return false;
    };
    logical.operator != LogicalOperator::And
        && is_date_now(target)
        && logical.left.as_member_expression().is_some_and(is_date_now)
}

/// The write at `node` of `object.name` is a polyfill every supported Node makes unneeded:
/// `object` is a free intrinsic, `object.name` a member of every Node, and the write sits
/// where only that member's absence leads (`if (!X.y) {...}`, `if (typeof X.y !==
/// 'function')`, `X.y === undefined`, `X.y == null`, `!('y' in X)`, or `X.y || (X.y = f)`),
/// or assigns only in its absence itself (`X.y ??= f`, `X.y ||= f`: every such member is
/// truthy, and a frozen intrinsic is then not written).
fn is_unneeded_polyfill(
    semantic: &Semantic<'_>,
    node: NodeId,
    object: &Expression<'_>,
    name: &str,
) -> bool {
    let Expression::Identifier(intrinsic) = object else {
        return false;
    };
    if !is_free(semantic, intrinsic)
        || !MEMBERS_OF_EVERY_NODE.contains(&format!("{}.{name}", intrinsic.name).as_str())
    {
        return false;
    }
    let nodes = semantic.nodes();
    if matches!(nodes.kind(node), AstKind::AssignmentExpression(assignment)
        if matches!(assignment.operator, AssignmentOperator::LogicalNullish | AssignmentOperator::LogicalOr))
    {
        return true;
    }
    let mut inner = node;
    for ancestor in nodes.ancestor_ids(node) {
        let guarded = match nodes.kind(ancestor) {
            AstKind::IfStatement(statement) => {
                statement
                    .consequent
                    .span()
                    .contains_inclusive(nodes.kind(inner).span())
                    && tests_absence(&statement.test, &intrinsic.name, name)
            }
            AstKind::LogicalExpression(logical) => {
                logical.operator == LogicalOperator::Or
                    && logical
                        .right
                        .span()
                        .contains_inclusive(nodes.kind(inner).span())
                    && is_member(&logical.left, &intrinsic.name, name)
            }
            _ => false,
        };
        if guarded {
            return true;
        }
        inner = ancestor;
    }
    false
}

/// `expression` is `object.name` (a static member of the free name `object`).
fn is_member(expression: &Expression<'_>, object: &str, name: &str) -> bool {
    matches!(expression.without_parentheses(), Expression::StaticMemberExpression(member)
        if member.property.name == name
            && matches!(&member.object, Expression::Identifier(base) if base.name == object))
}

/// `test` holds only where `object.name` is absent.
fn tests_absence(test: &Expression<'_>, object: &str, name: &str) -> bool {
    match test.without_parentheses() {
        Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::LogicalNot => {
            match unary.argument.without_parentheses() {
                Expression::BinaryExpression(binary) => {
                    binary.operator == BinaryOperator::In
                        && matches!(&binary.left, Expression::StringLiteral(key) if key.value == name)
                        && matches!(&binary.right, Expression::Identifier(base) if base.name == object)
                }
                argument => is_member(argument, object, name),
            }
        }
        Expression::BinaryExpression(binary) => {
            let (member_side, other) = (&binary.left, &binary.right);
            match binary.operator {
                BinaryOperator::StrictInequality | BinaryOperator::Inequality => {
                    is_typeof_member(member_side, object, name)
                        && matches!(other, Expression::StringLiteral(kind) if kind.value == "function")
                }
                BinaryOperator::StrictEquality | BinaryOperator::Equality => {
                    (is_typeof_member(member_side, object, name)
                        && matches!(other, Expression::StringLiteral(kind) if kind.value == "undefined"))
                        || (is_member(member_side, object, name)
                            && (other.is_undefined() || other.is_null()))
                }
                _ => false,
            }
        }
        _ => false,
    }
}

fn is_typeof_member(expression: &Expression<'_>, object: &str, name: &str) -> bool {
    matches!(expression.without_parentheses(), Expression::UnaryExpression(unary)
        if unary.operator == UnaryOperator::Typeof && is_member(&unary.argument, object, name))
}

/// `Reflect.x = v` extends the shared Reflect (lib/realm/shared-reflect.js), which a
/// `"Reflect": "write"` grant allows (analyze/globals.rs), not a realm of its own.
fn is_shared_reflect(semantic: &Semantic<'_>, object: &Expression<'_>) -> bool {
    matches!(object, Expression::Identifier(reflect) if reflect.name == "Reflect" && is_free(semantic, reflect))
}

fn is_intrinsic(name: &str) -> bool {
    NAMED_INTRINSICS.contains(&name) || MORE_INTRINSICS.contains(&name)
}
