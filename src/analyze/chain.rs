//! The member chain above an expression (`x.a.b` above `x`) and what the chain is used for.

use oxc_ast::ast::VariableDeclarator;
use oxc_ast::AstKind;
use oxc_semantic::{AstNodes, NodeId};
use oxc_span::{GetSpan, Span};

/// What encloses a member chain, as the reference sees it.
pub enum ChainUse<'a> {
    /// The chain is the whole left side of an assignment (`x = ...`, `x.a = ...`).
    AssignmentTarget,
    /// The chain initialises a variable (`const { a } = x`).
    Declarator(&'a VariableDeclarator<'a>),
    Other,
}

pub struct MemberChain<'a> {
    /// Names of the non-computed accesses, innermost first; private names as `#name`.
    pub members: Vec<String>,
    pub used_as: ChainUse<'a>,
    /// The outermost expression of the chain (`start` itself when there is no member).
    pub top: NodeId,
}

/// Follows non-computed `.x` / `?.x` accesses outward from `start` (an expression node).
///
/// With two or more members the reference looks at the parent of the *innermost* member
/// (another member expression), so such chains are never writes nor declarator inits:
/// `a.b.c = 1` reads `a.b.c`, `const { x } = require("fs").a.b` uses `fs.a.b` whole.
pub fn member_chain<'a>(nodes: &AstNodes<'a>, start: NodeId) -> MemberChain<'a> {
    let mut members = Vec::new();
    let mut current = start;
    loop {
        let parent = nodes.parent_id(current);
        if parent == current {
            break;
        }
        let current_span = nodes.kind(current).span();
        match nodes.kind(parent) {
            AstKind::StaticMemberExpression(member) if member.object.span() == current_span => {
                members.push(member.property.name.as_str().to_string());
            }
            AstKind::PrivateFieldExpression(member) if member.object.span() == current_span => {
                members.push(format!("#{}", member.field.name.as_str()));
            }
            // `a?.b.c` wraps the whole chain; Babel has no such node.
            AstKind::ChainExpression(_) => {}
            _ => break,
        }
        current = parent;
    }
    let used_as = if members.len() >= 2 {
        ChainUse::Other
    } else {
        chain_use(nodes, current)
    };
    MemberChain {
        members,
        used_as,
        top: current,
    }
}

fn chain_use<'a>(nodes: &AstNodes<'a>, top: NodeId) -> ChainUse<'a> {
    let parent = nodes.parent_id(top);
    if parent == top {
        return ChainUse::Other;
    }
    let top_span = nodes.kind(top).span();
    match nodes.kind(parent) {
        AstKind::AssignmentExpression(assignment) if assignment.left.span() == top_span => {
            ChainUse::AssignmentTarget
        }
        AstKind::VariableDeclarator(declarator)
            if declarator
                .init
                .as_ref()
                .is_some_and(|init| init.span() == top_span) =>
        {
            ChainUse::Declarator(declarator)
        }
        _ => ChainUse::Other,
    }
}

/// Span of a node, for ordering and comparisons.
pub fn node_span(nodes: &AstNodes<'_>, id: NodeId) -> Span {
    nodes.kind(id).span()
}

/// Whether the expression `top` is written to, in any of the forms an assignment takes:
/// the left of `=` and of a compound or logical assignment (`+=`, `??=`, ...), the operand of
/// `++`/`--`, a target of a destructuring assignment (`({ a: x } = o)`, `[x] = a`,
/// `[...x] = a`, `[x = 1] = a`) and the left of `for (x in/of ...)`. Wider than
/// `ChainUse::AssignmentTarget`, which keeps the reference's view for plain names.
pub fn is_write_target(nodes: &AstNodes<'_>, top: NodeId) -> bool {
    let parent = nodes.parent_id(top);
    if parent == top {
        return false;
    }
    let top_span = nodes.kind(top).span();
    match nodes.kind(parent) {
        AstKind::AssignmentExpression(assignment) => assignment.left.span() == top_span,
        AstKind::UpdateExpression(_)
        | AstKind::ArrayAssignmentTarget(_)
        | AstKind::AssignmentTargetRest(_) => true,
        AstKind::AssignmentTargetWithDefault(target) => target.binding.span() == top_span,
        AstKind::AssignmentTargetPropertyProperty(property) => property.binding.span() == top_span,
        AstKind::ForInStatement(statement) => statement.left.span() == top_span,
        AstKind::ForOfStatement(statement) => statement.left.span() == top_span,
        _ => false,
    }
}
