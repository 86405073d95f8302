//! Writes to a language intrinsic's own object, per file (ours: the reference has none):
//! they make the package need a realm of its own.

use super::*;

/// Source text of each write found.
fn writes(source: &str) -> Vec<String> {
    let facts = facts(source);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    slices(source, &facts.intrinsic_writes)
}

fn writes_in_module(source: &str) -> Vec<String> {
    let facts = analyze_module_as(source, Path::new("/p/a.mjs"), SourceFormat::Module);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    slices(source, &facts.intrinsic_writes)
}

mod direct {
    use super::*;

    #[test]
    fn member_assignments_on_intrinsics_and_their_members() {
        assert_eq!(
            writes(
                "Object.foo = 1; Object[key] = 2; Math.tau = 6.28; JSON.x = {}; \
                 Object.keys.shim = shim; Promise.config += 1; Object.keys = shim"
            ),
            [
                "Object.foo = 1",
                "Object[key] = 2",
                "Math.tau = 6.28",
                "JSON.x = {}",
                "Object.keys.shim = shim",
                "Promise.config += 1",
                "Object.keys = shim",
            ]
        );
    }

    #[test]
    fn through_the_global_object() {
        assert_eq!(
            writes("globalThis.Object.x = 1; global.Math['y'] = 2; globalThis.Object = 3; global.z = 4"),
            ["globalThis.Object.x = 1", "global.Math['y'] = 2"]
        );
    }

    #[test]
    fn define_property_and_its_kin_on_an_intrinsic() {
        assert_eq!(
            writes(
                "Object.defineProperty(Object, 'a', {}); Object.defineProperty(Object.keys, 'shim', {}); \
                 Object.defineProperties(Symbol, {}); Reflect.defineProperty(Math, 'b', {}); \
                 Object.assign(JSON, {c: 1}); Object.defineProperty(exports, 'd', {})"
            ),
            [
                "Object.defineProperty(Object, 'a', {})",
                "Object.defineProperty(Object.keys, 'shim', {})",
                "Object.defineProperties(Symbol, {})",
                "Reflect.defineProperty(Math, 'b', {})",
                "Object.assign(JSON, {c: 1})",
            ]
        );
    }

    #[test]
    fn symbol_observable_polyfill() {
        assert_eq!(
            writes(
                "if (typeof Symbol === 'function') { if (Symbol.observable) { r = Symbol.observable } \
                 else { r = Symbol('observable'); Symbol.observable = r } }"
            ),
            ["Symbol.observable = r"]
        );
    }
}

mod aliases {
    use super::*;

    #[test]
    fn deep_equal_keys_exports_a_possible_intrinsic_then_adds_to_it() {
        let source = "exports = module.exports = typeof Object.keys === 'function'\n  ? Object.keys : shim;\n\n\
                      exports.shim = shim;\nfunction shim (obj) { var keys = []; for (var key in obj) keys.push(key); return keys; }";
        assert_eq!(writes(source), ["exports.shim = shim"]);
    }

    #[test]
    fn module_exports_and_variables_either_side_of_a_choice() {
        assert_eq!(
            writes(
                "module.exports = Object.keys || shim; module.exports.shim = shim; \
                 var k = shim ?? Object.getOwnPropertyNames; k.x = 1; \
                 let j; j = (0, Math); j['y'] = 2; const m = ok && JSON; m.z = 3"
            ),
            [
                "module.exports.shim = shim",
                "k.x = 1",
                "j['y'] = 2",
                "m.z = 3"
            ]
        );
    }

    #[test]
    fn through_a_chain_of_bindings_and_members_in_any_order() {
        assert_eq!(
            writes("b.x = 1; var b = a.keys; var a = Object; Object.defineProperty(b, 'y', {})"),
            ["b.x = 1", "Object.defineProperty(b, 'y', {})"]
        );
    }
}

mod not_writes {
    use super::*;

    #[test]
    fn prototypes_are_not_the_intrinsics_own_object() {
        assert_eq!(
            writes(
                "Object.prototype.x = 1; Array.prototype.y = 2; Object.__proto__.z = 3; \
                 Object.defineProperty(Object.prototype, 'should', {}); \
                 Object.defineProperty(Array.prototype.slice.prototype, 'w', {}); \
                 var p = String.prototype; p.trim2 = f; var q = Object.prototype.toString; q.v = 1"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn shadowed_intrinsics_are_plain_variables() {
        assert_eq!(
            writes(
                "function f(Object, Math) { Object.x = 1; Math.y = 2; Object.defineProperty(Math, 'z', {}) } \
                 { let JSON = {}; JSON.x = 1 } var Promise = require('bluebird'); Promise.config = 1; \
                 const Reflect = {}; Reflect.defineProperty(Symbol, 'a', {})"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reading_and_calling_are_not_writes() {
        assert_eq!(
            writes(
                "var k = Object.keys; k(o); x = Object.keys.shim; Object.keys(o).x = 1; \
                 Object.freeze(Object); Object.defineProperty(o, 'x', { value: Object }); \
                 var e = Math.max(1, 2); e.y = 1; exports.keys = Object.keys; module.exports.z = 2"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn values_that_are_never_an_intrinsic() {
        assert_eq!(
            writes(
                "exports = module.exports = Object.create(null); exports.a = 1; \
                 var o = Object.keys && {}; o.b = 2; var n = (Math, {}); n.c = 3; \
                 var s = typeof Object.keys === 'function' ? {} : []; s.d = 4"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_primitive_member_of_an_intrinsic_is_no_object() {
        // React 19's createElement: the minifier reuses `childArray` for the stack trace limit.
        assert_eq!(
            writes(
                "var a = Array(n); a[0] = 1; a = Error.stackTraceLimit; Error.stackTraceLimit = a; \
                 var p = Math.PI; p.x = 1; var i = globalThis.Symbol.iterator; i.y = 2; \
                 var l = Object.keys.length; l.z = 3; var k = Object.keys; k.w = 4; \
                 var e = Math.iterator; e.v = 5"
            ),
            ["k.w = 4", "e.v = 5"]
        );
    }

    #[test]
    fn error_stack_accessors_stay_assignable() {
        assert_eq!(
            writes("Error.stackTraceLimit = Infinity; Error.prepareStackTrace = f; Error.x = 1"),
            ["Error.x = 1"]
        );
    }

    #[test]
    fn date_now_may_be_assigned_its_own_value() {
        assert_eq!(
            writes(
                "Date.now = Date.now || function () { return +new Date }; Date.now = Date.now ?? f; \
                 Date.now = fake; Date.now = Date.now && f; Date.now = Math.now || f"
            ),
            ["Date.now = fake", "Date.now = Date.now && f", "Date.now = Math.now || f"]
        );
    }

    #[test]
    fn exports_is_a_plain_global_in_an_es_module() {
        assert_eq!(
            writes_in_module("exports = Object.keys; exports.shim = 1; export const a = 1"),
            Vec::<String>::new()
        );
    }
}

mod guarded_polyfills {
    use super::*;

    #[test]
    fn a_polyfill_of_a_member_every_node_has_never_runs() {
        assert_eq!(
            writes(
                "if (!String.fromCodePoint) { (function () { Object.defineProperty(String, 'fromCodePoint', { value: f }) })() }\n\
                 if (typeof Object.assign !== 'function') Object.assign = f\n\
                 if (typeof Array.from === 'undefined') { Array.from = f }\n\
                 if (Number.isNaN === undefined) Number.isNaN = f\n\
                 if (Math.trunc == null) Math.trunc = f\n\
                 if (!('keys' in Object)) Object.keys = f\n\
                 Object.values || (Object.values = f)\n\
                 Symbol.asyncDispose ??= Symbol('Symbol.asyncDispose')\n\
                 Symbol.dispose ||= Symbol('Symbol.dispose')"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn other_guards_members_of_later_nodes_and_unguarded_writes_count() {
        assert_eq!(
            writes(
                "if (!Promise.withResolvers) Promise.withResolvers = f\n\
                 if (!String.fromCodePoint) String.raw = f\n\
                 if (String.fromCodePoint) String.fromCodePoint = f\n\
                 if (!String.fromCodePoint) {} else String.fromCodePoint = f\n\
                 String.fromCodePoint = String.fromCodePoint || f\n\
                 try { module.exports = x } catch (e) { String.naturalCompare = x }\n\
                 Promise.withResolvers ??= f\n\
                 Symbol.dispose &&= f"
            ),
            [
                "Promise.withResolvers = f",
                "String.raw = f",
                "String.fromCodePoint = f",
                "String.fromCodePoint = f",
                "String.fromCodePoint = String.fromCodePoint || f",
                "String.naturalCompare = x",
                "Promise.withResolvers ??= f",
                "Symbol.dispose &&= f",
            ]
        );
    }

    #[test]
    fn a_shadowed_name_is_no_intrinsic_either_way() {
        assert_eq!(
            writes("const Object = {}; if (!Object.keys) Object.keys = f"),
            Vec::<String>::new()
        );
    }
}
