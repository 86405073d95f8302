//! Gives `this` of sloppy-mode functions its sloppy value in code that SES runs strict.
//!
//! Node runs a CommonJS file without `"use strict"` as sloppy code: a function called plainly
//! (`f()`, not `o.f()`) gets the global object as `this`. SES evaluates every module strict,
//! where it gets `undefined`, so code that reads the global that way (`@cspotcode/
//! source-map-support`'s `initializeSharedData()` does `this[key]`) breaks. Here each `this`
//! whose value is that of a sloppy, non-arrow function becomes `(this ?? G)`, `G` a name the
//! caller binds to the compartment's global object: the sloppy value for a receiver that is
//! `undefined` or `null`, the receiver itself otherwise (a method call keeps its receiver).
//! A `this` that starts a statement becomes `void 0, (this ?? G)`: a statement starting with
//! `(` would continue the previous line when that has no semicolon (`f()\nthis.x = 1` would
//! call `f()`'s result), one starting with `void` cannot.
//!
//! Left alone: code under a `"use strict"` directive (the file's, or a function's, which
//! covers what it encloses), class bodies (always strict: methods, field initializers,
//! static blocks; `this` in a field or static block is never nullish anyway), and the file's
//! top level, whose `this` is `module.exports`. An arrow function has no `this` of its own:
//! its `this` is rewritten when its enclosing function's is. Not kept: sloppy mode boxes a
//! primitive receiver (`typeof this` is `"object"` in `String.prototype.f`), here it stays
//! primitive.

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    AccessorProperty, ArrowFunctionExpression, Class, ExpressionStatement, Function, Program,
    PropertyDefinition, StaticBlock, ThisExpression,
};
use oxc_ast_visit::{walk, Visit};
use oxc_syntax::scope::ScopeFlags;

use crate::parse_thread::{on_parse_thread, parse_commonjs};

/// `source` (a CommonJS file V8 compiles) with each sloppy function's `this` read as
/// `(this ?? <global_name>)`; `None` when it has none or does not parse. `global_name` must
/// not occur in `source`, so that nothing in it can shadow or reassign it. Runs on the parse
/// thread (src/parse_thread.rs): check first that V8 compiles the file.
pub fn rewrite_sloppy_this(source: &str, global_name: &str) -> Option<String> {
    if !source.contains("this") {
        return None;
    }
    let (source, global_name) = (source.to_string(), global_name.to_string());
    on_parse_thread(move |allocator| rewrite_in(allocator, &source, &global_name))
}

fn rewrite_in(allocator: &Allocator, source: &str, global_name: &str) -> Option<String> {
    let program = parse_commonjs(allocator, source)?;
    let mut finder = SloppyThis::default();
    finder.visit_program(&program);
    if finder.found.is_empty() {
        return None;
    }
    let replacement = format!("(this ?? {global_name})");
    let mut out =
        String::with_capacity(source.len() + finder.found.len() * (replacement.len() + 8));
    let mut copied = 0;
    // Visited in source order: offsets ascend.
    for (start, starts_statement) in finder.found {
        out.push_str(&source[copied..start]);
        if starts_statement {
            out.push_str("void 0, ");
        }
        out.push_str(&replacement);
        copied = start + "this".len();
    }
    out.push_str(&source[copied..]);
    Some(out)
}

/// Collects the offsets of the `this` expressions to rewrite.
#[derive(Default)]
struct SloppyThis {
    /// Whether the code being visited is strict.
    strict: bool,
    /// Whether `this` here is that of a sloppy, non-arrow function.
    sloppy_this: bool,
    /// Where the innermost expression statement being visited starts.
    statement_start: Option<u32>,
    /// Offsets of the `this` to rewrite, and whether each starts a statement.
    found: Vec<(usize, bool)>,
}

impl SloppyThis {
    /// Visits with `strict` and `sloppy_this` set, then puts them back.
    fn within(&mut self, strict: bool, sloppy_this: bool, visit: impl FnOnce(&mut Self)) {
        let saved = (self.strict, self.sloppy_this);
        (self.strict, self.sloppy_this) = (strict, sloppy_this);
        visit(self);
        (self.strict, self.sloppy_this) = saved;
    }
}

impl<'a> Visit<'a> for SloppyThis {
    fn visit_program(&mut self, it: &Program<'a>) {
        // The top level's `this` is `module.exports`, never nullish.
        if !it.has_use_strict_directive() {
            walk::walk_program(self, it);
        }
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let strict = self.strict || it.has_use_strict_directive();
        self.within(strict, !strict, |v| walk::walk_function(v, it, flags));
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let strict = self.strict || it.has_use_strict_directive();
        self.within(strict, self.sloppy_this, |v| {
            walk::walk_arrow_function_expression(v, it)
        });
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        // `extends` and computed keys see the enclosing `this`; members have their own.
        self.within(true, self.sloppy_this, |v| walk::walk_class(v, it));
    }

    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        // The computed key sees the enclosing `this`, the initializer the instance or class.
        if it.computed {
            self.visit_property_key(&it.key);
        }
        if let Some(value) = &it.value {
            self.within(true, false, |v| v.visit_expression(value));
        }
    }

    fn visit_accessor_property(&mut self, it: &AccessorProperty<'a>) {
        if it.computed {
            self.visit_property_key(&it.key);
        }
        if let Some(value) = &it.value {
            self.within(true, false, |v| v.visit_expression(value));
        }
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        self.within(true, false, |v| walk::walk_static_block(v, it));
    }

    fn visit_expression_statement(&mut self, it: &ExpressionStatement<'a>) {
        // Pre-order: a `this` that starts the statement is visited before any nested one.
        self.statement_start = Some(it.span.start);
        walk::walk_expression_statement(self, it);
    }

    fn visit_this_expression(&mut self, it: &ThisExpression) {
        if self.sloppy_this {
            let starts_statement = self.statement_start == Some(it.span.start);
            self.found.push((it.span.start as usize, starts_statement));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite_sloppy_this as rewrite;

    #[test]
    fn plain_functions_and_their_arrows() {
        assert_eq!(
            rewrite("function f() { return this[k] }", "G").as_deref(),
            Some("function f() { return (this ?? G)[k] }")
        );
        assert_eq!(
            rewrite("var o = { m() { return () => this } }", "G").as_deref(),
            Some("var o = { m() { return () => (this ?? G) } }")
        );
    }

    #[test]
    fn a_statement_starting_with_this_does_not_continue_the_previous_line() {
        assert_eq!(
            rewrite("function f() { g()\n  this.x = 1; if (a) this.y() }", "G").as_deref(),
            Some(
                "function f() { g()\n  void 0, (this ?? G).x = 1; if (a) void 0, (this ?? G).y() }"
            )
        );
    }

    #[test]
    fn strict_code_and_the_top_level_stay() {
        assert_eq!(
            rewrite("'use strict'; function f() { return this }", "G"),
            None
        );
        assert_eq!(
            rewrite("function f() { 'use strict'; return () => this }", "G"),
            None
        );
        assert_eq!(rewrite("this.x = 1; var a = () => this", "G"), None);
        assert_eq!(
            rewrite("class A { m() { this } static { this } x = this }", "G"),
            None
        );
    }

    #[test]
    fn class_keys_and_heritage_see_the_enclosing_function() {
        assert_eq!(
            rewrite(
                "function f() { class A extends this.B { [this.k] = this } }",
                "G"
            )
            .as_deref(),
            Some("function f() { class A extends (this ?? G).B { [(this ?? G).k] = this } }")
        );
    }

    #[test]
    fn files_that_do_not_parse_stay() {
        assert_eq!(rewrite("function f() { this ) }", "G"), None);
    }
}
