//! No JS engine here: each case checks that the rewrite is valid strict code (parsed with oxc,
//! with its strict-mode checks) and has the shapes that carry the meaning; the behaviour is
//! run for real in __test__/runtime-with.test.js.

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

use super::rewrite_with_statements as rewrite;

/// The errors of `body` as the body of a strict function.
fn strict_errors(body: &str) -> Vec<String> {
    let allocator = Allocator::default();
    let source = format!("\"use strict\";(function(){{{body}\n}})");
    let parsed = Parser::new(&allocator, &source, SourceType::script()).parse();
    let mut errors: Vec<String> = parsed
        .diagnostics
        .errors()
        .map(|e| e.message.to_string())
        .collect();
    if errors.is_empty() {
        let semantic = SemanticBuilder::new()
            .with_check_syntax_error(true)
            .build(&parsed.program);
        errors.extend(semantic.diagnostics.iter().map(|e| e.message.to_string()));
    }
    errors
}

/// The rewrite of `body`, which must be sloppy-only code, checked to be strict code.
fn strict(body: &str) -> String {
    assert!(
        !strict_errors(body).is_empty(),
        "the input is already strict code: {body}"
    );
    let out = rewrite(body).expect("rewritten");
    let errors = strict_errors(&out);
    assert!(errors.is_empty(), "{errors:?} in\n{out}");
    assert!(
        !out.contains("with ("),
        "a with statement is left in\n{out}"
    );
    out
}

fn assert_has(out: &str, part: impl AsRef<str>) {
    let part = part.as_ref();
    assert!(out.contains(part), "no {part}\nin\n{out}");
}

/// `x` read through the first with statement.
fn read(name: &str) -> String {
    format!("(__lavamoatWith1.h(\"{name}\") ? __lavamoatWith1.o.{name} : {name})")
}

#[test]
fn code_without_with_or_that_does_not_parse_is_not_rewritten() {
    assert_eq!(rewrite("return a + b"), None);
    assert_eq!(rewrite("var without = 1; // with (o)"), None);
    assert_eq!(rewrite("with (o) {"), None);
    // A body that closes the function it is parsed in is not a function body.
    assert_eq!(rewrite("}); with (o) x; (function(){"), None);
}

#[test]
fn lodash_template() {
    // `_.template('hello <%= user %>!')` compiles this (lodash 4.17).
    let body = "//# sourceURL=lodash.templateSources[0]\nreturn function(obj) {\nobj || (obj = {});\n\
                var __t, __p = '';\nwith (obj) {\n__p += 'hello ' +\n((__t = ( user )) == null ? '' : __t) +\n'!';\n\n}\n\
                return __p\n}";
    let out = strict(body);
    assert_has(&out, "{const __lavamoatWith1 = ((o) => {");
    assert_has(&out, read("user"));
    // `__p` and `__t` are written: an accessor pair over the binding when not on the object.
    assert!(out.contains(
        "(__lavamoatWith1.h(\"__p\") ? __lavamoatWith1.o : __lavamoatWithBindings1).__p += 'hello '"
    ));
    // Line numbers are kept.
    assert_eq!(out.lines().count(), body.lines().count());
}

#[test]
fn underscore_template() {
    // `_.template('hello <%= user %>!')` of underscore 1.13.
    let body = "var __t,__p='',__j=Array.prototype.join,print=function(){__p+=__j.call(arguments,'');};\n\
                with(obj||{}){\n__p+='hello '+\n((__t=( user ))==null?'':__t)+\n'!';\n}\nreturn __p;\n";
    let out = strict(body);
    assert_has(&out, "{const __lavamoatWith1 = ((o) => ");
    assert!(
        out.contains("})(obj||{});"),
        "the object expression is the helper's argument: {out}"
    );
    assert_has(&out, read("user"));
    // `arguments` outside the with statement, and the function's own, stay.
    assert_has(&out, "__j.call(arguments,'')");
}

#[test]
fn ejs_template() {
    // `ejs.compile('<%= a %>')` with default options (ejs 3), indentation trimmed.
    let body = "var __line = 1\n  , __lines = \"<%= a %>\"\n  , __filename = undefined;\ntry {\n\
                var __output = \"\";\nfunction __append(s) { if (s !== undefined && s !== null) __output += s }\n\
                with (locals || {}) {\n    ; __append(escapeFn( a ))\n  }\nreturn __output;\n\
                } catch (e) {\n  rethrow(e, __lines, __filename, __line, escapeFn);\n}\n";
    let out = strict(body);
    // Calls: `this` is the object when the function is found there.
    assert!(out.contains(
        "; 0, (__lavamoatWith1.h(\"__append\") ? __lavamoatWith1.m(\"__append\") : __append)((__lavamoatWith1.h(\"escapeFn\") ? __lavamoatWith1.m(\"escapeFn\") : escapeFn)("
    ));
    assert_has(&out, read("a"));
    // Outside the with statement nothing changes.
    assert!(out.contains("rethrow(e, __lines, __filename, __line, escapeFn);"));
}

#[test]
fn bindings_declared_inside_the_body_are_not_looked_up() {
    let out = strict(
        "with (o) { let a = 1; const b = a; class C {} function f(p) { var q = p; return q + b + z } \
         try {} catch (err) { err } a; C; f }",
    );
    for kept in [
        "const b = a;",
        "var q = p; return q + b + ",
        "{ err }",
        " a; C; f }",
    ] {
        assert!(out.contains(kept), "{kept} in {out}");
    }
    assert_has(&out, read("z"));
}

#[test]
fn reads_typeof_writes_and_calls() {
    let out = strict("var x, n = 0;\nwith (o) {\n  g(typeof x, typeof missing, {x}, y.z, n++, o.p = 1);\n  ({x, y: [n]} = q);\n  x = 2; n += 3;\n}");
    assert_has(
        &out,
        "(__lavamoatWith1.h(\"g\") ? __lavamoatWith1.m(\"g\") : g)(",
    );
    assert_has(
        &out,
        "(__lavamoatWith1.h(\"x\") ? typeof __lavamoatWith1.o.x : typeof x)",
    );
    assert_has(
        &out,
        "(__lavamoatWith1.h(\"missing\") ? typeof __lavamoatWith1.o.missing : typeof missing)",
    );
    assert_has(&out, format!("{{x: {}}}", read("x")));
    assert_has(&out, format!("{}.z", read("y")));
    assert_has(&out, format!("{}.p = 1", read("o")));
    assert_has(
        &out,
        "(__lavamoatWith1.h(\"n\") ? __lavamoatWith1.o : __lavamoatWithBindings1).n++",
    );
    // One accessor pair per binding written, in the prelude.
    assert_has(
        &out,
        "(o) ;const __lavamoatWithBindings1 = {get n() { return n; }, set n(__lavamoatWithValue) { n = __lavamoatWithValue; }, \
         get x() { return x; }, set x(__lavamoatWithValue) { x = __lavamoatWithValue; }};{",
    );
    assert_has(
        &out,
        "({x: (__lavamoatWith1.h(\"x\") ? __lavamoatWith1.o : __lavamoatWithBindings1).x, y: [",
    );
    assert!(out.contains("Bindings1).x = 2; 0, (__lavamoatWith1.h(\"n\")"));
    assert!(out.contains("Bindings1).n += 3;"));
}

#[test]
fn vars_of_the_body_are_declared_before_it_and_assigned_through_it() {
    let out = strict(
        "with (o) {\n  var a = 1, b;\n  for (var i = 0; i < 2; i++) {}\n  for (var k in o) {}\n  var {c, d: [e] = f} = o;\n}\nreturn a + i;",
    );
    assert_has(
        &out,
        " (o) ;var a, b, i, k, c, e;const __lavamoatWithBindings1 = {get a() ",
    );
    assert_has(
        &out,
        "void ( (__lavamoatWith1.h(\"a\") ? __lavamoatWith1.o : __lavamoatWithBindings1).a = 1, 0);",
    );
    assert_has(&out, "for (void ( (__lavamoatWith1.h(\"i\")");
    assert_has(&out, "for ( (__lavamoatWith1.h(\"k\")");
    assert_has(&out, "void ( {c: (__lavamoatWith1.h(\"c\")");
    assert_has(&out, format!("Bindings1).e] = {}}} = ", read("f")));
    // After the with statement, `a` and `i` are the function's variables.
    assert!(out.ends_with("return a + i;"));
    // A `for-in` initializer (sloppy-only Annex B) is not rewritten.
    assert_eq!(rewrite("with (o) for (var a = 1 in o);"), None);
}

#[test]
fn nested_with_statements_ask_the_inner_object_first() {
    let out = strict("with (a) { with (b) { x; let y; with (c) y; } }");
    assert_has(&out,
        "(__lavamoatWith2.h(\"x\") ? __lavamoatWith2.o.x : __lavamoatWith1.h(\"x\") ? __lavamoatWith1.o.x : x)"
    );
    // The inner object expressions are looked up in the outer objects.
    assert_has(
        &out,
        "((__lavamoatWith1.h(\"b\") ? __lavamoatWith1.o.b : b)) ;",
    );
    // `y` is declared in the second body: only the third with statement is asked.
    assert_has(
        &out,
        "(__lavamoatWith3.h(\"y\") ? __lavamoatWith3.o.y : y);}",
    );
}

#[test]
fn nested_functions_and_closures_keep_looking_up() {
    let out = strict("with (o) { var f = function (p) { return p + x; }; var g = () => x; }");
    assert_eq!(out.matches(&read("x")).count(), 2);
    assert_has(&out, "return p + ");
}

#[test]
fn statements_starting_with_a_rewritten_name_do_not_continue_the_previous_line() {
    let out = strict("with (o) {\n  f()\n  x = 1\n  typeof y\n  z\n}");
    assert!(out.contains("\n  0, (__lavamoatWith1.h(\"x\")"), "{out}");
    assert!(
        out.contains("\n  0, (__lavamoatWith1.h(\"y\") ? typeof"),
        "{out}"
    );
    assert!(out.contains(&format!("\n  0, {}\n", read("z"))), "{out}");
}

#[test]
fn helper_names_never_clash_with_the_source() {
    let out = strict("var __lavamoatWith1 = 1; with (o) x");
    assert_has(&out, "{const __lavamoatWith_1 = ");
    assert!(out.contains("var __lavamoatWith1 = 1;"));
}

#[test]
fn bodies_may_return_and_with_may_be_a_sub_statement() {
    let out = strict("if (a) with (o) return x; else return 0");
    assert!(out.starts_with("if (a) {const __lavamoatWith1 = "));
    assert!(
        out.ends_with(&format!(" ;return {};}} else return 0", read("x"))),
        "{out}"
    );
}

#[test]
fn delete_of_a_name_is_left_a_strict_mode_error() {
    let out = rewrite("with (o) delete x").expect("rewritten");
    assert_has(&out, "delete x");
    assert!(!strict_errors(&out).is_empty());
}

#[test]
fn constructs_ending_together_close_inner_first() {
    let out = strict("with (a) with (b) var v = x");
    assert!(out.ends_with("Bindings1).v = (__lavamoatWith2.h(\"x\") ? __lavamoatWith2.o.x : __lavamoatWith1.h(\"x\") ? __lavamoatWith1.o.x : x))}}"), "{out}");
    // The accessors are the outer with statement's: the binding is declared outside its body.
    assert_has(&out, "(a) ;const __lavamoatWithBindings1 = {get v() ");
    assert_has(&out, "b)) ;var v;void ( (__lavamoatWith2.h(\"v\") ? __lavamoatWith2.o : __lavamoatWith1.h(\"v\") ? __lavamoatWith1.o : __lavamoatWithBindings1).v = ");
}
