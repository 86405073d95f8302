use super::*;

fn transform(source: &str) -> EsmModule {
    transform_esm(source).expect("a valid module")
}

fn specifiers(module: &EsmModule) -> Vec<&str> {
    module
        .requests
        .iter()
        .map(|r| r.specifier.as_str())
        .collect()
}

mod records {
    use super::*;

    #[test]
    fn requests_are_numbered_in_source_order_once_each() {
        let module = transform("import a from 'a'\nexport * from 'b'\nimport { x, y as z } from 'a'\nexport { q } from 'c'\nimport 'd'");
        assert_eq!(specifiers(&module), ["a", "b", "c", "d"]);
        assert_eq!(module.requests[0].names, ["default", "x", "y"]);
        assert_eq!(module.requests[2].names, ["q"]);
        assert_eq!(module.star_exports, [1]);
    }

    #[test]
    fn exports_say_where_each_name_comes_from() {
        let module = transform(
            "import { a } from 'x'\nexport const one = 1\nexport function two() {}\nexport { a as three }\nexport * as four from 'y'\nexport default 5",
        );
        let exports: Vec<(&str, &ExportSource)> = module
            .exports
            .iter()
            .map(|e| (e.name.as_str(), &e.source))
            .collect();
        assert!(exports.contains(&("one", &ExportSource::Local)));
        assert!(exports.contains(&("two", &ExportSource::Local)));
        assert!(exports.contains(&("default", &ExportSource::Local)));
        assert!(exports.contains(&(
            "three",
            &ExportSource::Request {
                request: 0,
                name: "a".to_string()
            }
        )));
        assert!(exports.contains(&(
            "four",
            &ExportSource::Request {
                request: 1,
                name: "*".to_string()
            }
        )));
    }

    #[test]
    fn imported_bindings_exported_again_name_what_they_import() {
        let module = transform("import d from 'x'\nimport * as ns from 'y'\nimport { a as b } from 'z'\nexport { d, ns, b as c }");
        let sources: Vec<(&str, &ExportSource)> = module
            .exports
            .iter()
            .map(|e| (e.name.as_str(), &e.source))
            .collect();
        for expected in [
            (
                "d",
                ExportSource::Request {
                    request: 0,
                    name: "default".to_string(),
                },
            ),
            (
                "ns",
                ExportSource::Request {
                    request: 1,
                    name: "*".to_string(),
                },
            ),
            (
                "c",
                ExportSource::Request {
                    request: 2,
                    name: "a".to_string(),
                },
            ),
        ] {
            assert!(sources.contains(&(expected.0, &expected.1)), "{sources:?}");
        }
        assert_eq!(sources.len(), 3);
        assert_eq!(
            module.functor.matches("() =>").count(),
            0,
            "{}",
            module.functor
        );
    }

    #[test]
    fn json_imports_are_marked() {
        let module = transform("import data from './d.json' with { type: 'json' }");
        assert!(module.requests[0].is_json);
    }

    #[test]
    fn top_level_await_is_found_outside_functions_only() {
        assert!(transform("await 1").has_top_level_await);
        assert!(transform("for await (const x of y) {}").has_top_level_await);
        assert!(
            !transform("async function f() { await 1 }\nconst g = async () => { await 2 }")
                .has_top_level_await
        );
        assert!(transform("await 1").functor.starts_with("(async function*"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = transform_esm("export const = 1").expect_err("invalid");
        assert!(error.offset > 0 && error.offset <= 16, "{error:?}");
    }
}

mod functor {
    use super::*;

    #[test]
    fn imported_bindings_read_the_namespace() {
        let functor = transform("import def, { a, b as c } from 'x'\nimport * as ns from 'y'\nconsole.log(def, a(), c`t`, { a }, ns.z)").functor;
        assert!(functor.contains("console.log($lavamoat$i0.default, (0, $lavamoat$i0.a)(), (0, $lavamoat$i0.b)`t`, { a: $lavamoat$i0.a }, $lavamoat$i1.z)"), "{functor}");
    }

    #[test]
    fn a_call_that_starts_a_statement_cannot_continue_the_previous_line() {
        let functor = transform("import { configure, tag } from 'x'\nconst state = {}\nconfigure(state).then()\ntag`t`\nlet y = configure(1)").functor;
        assert!(functor.contains("const state = {}\n0, (0, $lavamoat$i0.configure)(state).then()\n0, (0, $lavamoat$i0.tag)`t`"), "{functor}");
        assert!(
            functor.contains("let y = (0, $lavamoat$i0.configure)(1)"),
            "{functor}"
        );
    }

    #[test]
    fn a_call_that_is_the_body_of_an_if_or_a_loop_stays_its_body() {
        let functor = transform(
            "import { f } from 'x'\nif (a) f()\nelse f()\nwhile (b) f()\nfor (;;) f()\nl: f()",
        )
        .functor;
        assert!(
            functor.contains("if (a) 0, (0, $lavamoat$i0.f)()\nelse 0, (0, $lavamoat$i0.f)()\nwhile (b) 0, (0, $lavamoat$i0.f)()\nfor (;;) 0, (0, $lavamoat$i0.f)()\nl: 0, (0, $lavamoat$i0.f)()"),
            "{functor}"
        );
    }

    #[test]
    fn shadowed_names_are_left_alone() {
        let functor = transform("import { a } from 'x'\nfunction f(a) { return a }\nf(a)").functor;
        assert!(functor.contains("function f(a) { return a }"), "{functor}");
        assert!(functor.contains("f($lavamoat$i0.a)"), "{functor}");
    }

    #[test]
    fn line_numbers_are_kept() {
        let source = "import {\n  a\n} from 'x'\nexport {\n  a as b\n}\nthrow new Error(a)";
        let functor = transform(source).functor;
        let line = functor
            .lines()
            .position(|l| l.contains("throw new Error"))
            .expect("body");
        assert_eq!(line, 6, "{functor}");
    }

    #[test]
    fn local_exports_are_getters_bound_before_the_body_runs() {
        let functor = transform(
            "export let count = 0\nexport function inc() { count++ }\nexport default class {}",
        )
        .functor;
        assert!(functor.contains("$lavamoat$export({\"count\": () => count, \"inc\": () => inc, \"default\": () => $lavamoat$default});yield;"), "{functor}");
        assert!(functor.contains("let count = 0"), "{functor}");
        assert!(functor.contains("class $lavamoat$default {}"), "{functor}");
    }

    #[test]
    fn default_exports_of_every_kind() {
        assert!(transform("export default 1 + 1")
            .functor
            .contains("const $lavamoat$default = 1 + 1"));
        let anonymous = transform("export default async function () {}").functor;
        assert!(
            anonymous.contains("async function $lavamoat$default()"),
            "{anonymous}"
        );
        assert!(
            anonymous.contains("Reflect.defineProperty($lavamoat$default, 'name'"),
            "{anonymous}"
        );
        let named = transform("export default function f() {}").functor;
        assert!(named.contains("\"default\": () => f"), "{named}");
    }

    #[test]
    fn import_meta_and_dynamic_import_use_parameters() {
        let functor = transform("const u = import.meta.url\nimport('x').then(f)").functor;
        assert!(
            functor.contains("const u = $lavamoat$meta.url"),
            "{functor}"
        );
        assert!(
            functor.contains("$lavamoatImport('x').then(f)"),
            "{functor}"
        );
        assert!(!functor.contains("import("), "{functor}");
    }

    #[test]
    fn a_hashbang_becomes_a_comment() {
        let functor = transform("#!/usr/bin/env node\nexport const a = 1").functor;
        assert!(functor.contains("yield;//"), "{functor}");
    }
}

#[test]
fn module_syntax_is_detected_only_where_it_is() {
    assert!(has_module_syntax("import x from 'y'"));
    assert!(has_module_syntax("export const a = 1"));
    assert!(has_module_syntax("console.log(import.meta.url)"));
    assert!(!has_module_syntax("module.exports = require('x')"));
    assert!(!has_module_syntax(
        "const f = async () => { await import('x') }"
    ));
    assert!(!has_module_syntax("this is not javascript ((("));
}
