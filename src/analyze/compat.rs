//! SES-compatibility findings (spec §6): primordial mutations and strict-mode violations.

use oxc_ast::ast::{Expression, IdentifierReference};
use oxc_ast::AstKind;
use oxc_semantic::{AstNodes, NodeId};
use oxc_span::{GetSpan, Span};
use oxc_syntax::operator::UnaryOperator;

use super::StrictModeViolation;

/// Globals that SES shares between compartments and freezes (the named intrinsics of its
/// permits that exist on Node's global object).
pub(super) const NAMED_INTRINSICS: [&str; 50] = [
    "eval",
    "isFinite",
    "isNaN",
    "parseFloat",
    "parseInt",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "Object",
    "Function",
    "Boolean",
    "Symbol",
    "Error",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
    "Number",
    "BigInt",
    "Math",
    "Date",
    "String",
    "RegExp",
    "Array",
    "BigInt64Array",
    "BigUint64Array",
    "Float32Array",
    "Float64Array",
    "Int16Array",
    "Int32Array",
    "Int8Array",
    "Uint16Array",
    "Uint32Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "ArrayBuffer",
    "DataView",
    "JSON",
    "Promise",
    "Reflect",
    "Proxy",
    "escape",
    "unescape",
];

/// Intrinsic properties SES keeps as accessors, so assigning them is fine.
const ASSIGNABLE_INTRINSIC_PATHS: [[&str; 2]; 2] =
    [["Error", "stackTraceLimit"], ["Error", "prepareStackTrace"]];

/// Words reserved only in strict mode. Asked of every identifier of every file: a `match`
/// compiles to a switch on the length, where a list is compared entry by entry.
fn is_strict_reserved_word(name: &str) -> bool {
    matches!(
        name,
        "implements"
            | "interface"
            | "let"
            | "package"
            | "private"
            | "protected"
            | "public"
            | "static"
            | "yield"
    )
}

/// `ident` is a free reference. Returns the assignment's span when it is the base of an
/// assignment target like `Array.prototype.x = ...` on a named intrinsic.
pub fn primordial_mutation(
    nodes: &AstNodes<'_>,
    node: NodeId,
    ident: &IdentifierReference<'_>,
) -> Option<Span> {
    let name = ident.name.as_str();
    if !NAMED_INTRINSICS.contains(&name) {
        return None;
    }
    // Property names from the base outward; `None` where the reference sees no name
    // (computed literal keys, private names).
    let mut path: Vec<Option<&str>> = vec![Some(name)];
    let mut current = node;
    let mut outermost_is_named_static = false;
    loop {
        let parent = nodes.parent_id(current);
        let current_span = nodes.kind(current).span();
        match nodes.kind(parent) {
            AstKind::StaticMemberExpression(member) if member.object.span() == current_span => {
                path.push(Some(member.property.name.as_str()));
                outermost_is_named_static = true;
            }
            AstKind::ComputedMemberExpression(member) if member.object.span() == current_span => {
                let key = match &member.expression {
                    Expression::Identifier(key) => Some(key.name.as_str()),
                    _ => None,
                };
                path.push(key);
                outermost_is_named_static = false;
            }
            AstKind::PrivateFieldExpression(member) if member.object.span() == current_span => {
                path.push(None);
                outermost_is_named_static = false;
            }
            AstKind::AssignmentExpression(assignment)
                if path.len() > 1
                    && outermost_is_named_static
                    && assignment.left.span() == current_span =>
            {
                let assignable = ASSIGNABLE_INTRINSIC_PATHS.iter().any(|allowed| {
                    path.len() == allowed.len()
                        && path.iter().zip(allowed).all(|(a, b)| *a == Some(*b))
                });
                return (!assignable).then_some(assignment.span);
            }
            _ => return None,
        }
        current = parent;
    }
}

/// Collects what Babel, parsing every file as strict module code, reports as strict-mode
/// violations: reserved words, legacy octal literals and escapes, `with`, `delete name`.
#[derive(Default)]
pub struct StrictModeChecker {
    found: Vec<StrictModeViolation>,
}

impl StrictModeChecker {
    /// The node kinds `check` looks at; the module's pass over its nodes (mod.rs) calls it for
    /// these only, which saves a call per node of every other kind.
    pub fn looks_at(kind: &AstKind<'_>) -> bool {
        matches!(
            kind,
            AstKind::IdentifierReference(_)
                | AstKind::BindingIdentifier(_)
                | AstKind::LabelIdentifier(_)
                | AstKind::NumericLiteral(_)
                | AstKind::StringLiteral(_)
                | AstKind::WithStatement(_)
                | AstKind::UnaryExpression(_)
        )
    }

    pub fn check(&mut self, kind: AstKind<'_>) {
        match kind {
            AstKind::IdentifierReference(ident) => {
                self.reserved_word(ident.name.as_str(), ident.span)
            }
            AstKind::BindingIdentifier(ident) => {
                self.reserved_word(ident.name.as_str(), ident.span)
            }
            AstKind::LabelIdentifier(ident) => self.reserved_word(ident.name.as_str(), ident.span),
            AstKind::NumericLiteral(literal) => {
                let raw = literal
                    .raw
                    .as_ref()
                    .map_or("", |raw| raw.as_str())
                    .as_bytes();
                if raw.len() >= 2 && raw[0] == b'0' && raw[1].is_ascii_digit() {
                    self.push(
                        literal.span.start,
                        "Legacy octal literals are not allowed in strict mode.",
                    );
                }
            }
            AstKind::StringLiteral(literal) => {
                if let Some(raw) = literal.raw.as_ref() {
                    self.octal_escapes(raw.as_str(), literal.span.start);
                }
            }
            AstKind::WithStatement(statement) => {
                self.push(statement.span.start, "'with' in strict mode.")
            }
            AstKind::UnaryExpression(unary)
                if unary.operator == UnaryOperator::Delete
                    && matches!(unary.argument, Expression::Identifier(_)) =>
            {
                self.push(unary.span.start, "Deleting local variable in strict mode.");
            }
            _ => {}
        }
    }

    fn reserved_word(&mut self, name: &str, span: Span) {
        if is_strict_reserved_word(name) {
            self.push(span.start, &format!("Unexpected reserved word '{name}'."));
        }
    }

    /// `\1`–`\9` and `\0` followed by a digit; reported at the character after the backslash.
    fn octal_escapes(&mut self, raw: &str, start: u32) {
        if !raw.contains('\\') {
            return;
        }
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] != b'\\' {
                i += 1;
                continue;
            }
            let escaped = bytes[i + 1];
            let next_is_digit = bytes.get(i + 2).is_some_and(u8::is_ascii_digit);
            if matches!(escaped, b'1'..=b'9') || (escaped == b'0' && next_is_digit) {
                let offset = start + u32::try_from(i + 1).unwrap_or(0);
                self.push(
                    offset,
                    "The only valid numeric escape in strict mode is '\\0'.",
                );
            }
            i += 2;
        }
    }

    fn push(&mut self, offset: u32, message: &str) {
        self.found.push(StrictModeViolation {
            offset,
            message: message.to_string(),
        });
    }

    pub fn finish(mut self) -> Vec<StrictModeViolation> {
        self.found.sort_by_key(|violation| violation.offset);
        self.found
    }
}
