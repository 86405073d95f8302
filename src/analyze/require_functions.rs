//! Which expressions evaluate to a `require` function, so that calling them is a require.
//!
//! Bundlers reach Node's `require` through wrappers: esbuild's shim `var __require = ((x) =>
//! typeof require !== "undefined" ? require : ...)(function (x) {...})` (prettier 3), and
//! rolldown's `function __require() { const require = createRequire(import.meta.url);
//! __require = () => require; return require; }` called as `__require()("fs")` (vitest).
//!
//! The rules are narrow on purpose: a policy must not grant what the code does not use, so an
//! expression counts only when every way it can be a function other than `require` is ruled
//! out or cannot call anything with the specifier (a branch that is `undefined` throws). A
//! variable holding the *result* of a require call (`var x = require('a')`) is never one.
//!
//! An expression is a require function when it is:
//! - the free `require` of CommonJS;
//! - a call of `createRequire` imported from `module` / `node:module`;
//! - a variable whose only declaration initialises it with a require function and whose
//!   every assignment assigns one;
//! - a conditional one of whose branches is one (`c ? require : x`), `a || b` / `a ?? b` one
//!   of whose sides is one, `a && b` whose right side is one, a sequence whose last
//!   expression is one;
//! - a call of a function whose returns are all require functions (at least one; never
//!   `async` or a generator): an immediately invoked arrow or function expression, or a
//!   declared function (or a variable initialised with an arrow or function expression)
//!   whose every assignment assigns such a function too;
//! - `module.require` of CommonJS's free `module` (Node's module objects have it);
//! - `eval("require")` of CommonJS, the free `eval`: a direct eval of the name.
//!
//! A call can also be a require with its specifier elsewhere than first: a call of a declared
//! function that only forwards to its module's require, `function dynamicRequire(mod, request)
//! { return mod.require(request); }` called as `dynamicRequire(module, 'module')`
//! (source-map-support hides its requires from bundlers so), is a require of its `request`
//! argument (see [`RequireFunctions::forwarded_specifier`]).
//!
//! Cycles count as "not a require function", which can only leave a require out.

use std::collections::HashMap;

use oxc_ast::ast::{
    Argument, ArrowFunctionExpression, AssignmentOperator, AssignmentTarget, BindingPattern,
    CallExpression, Expression, Function, FunctionBody, LogicalOperator, ReturnStatement,
    Statement,
};
use oxc_ast::AstKind;
use oxc_ast_visit::Visit;
use oxc_semantic::{NodeId, ReferenceId, Semantic, SymbolId};
use oxc_syntax::scope::ScopeFlags;

/// What a variable is known to hold.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Holds {
    /// A require function.
    Require,
    /// A function whose calls return a require function.
    RequireMaker,
}

pub struct RequireFunctions<'s, 'a> {
    semantic: &'s Semantic<'a>,
    /// The module is CommonJS: its free `require` is Node's.
    free_require: bool,
    /// Local names of `createRequire` imported from `module` / `node:module`.
    create_require: Vec<SymbolId>,
    /// Answers per variable; `false` while one is being worked out (a cycle).
    known: HashMap<(SymbolId, Holds), bool>,
}

impl<'s, 'a> RequireFunctions<'s, 'a> {
    pub fn new(
        semantic: &'s Semantic<'a>,
        free_require: bool,
        create_require: Vec<SymbolId>,
    ) -> Self {
        Self {
            semantic,
            free_require,
            create_require,
            known: HashMap::new(),
        }
    }

    /// Whether `expression` evaluates to a require function (or throws, or is never called).
    pub fn is_require(&mut self, expression: &Expression<'a>) -> bool {
        match expression {
            Expression::Identifier(ident) => {
                let Some(reference) = ident.reference_id.get() else {
                    return false;
                };
                match self.semantic.scoping().get_reference(reference).symbol_id() {
                    None => self.free_require && ident.name == "require",
                    Some(symbol) => self.holds(symbol, Holds::Require),
                }
            }
            Expression::ConditionalExpression(conditional) => {
                self.is_require(&conditional.consequent) || self.is_require(&conditional.alternate)
            }
            Expression::LogicalExpression(logical) => match logical.operator {
                // A function is truthy: `require && x` is `x`.
                LogicalOperator::And => self.is_require(&logical.right),
                LogicalOperator::Or | LogicalOperator::Coalesce => {
                    self.is_require(&logical.left) || self.is_require(&logical.right)
                }
            },
            Expression::SequenceExpression(sequence) => sequence
                .expressions
                .last()
                .is_some_and(|last| self.is_require(last)),
            Expression::StaticMemberExpression(member) => {
                member.property.name == "require" && self.is_free_module(&member.object)
            }
            Expression::CallExpression(call) => {
                if call.optional {
                    return false;
                }
                if self.is_eval_of_require(call) {
                    return true;
                }
                match &call.callee {
                    Expression::Identifier(ident) => {
                        let Some(reference) = ident.reference_id.get() else {
                            return false;
                        };
                        let Some(symbol) =
                            self.semantic.scoping().get_reference(reference).symbol_id()
                        else {
                            return false;
                        };
                        self.create_require.contains(&symbol)
                            || self.holds(symbol, Holds::RequireMaker)
                    }
                    callee => self.makes_require(callee),
                }
            }
            _ => false,
        }
    }

    /// `eval("require")` in CommonJS, the free `eval` (the webpack hack, threads.js's): a
    /// direct eval of the name, which is the module's `require` (src/ses_source.rs makes
    /// it so at run time).
    fn is_eval_of_require(&self, call: &CallExpression<'a>) -> bool {
        let Expression::Identifier(callee) = call.callee.without_parentheses() else {
            return false;
        };
        let is_free_eval = callee.name == "eval"
            && callee.reference_id.get().is_some_and(|reference| {
                self.semantic
                    .scoping()
                    .get_reference(reference)
                    .symbol_id()
                    .is_none()
            });
        self.free_require
            && is_free_eval
            && matches!(call.arguments.as_slice(), [Argument::StringLiteral(literal)] if literal.value == "require")
    }

    /// Whether `expression` is CommonJS's free `module`.
    fn is_free_module(&self, expression: &Expression<'a>) -> bool {
        let Expression::Identifier(ident) = expression else {
            return false;
        };
        self.free_require
            && ident.name == "module"
            && ident.reference_id.get().is_some_and(|reference| {
                self.semantic
                    .scoping()
                    .get_reference(reference)
                    .symbol_id()
                    .is_none()
            })
    }

    /// The index of the argument that is the specifier when `call` calls a declared function
    /// (never written to, not `async` nor a generator) whose whole body is `return
    /// p.require(q)`, `p` and `q` two of its plain parameters, with the free `module` as the
    /// argument for `p`: the call is a require of the argument for `q`.
    pub fn forwarded_specifier(&mut self, call: &CallExpression<'a>) -> Option<usize> {
        let Expression::Identifier(callee) = &call.callee else {
            return None;
        };
        let scoping = self.semantic.scoping();
        let symbol = scoping
            .get_reference(callee.reference_id.get()?)
            .symbol_id()?;
        let written = scoping
            .get_resolved_reference_ids(symbol)
            .iter()
            .any(|&id| scoping.get_reference(id).is_write());
        if written || !scoping.symbol_redeclarations(symbol).is_empty() {
            return None;
        }
        let AstKind::Function(function) = self
            .semantic
            .nodes()
            .kind(scoping.symbol_declaration(symbol))
        else {
            return None;
        };
        if function.r#async || function.generator || function.params.rest.is_some() {
            return None;
        }
        let [Statement::ReturnStatement(returned)] = function.body.as_ref()?.statements.as_slice()
        else {
            return None;
        };
        let Some(Expression::CallExpression(inner)) = &returned.argument else {
            return None;
        };
        let (Expression::StaticMemberExpression(member), [Argument::Identifier(request)]) =
            (&inner.callee, inner.arguments.as_slice())
        else {
            return None;
        };
        let Expression::Identifier(holder) = &member.object else {
            return None;
        };
        if member.property.name != "require" || inner.optional {
            return None;
        }
        let parameter_index = |name: &str| {
            function.params.items.iter().position(|item| {
                matches!(&item.pattern, BindingPattern::BindingIdentifier(binding) if binding.name == name)
                    && item.initializer.is_none()
            })
        };
        let holder_index = parameter_index(&holder.name)?;
        let request_index = parameter_index(&request.name)?;
        let holder_argument = call.arguments.get(holder_index)?.as_expression()?;
        self.is_free_module(holder_argument)
            .then_some(request_index)
    }

    /// Whether `expression` is a function (expression) whose calls return a require function.
    fn makes_require(&mut self, expression: &Expression<'a>) -> bool {
        match expression {
            Expression::ArrowFunctionExpression(arrow) => self.arrow_returns_require(arrow),
            Expression::FunctionExpression(function) => self.function_returns_require(function),
            Expression::Identifier(ident) => {
                let Some(reference) = ident.reference_id.get() else {
                    return false;
                };
                self.semantic
                    .scoping()
                    .get_reference(reference)
                    .symbol_id()
                    .is_some_and(|symbol| self.holds(symbol, Holds::RequireMaker))
            }
            _ => false,
        }
    }

    fn arrow_returns_require(&mut self, arrow: &ArrowFunctionExpression<'a>) -> bool {
        if arrow.r#async {
            return false;
        }
        match arrow.body.as_expression() {
            Some(expression) => self.is_require(expression),
            None => match arrow.body.as_function_body() {
                Some(body) => self.body_returns_require(body),
                None => false,
            },
        }
    }

    fn function_returns_require(&mut self, function: &Function<'a>) -> bool {
        if function.r#async || function.generator {
            return false;
        }
        function
            .body
            .as_ref()
            .is_some_and(|body| self.body_returns_require(body))
    }

    /// At least one `return`, and each returns a require function.
    fn body_returns_require(&mut self, body: &FunctionBody<'a>) -> bool {
        let mut returns = Returns {
            functions: self,
            count: 0,
            all_require: true,
        };
        returns.visit_function_body(body);
        returns.count > 0 && returns.all_require
    }

    fn holds(&mut self, symbol: SymbolId, holds: Holds) -> bool {
        if let Some(&known) = self.known.get(&(symbol, holds)) {
            return known;
        }
        self.known.insert((symbol, holds), false);
        let answer = self.work_out(symbol, holds);
        self.known.insert((symbol, holds), answer);
        answer
    }

    fn work_out(&mut self, symbol: SymbolId, holds: Holds) -> bool {
        let semantic = self.semantic;
        let scoping = semantic.scoping();
        if !scoping.symbol_redeclarations(symbol).is_empty() {
            return false;
        }
        let declared = match semantic.nodes().kind(scoping.symbol_declaration(symbol)) {
            AstKind::VariableDeclarator(declarator) => {
                let is_plain = matches!(&declarator.id, BindingPattern::BindingIdentifier(binding)
                    if binding.symbol_id.get() == Some(symbol));
                match (&declarator.init, holds) {
                    (Some(init), Holds::Require) if is_plain => self.is_require(init),
                    (Some(init), Holds::RequireMaker) if is_plain => self.makes_require(init),
                    _ => false,
                }
            }
            AstKind::Function(function) if holds == Holds::RequireMaker => {
                self.function_returns_require(function)
            }
            _ => false,
        };
        declared && self.assignments_keep(symbol, holds)
    }

    /// Every write to the variable is `x = <value>` of the same kind.
    fn assignments_keep(&mut self, symbol: SymbolId, holds: Holds) -> bool {
        let semantic = self.semantic;
        let scoping = semantic.scoping();
        let nodes = semantic.nodes();
        let writes: Vec<(ReferenceId, NodeId)> = scoping
            .get_resolved_reference_ids(symbol)
            .iter()
            .filter(|&&id| scoping.get_reference(id).is_write())
            .map(|&id| (id, scoping.get_reference(id).node_id()))
            .collect();
        for (reference, write) in writes {
            let AstKind::AssignmentExpression(assignment) = nodes.parent_kind(write) else {
                return false;
            };
            let is_target = matches!(&assignment.left, AssignmentTarget::AssignmentTargetIdentifier(target)
                if target.reference_id.get() == Some(reference));
            if !is_target || assignment.operator != AssignmentOperator::Assign {
                return false;
            }
            let keeps = match holds {
                Holds::Require => self.is_require(&assignment.right),
                Holds::RequireMaker => self.makes_require(&assignment.right),
            };
            if !keeps {
                return false;
            }
        }
        true
    }
}

/// The `return`s of one function body, nested functions aside.
struct Returns<'f, 's, 'a> {
    functions: &'f mut RequireFunctions<'s, 'a>,
    count: usize,
    all_require: bool,
}

impl<'a> Visit<'a> for Returns<'_, '_, 'a> {
    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        self.count += 1;
        if !self.all_require {
            return;
        }
        self.all_require = it
            .argument
            .as_ref()
            .is_some_and(|argument| self.functions.is_require(argument));
    }

    fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
}
