//! Globals of a module (spec §3): free identifiers, their member paths, read or write.

use std::collections::{BTreeMap, BTreeSet};

use oxc_ast::ast::{BindingPattern, Expression, IdentifierReference, PropertyKey};
use oxc_ast::AstKind;
use oxc_semantic::{AstNodes, NodeId};
use oxc_span::GetSpan;
use oxc_span::Span;
use oxc_syntax::operator::{LogicalOperator, UnaryOperator};

use super::chain::{is_write_target, member_chain, ChainUse};
use super::GlobalUse;
use crate::policy::REGEXP_STATICS;

/// Names that refer to the global object itself; stripped when they start a path.
const GLOBAL_OBJECT_ALIASES: [&str; 7] = [
    "window",
    "self",
    "global",
    "globalThis",
    "top",
    "frames",
    "parent",
];

/// Scope variables of the CommonJS wrapper (and `arguments`).
const COMMONJS_NAMES: [&str; 4] = ["arguments", "require", "module", "exports"];
const ESM_NAMES: [&str; 3] = ["arguments", "import", "export"];

/// `Object.getOwnPropertyNames(Object.prototype)`: reachable as "globals" through the
/// global object's prototype, never granted.
const OBJECT_PROTOTYPE_NAMES: [&str; 12] = [
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "hasOwnProperty",
    "__lookupGetter__",
    "__lookupSetter__",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toString",
    "valueOf",
    "__proto__",
    "toLocaleString",
];

const LANGUAGE_NAMES: [&str; 3] = ["this", "arguments", "undefined"];

/// Intrinsics every compartment has; the reference never records them.
const INTRINSIC_NAMES: [&str; 54] = [
    "eval",
    "isFinite",
    "isNaN",
    "parseFloat",
    "parseInt",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "Array",
    "ArrayBuffer",
    "Boolean",
    "DataView",
    "Date",
    "Error",
    "EvalError",
    "Float32Array",
    "Float64Array",
    "Function",
    "Int8Array",
    "Int16Array",
    "Int32Array",
    "Map",
    "Number",
    "Object",
    "Promise",
    "Proxy",
    "RangeError",
    "ReferenceError",
    "RegExp",
    "Set",
    "SharedArrayBuffer",
    "String",
    "Symbol",
    "SyntaxError",
    "TypeError",
    "Uint8Array",
    "Uint8ClampedArray",
    "Uint16Array",
    "Uint32Array",
    "URIError",
    "WeakMap",
    "WeakSet",
    "Atomics",
    "JSON",
    "Math",
    "Reflect",
    "escape",
    "unescape",
    "BigInt",
    "BigInt64Array",
    "BigUint64Array",
    "NaN",
    "Infinity",
];

/// The standard members of `Reflect`, which every package has.
const REFLECT_MEMBERS: [&str; 13] = [
    "apply",
    "construct",
    "defineProperty",
    "deleteProperty",
    "get",
    "getOwnPropertyDescriptor",
    "getPrototypeOf",
    "has",
    "isExtensible",
    "ownKeys",
    "preventExtensions",
    "set",
    "setPrototypeOf",
];

/// The grant a use of an intrinsic's part needs, where it needs one: RegExp's legacy statics
/// (a channel between packages, src/policy/regexp_statics.rs), members added to the shared
/// `Reflect` (`Reflect.getMetadata`, read by decorator frameworks) and writing `Reflect` itself
/// (reflect-metadata's `root.Reflect = Reflect`: the package extends the shared `Reflect`,
/// lib/realm/shared-reflect.js). Reading one reads it whole.
fn granted_part_of_intrinsic(path: &[String], usage: GlobalUse) -> Option<(String, GlobalUse)> {
    match path {
        [top, name, ..] if top == "RegExp" && REGEXP_STATICS.contains(&name.as_str()) => {
            Some((format!("RegExp.{name}"), GlobalUse::Read))
        }
        // Assigning an added member extends the shared Reflect, as reflect-metadata does.
        [top, _] if top == "Reflect" && usage == GlobalUse::Write => {
            Some(("Reflect".to_string(), GlobalUse::Write))
        }
        [top, name, ..] if top == "Reflect" && !REFLECT_MEMBERS.contains(&name.as_str()) => {
            Some((format!("Reflect.{name}"), GlobalUse::Read))
        }
        [top] if top == "Reflect" && usage == GlobalUse::Write => {
            Some(("Reflect".to_string(), GlobalUse::Write))
        }
        _ => None,
    }
}

pub struct GlobalCollector {
    scope_names: &'static [&'static str],
    found: BTreeMap<String, GlobalUse>,
    presence_tests: BTreeSet<String>,
}

/// What a module uses of the globals.
pub struct ModuleGlobals {
    /// Paths reduced to the topmost ones, write winning over read.
    pub paths: BTreeMap<String, GlobalUse>,
    /// Names the module only tests for presence (`typeof X`, `X && X.y`, `if (X)`) and uses
    /// in no other way as a whole.
    pub presence_tests: BTreeSet<String>,
}

impl GlobalCollector {
    pub fn new(is_esm: bool) -> Self {
        let scope_names: &'static [&'static str] =
            if is_esm { &ESM_NAMES } else { &COMMONJS_NAMES };
        Self {
            scope_names,
            found: BTreeMap::new(),
            presence_tests: BTreeSet::new(),
        }
    }

    fn is_ignored(&self, name: &str) -> bool {
        self.scope_names.contains(&name) || OBJECT_PROTOTYPE_NAMES.contains(&name)
    }

    /// `node` is an identifier reference that no scope binds.
    pub fn visit_free_identifier<'a>(
        &mut self,
        nodes: &AstNodes<'a>,
        node: NodeId,
        ident: &IdentifierReference<'a>,
    ) {
        let name = ident.name.as_str();
        if self.is_ignored(name) || !is_reference_position(nodes, node, ident) {
            return;
        }
        let chain = member_chain(nodes, node);
        let mut path = Vec::with_capacity(chain.members.len() + 1);
        let is_global_object = GLOBAL_OBJECT_ALIASES.contains(&name);
        if !is_global_object {
            path.push(name.to_string());
        }
        path.extend(chain.members);
        // `globalThis.x++`, `({ a: globalThis.x } = o)`: writes, like `globalThis.x = v`.
        // A plain name keeps the reference's narrower view (only the left of `=` and
        // compound assignments).
        let used_as = if is_global_object && path.len() == 1 && is_write_target(nodes, chain.top) {
            ChainUse::AssignmentTarget
        } else {
            chain.used_as
        };
        self.record(nodes, node, path, used_as);
    }

    /// `base` is an expression holding the global object through an alias
    /// (`require("./globals").globalThisShim`, see aliases.rs): `base.x.y` is recorded as
    /// the global `x.y` would be, and `base.x` in a presence-test position (`typeof base.x`)
    /// as a presence test of `x`, like a bare `x` (the reference's rules for
    /// `globalThis.x` do not bind us here: it has no aliases). A string-literal key right
    /// after it (`base["setTimeout"]`) names a global too.
    ///
    /// `writes`: whether an assignment through `base` is a write. For a binding that a
    /// wrapper hands the global object (`(function (root) {...}(globalThis))`, see
    /// `aliases::global_object_bindings`) it is not: that is UMD's browser fallback
    /// (`root.Long = factory()`), which Node never reaches, and a "write" grant there would be
    /// a powerful grant for nothing. Assigning `Reflect` stays a write: it is how a package
    /// extends the shared Reflect (reflect-metadata).
    pub fn visit_global_object(&mut self, nodes: &AstNodes<'_>, base: NodeId, writes: bool) {
        let mut start = base;
        let mut path = Vec::new();
        let parent = nodes.parent_id(base);
        if let AstKind::ComputedMemberExpression(member) = nodes.kind(parent) {
            if let (true, Expression::StringLiteral(key)) = (
                member.object.span() == nodes.kind(base).span(),
                &member.expression,
            ) {
                path.push(key.value.to_string());
                start = parent;
            }
        }
        let chain = member_chain(nodes, start);
        path.extend(chain.members);
        // As for `globalThis.a.b`, a path of two or more names is never a write.
        let extends_reflect = path.first().is_some_and(|top| top == "Reflect");
        let used_as = if path.len() >= 2 || !(writes || extends_reflect) {
            ChainUse::Other
        } else if path.len() == 1 && is_write_target(nodes, chain.top) {
            ChainUse::AssignmentTarget
        } else {
            chain.used_as
        };
        self.record(nodes, chain.top, path, used_as);
    }

    /// `node` is the expression whose position decides whether a one-name path is only
    /// tested for presence.
    fn record(
        &mut self,
        nodes: &AstNodes<'_>,
        node: NodeId,
        mut path: Vec<String>,
        used_as: ChainUse<'_>,
    ) {
        if path.len() == 1 && is_presence_test(nodes, node, nodes.kind(node).span()) {
            // Deliberate difference from the reference: `typeof process === 'object' &&
            // process.env.X` needs no grant of `process` as a whole. The package decides
            // (autopolicy/assemble.rs) once all its modules are known.
            if !self.is_never_granted(&path[0]) {
                self.presence_tests.insert(path.remove(0));
            }
            return;
        }
        let usage = if matches!(used_as, ChainUse::AssignmentTarget) {
            GlobalUse::Write
        } else {
            GlobalUse::Read
        };
        match used_as {
            ChainUse::Declarator(declarator)
                if !matches!(declarator.id, BindingPattern::BindingIdentifier(_)) =>
            {
                for keys in pattern_keys(&declarator.id) {
                    let mut expanded = path.clone();
                    expanded.extend(keys);
                    self.add(&expanded, usage);
                }
            }
            _ => self.add(&path, usage),
        }
    }

    /// Intrinsics every compartment has, and names of the language or the module scope.
    fn is_never_granted(&self, top: &str) -> bool {
        INTRINSIC_NAMES.contains(&top) || LANGUAGE_NAMES.contains(&top) || self.is_ignored(top)
    }

    fn add(&mut self, path: &[String], usage: GlobalUse) {
        let Some(top) = path.first() else { return };
        let (key, usage) = match granted_part_of_intrinsic(path, usage) {
            Some(granted) => granted,
            None if self.is_never_granted(top) => return,
            None => (path.join("."), usage),
        };
        match self.found.get(&key) {
            Some(_) if usage != GlobalUse::Write => {}
            _ => {
                self.found.insert(key, usage);
            }
        }
    }

    /// The per-module result: each path once, descendants of a present path dropped.
    pub fn finish(self) -> ModuleGlobals {
        let paths = reduce_to_topmost(self.found);
        let presence_tests = self
            .presence_tests
            .into_iter()
            .filter(|name| !paths.contains_key(name))
            .collect();
        ModuleGlobals {
            paths,
            presence_tests,
        }
    }
}

/// Positions where a value is only tested for presence, parentheses aside: `typeof X`, `!X`,
/// `X && ...`, the test of `if`, `while`, `for` and `?:`, and `X == null` (any equality with
/// `null`, `undefined` or `void 0`). A minimal view of the paths a package is granted under
/// `X` passes each of these tests as the real value would.
fn is_presence_test(nodes: &AstNodes<'_>, node: NodeId, span: Span) -> bool {
    let is_it = |expression: &Expression<'_>| expression.span() == span;
    match nodes.parent_kind(node) {
        AstKind::UnaryExpression(unary) => {
            matches!(
                unary.operator,
                UnaryOperator::Typeof | UnaryOperator::LogicalNot
            )
        }
        AstKind::LogicalExpression(logical) => {
            logical.operator == LogicalOperator::And && is_it(&logical.left)
        }
        AstKind::ConditionalExpression(conditional) => is_it(&conditional.test),
        AstKind::IfStatement(statement) => is_it(&statement.test),
        AstKind::WhileStatement(statement) => is_it(&statement.test),
        AstKind::DoWhileStatement(statement) => is_it(&statement.test),
        AstKind::ForStatement(statement) => statement.test.as_ref().is_some_and(is_it),
        AstKind::BinaryExpression(binary) if binary.operator.is_equality() => {
            let other = if is_it(&binary.left) {
                &binary.right
            } else {
                &binary.left
            };
            other.is_null() || other.is_undefined() || other.is_void_0()
        }
        _ => false,
    }
}

/// Drops every path that has an ancestor path (split on `.`) in the map.
pub fn reduce_to_topmost<V>(mut paths: BTreeMap<String, V>) -> BTreeMap<String, V> {
    let shadowed: Vec<String> = paths
        .keys()
        .filter(|path| {
            path.match_indices('.')
                .any(|(dot, _)| paths.contains_key(&path[..dot]))
        })
        .cloned()
        .collect();
    for path in shadowed {
        paths.remove(&path);
    }
    paths
}

/// Positions Babel's identifier visitor does not treat as references although oxc does:
/// computed property names (`o[x]`, `{ [x]: 1 }`, class keys), export specifiers, rest
/// targets of destructuring assignments.
fn is_reference_position(
    nodes: &AstNodes<'_>,
    node: NodeId,
    ident: &IdentifierReference<'_>,
) -> bool {
    let span = ident.span;
    let computed_key = |computed: bool, key: &PropertyKey<'_>| computed && key.span() == span;
    match nodes.parent_kind(node) {
        AstKind::ComputedMemberExpression(member) => member.expression.span() != span,
        AstKind::ObjectProperty(property) => !computed_key(property.computed, &property.key),
        AstKind::BindingProperty(property) => !computed_key(property.computed, &property.key),
        AstKind::AssignmentTargetPropertyProperty(property) => {
            !computed_key(property.computed, &property.name)
        }
        AstKind::MethodDefinition(method) => !computed_key(method.computed, &method.key),
        AstKind::PropertyDefinition(property) => !computed_key(property.computed, &property.key),
        AstKind::ExportSpecifier(_) | AstKind::AssignmentTargetRest(_) => false,
        _ => true,
    }
}

/// Keys a destructuring pattern reads from its initialiser: `{ a: { b }, c }` → `a.b`, `c`;
/// array elements by index; a rest element or computed key means the whole value (one empty
/// path); string-keyed properties are skipped, as in the reference.
fn pattern_keys(pattern: &BindingPattern<'_>) -> Vec<Vec<String>> {
    match pattern {
        BindingPattern::BindingIdentifier(_) | BindingPattern::AssignmentPattern(_) => {
            vec![Vec::new()]
        }
        BindingPattern::ObjectPattern(object) => {
            if object.rest.is_some() || object.properties.iter().any(|p| p.computed) {
                return vec![Vec::new()];
            }
            let mut keys = Vec::new();
            for property in &object.properties {
                let PropertyKey::StaticIdentifier(key) = &property.key else {
                    continue;
                };
                for mut tail in pattern_keys(&property.value) {
                    tail.insert(0, key.name.as_str().to_string());
                    keys.push(tail);
                }
            }
            keys
        }
        BindingPattern::ArrayPattern(array) => {
            if array.rest.is_some() {
                return vec![Vec::new()];
            }
            let mut keys = Vec::new();
            for (index, element) in array.elements.iter().enumerate() {
                let Some(element) = element else { continue };
                for mut tail in pattern_keys(element) {
                    tail.insert(0, index.to_string());
                    keys.push(tail);
                }
            }
            keys
        }
    }
}
