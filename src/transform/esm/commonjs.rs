//! The names an ES module can import by name from a CommonJS module. Node decides them before
//! the CommonJS module runs, from its source (cjs-module-lexer); so does this, from the same
//! patterns: `exports.a = ...`, `module.exports.a = ...`, `exports['a'] = ...`,
//! `Object.defineProperty(exports, 'a', ...)`, the keys of `module.exports = { a, b: ... }`,
//! and the re-exports `module.exports = require('x')`, `__exportStar(require('x'), exports)`
//! and `__export(require('x'))` (TypeScript's output; the names of `x`).

use oxc_allocator::Allocator;
use oxc_ast::ast::{Argument, AssignmentTarget, Expression, ObjectPropertyKind, PropertyKey};
use oxc_ast::AstKind;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommonJsExports {
    /// Names in first-seen order, each once.
    pub names: Vec<String>,
    /// Specifiers of `module.exports = require('x')`.
    pub reexports: Vec<String>,
}

/// The named exports of a CommonJS module (nothing when it does not parse: the module's own
/// evaluation then reports the error).
pub fn commonjs_exports(source: &str) -> CommonJsExports {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::cjs()).parse();
    let mut found = CommonJsExports::default();
    if parsed.panicked {
        return found;
    }
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(&parsed.program)
        .semantic;
    for node in semantic.nodes().iter() {
        match node.kind() {
            AstKind::AssignmentExpression(assignment) => match &assignment.left {
                AssignmentTarget::StaticMemberExpression(member) if is_exports(&member.object) => {
                    found.add(member.property.name.as_str());
                }
                AssignmentTarget::ComputedMemberExpression(member)
                    if is_exports(&member.object) =>
                {
                    if let Expression::StringLiteral(name) = &member.expression {
                        found.add(name.value.as_str());
                    }
                }
                AssignmentTarget::StaticMemberExpression(member)
                    if is_module_exports_member(&member.object, member.property.name.as_str()) =>
                {
                    found.add_object(&assignment.right);
                }
                _ => {}
            },
            AstKind::CallExpression(call) if is_export_star_call(&call.callee) => {
                if let Some(argument) = call.arguments.first().and_then(Argument::as_expression) {
                    found.add_object(argument);
                }
            }
            AstKind::CallExpression(call) => {
                let Expression::StaticMemberExpression(callee) = &call.callee else {
                    continue;
                };
                let is_define = callee.property.name == "defineProperty"
                    && matches!(&callee.object, Expression::Identifier(object) if object.name == "Object");
                if !is_define || call.arguments.len() < 2 {
                    continue;
                }
                let target_is_exports = call.arguments[0].as_expression().is_some_and(is_exports);
                if let (true, Argument::StringLiteral(name)) =
                    (target_is_exports, &call.arguments[1])
                {
                    found.add(name.value.as_str());
                }
            }
            _ => {}
        }
    }
    found
}

impl CommonJsExports {
    fn add(&mut self, name: &str) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
    }

    /// `module.exports = { ... }` or `module.exports = require('x')`.
    fn add_object(&mut self, value: &Expression<'_>) {
        match value {
            Expression::ObjectExpression(object) => {
                for property in &object.properties {
                    let ObjectPropertyKind::ObjectProperty(property) = property else {
                        continue;
                    };
                    match &property.key {
                        PropertyKey::StaticIdentifier(key) => self.add(key.name.as_str()),
                        PropertyKey::StringLiteral(key) => self.add(key.value.as_str()),
                        _ => {}
                    }
                }
            }
            Expression::CallExpression(call) => {
                let is_require = matches!(&call.callee, Expression::Identifier(callee) if callee.name == "require");
                if let (true, Some(Argument::StringLiteral(specifier))) =
                    (is_require, call.arguments.first())
                {
                    self.reexports.push(specifier.value.to_string());
                }
            }
            _ => {}
        }
    }
}

/// TypeScript's re-export helpers: `__exportStar(...)`, `tslib.__exportStar(...)`,
/// `(0, tslib_1.__exportStar)(...)`, `__export(...)`.
fn is_export_star_call(callee: &Expression<'_>) -> bool {
    let name = match callee.without_parentheses() {
        Expression::Identifier(identifier) => identifier.name.as_str(),
        Expression::StaticMemberExpression(member) => member.property.name.as_str(),
        Expression::SequenceExpression(sequence) => match sequence.expressions.last() {
            Some(Expression::StaticMemberExpression(member)) => member.property.name.as_str(),
            _ => return false,
        },
        _ => return false,
    };
    name == "__exportStar" || name == "__export"
}

/// `exports` or `module.exports`.
fn is_exports(expression: &Expression<'_>) -> bool {
    match expression {
        Expression::Identifier(identifier) => identifier.name == "exports",
        Expression::StaticMemberExpression(member) => {
            is_module_exports_member(&member.object, member.property.name.as_str())
        }
        _ => false,
    }
}

/// `module.exports`, given as the object and property of a member expression.
fn is_module_exports_member(object: &Expression<'_>, property: &str) -> bool {
    property == "exports"
        && matches!(object, Expression::Identifier(identifier) if identifier.name == "module")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_and_define_property_export_names() {
        let found = commonjs_exports(
            "exports.a = 1; module.exports.b = 2; exports['c d'] = 3; Object.defineProperty(exports, 'e', { get() {} }); Object.defineProperty(module.exports, '__esModule', { value: true }); exports.a = 4",
        );
        assert_eq!(found.names, ["a", "b", "c d", "e", "__esModule"]);
    }

    #[test]
    fn an_object_literal_exports_its_keys_and_require_reexports() {
        let found = commonjs_exports(
            "function f() {}\nmodule.exports = { f, g: 1, 'h': 2, [k]: 3, ...rest }",
        );
        assert_eq!(found.names, ["f", "g", "h"]);
        let found = commonjs_exports("module.exports = require('./impl')");
        assert_eq!(found.reexports, ["./impl"]);
    }

    #[test]
    fn typescript_export_star_helpers_are_reexports() {
        let found = commonjs_exports(
            "__exportStar(require('./a'), exports);\ntslib_1.__exportStar(require('./b'), exports);\n(0, tslib_1.__exportStar)(require('./c'), exports);\n__export(require('./d'))",
        );
        assert_eq!(found.reexports, ["./a", "./b", "./c", "./d"]);
    }

    #[test]
    fn other_assignments_export_nothing() {
        assert_eq!(
            commonjs_exports(
                "module.exports = function () {}; other.x = 1; const exports2 = {}; exports2.y = 1"
            ),
            CommonJsExports::default()
        );
        assert_eq!(
            commonjs_exports("this is not javascript ((("),
            CommonJsExports::default()
        );
    }
}
