//! Property tests of the policy core: policy files come from users, editors and merges of
//! generated files, so parsing, validation, merge and stringify must never panic, must
//! report errors at real positions, must round-trip, and must stay fast on absurd input.
//! `PROPTEST_CASES=100000 cargo test --release proptest` runs the long fuzzing session.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::json::{self, MAX_DEPTH};
use super::*;
use crate::test_support::{finishes_in_time, mutate, mutation, proptest_config};

const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Pieces of keys that have tripped JSON tools before: the package separator, dots, names of
/// `Object.prototype` members, escapes, control characters, characters whose UTF-16 order
/// differs from their code point order (astral vs U+E000..U+FFFF), and the empty string.
const KEY_PIECES: &[&str] = &[
    "a",
    "b",
    "process",
    "env",
    ">",
    ".",
    "",
    "__proto__",
    "constructor",
    "toString",
    "$root$",
    "@scope/pkg",
    "é",
    "\u{1f600}",
    "\u{10ffff}",
    "\u{e000}",
    "\u{ffff}",
    "\u{ff01}",
    "\"",
    "\\",
    "/",
    "\n",
    "\u{0}",
    "\u{1f}",
    "\u{7f}",
    "\u{2028}",
    " ",
];

fn tricky_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(KEY_PIECES), 0..5).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
    .boxed()
}

/// A number as `JSON.parse` would give it: integral doubles in the safe range are integers.
fn js_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| {
            let integral = f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER as f64;
            f.is_finite().then(|| {
                if integral {
                    Value::from(f as i64)
                } else {
                    Value::from(f)
                }
            })
        }),
    ]
}

fn object(entries: Vec<(String, Value)>) -> Value {
    Value::Object(entries.into_iter().collect())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        js_number(),
        tricky_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(8, 200, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((tricky_text(), inner), 0..6).prop_map(object),
        ]
    })
}

/// Dotted property paths, with `__proto__`, empty segments and odd characters now and then
/// (the validator refuses some of them, which is also tested).
fn dotted_path(segment: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop::collection::vec(segment, 1..4).prop_map(|segments| segments.join("."))
}

fn small_map<V: std::fmt::Debug>(
    keys: impl Strategy<Value = String>,
    values: impl Strategy<Value = V>,
) -> impl Strategy<Value = Vec<(String, V)>> {
    prop::collection::vec((keys, values), 0..5)
}

fn grant() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Bool(true)),
        Just(Value::Bool(false)),
        Just(Value::from("write"))
    ]
}

/// A policy document; `segment` and `name` decide how wild its keys are.
fn policy_with(
    segment: BoxedStrategy<String>,
    name: BoxedStrategy<String>,
) -> impl Strategy<Value = Value> {
    let bools = any::<bool>().prop_map(Value::Bool);
    let resource = (
        prop::option::of(small_map(dotted_path(segment.clone()), grant())),
        prop::option::of(small_map(dotted_path(segment), bools.clone())),
        prop::option::of(small_map(name.clone(), bools)),
        prop::option::of(any::<bool>()),
        any::<bool>(),
        prop::option::of(json_value()),
    )
        .prop_map(|(globals, builtin, packages, native, unfrozen, meta)| {
            let mut fields = Vec::new();
            let maps = [
                ("globals", globals),
                ("builtin", builtin),
                ("packages", packages),
            ];
            for (field, entries) in maps {
                if let Some(entries) = entries {
                    fields.push((field.to_string(), object(entries)));
                }
            }
            if let Some(native) = native {
                fields.push(("native".to_string(), Value::Bool(native)));
            }
            if unfrozen {
                fields.push(("env".to_string(), Value::from("unfrozen")));
            }
            if let Some(meta) = meta.filter(Value::is_object) {
                fields.push(("meta".to_string(), meta));
            }
            object(fields)
        });
    let include_entry = prop_oneof![
        tricky_text().prop_map(Value::String),
        (tricky_text(), prop::option::of(tricky_text())).prop_map(|(name, entry)| {
            let mut fields = vec![("name".to_string(), Value::String(name))];
            fields.extend(entry.map(|e| ("entry".to_string(), Value::String(e))));
            object(fields)
        }),
    ];
    (
        small_map(name.clone(), resource),
        prop::option::of(small_map(
            name.clone(),
            small_map(tricky_text(), tricky_text()),
        )),
        prop::option::of(tricky_text()),
        prop::option::of(prop::collection::vec(include_entry, 0..4)),
    )
        .prop_map(|(resources, resolutions, use_policy, include)| {
            let mut fields = vec![("resources".to_string(), object(resources))];
            if let Some(resolutions) = resolutions {
                let tables = resolutions
                    .into_iter()
                    .map(|(package, table)| {
                        let table = table.into_iter().map(|(k, v)| (k, Value::String(v)));
                        (package, object(table.collect()))
                    })
                    .collect();
                fields.push(("resolutions".to_string(), object(tables)));
            }
            if let Some(use_policy) = use_policy {
                let root = object(vec![("usePolicy".to_string(), Value::String(use_policy))]);
                fields.push(("root".to_string(), root));
            }
            if let Some(include) = include {
                fields.push(("include".to_string(), Value::Array(include)));
            }
            object(fields)
        })
}

/// Policies with every kind of odd key, valid or not.
fn any_policy() -> impl Strategy<Value = Value> {
    let name = prop::collection::vec(tricky_text(), 1..3).prop_map(|parts| parts.join(">"));
    policy_with(tricky_text(), name.boxed())
}

/// Valid policies whose keys collide often, so that merges have work to do: few segments,
/// but still astral, private-use and escaped characters.
fn valid_policy() -> impl Strategy<Value = Value> {
    let segment = prop::sample::select(&["a", "b", "env", "\u{1f600}", "\u{e000}", "\"q\\"][..])
        .prop_map(str::to_string);
    let name = prop::sample::select(&["x", "y", "x>y", "@s/\u{ffff}", "$root$"][..])
        .prop_map(str::to_string);
    policy_with(segment.boxed(), name.boxed()).prop_map(without_granted_descendants)
}

/// The validator refuses a granted global under a granted ancestor; drop such descendants.
fn without_granted_descendants(mut policy: Value) -> Value {
    let resources = policy.get_mut("resources").and_then(Value::as_object_mut);
    for resource in resources.into_iter().flat_map(Map::values_mut) {
        let Some(globals) = resource.get_mut("globals").and_then(Value::as_object_mut) else {
            continue;
        };
        let granted: Vec<String> = globals
            .iter()
            .filter(|(_, grant)| **grant != Value::Bool(false))
            .map(|(path, _)| path.clone())
            .collect();
        globals.retain(|path, grant| {
            *grant == Value::Bool(false)
                || !merge::ancestors(path).any(|ancestor| granted.iter().any(|g| g == ancestor))
        });
    }
    policy
}

fn parse_value(text: &[u8]) -> Result<Value, json::JsonError> {
    json::parse(text).map(|parsed| parsed.root.to_value())
}

/// Line and column (in characters) of a byte offset, counted independently of the parser.
fn line_and_column(text: &[u8], offset: usize) -> (usize, usize) {
    let prefix = std::str::from_utf8(&text[..offset]).expect("offset on a character boundary");
    let line_start = prefix.rfind('\n').map_or(0, |newline| newline + 1);
    (
        prefix.matches('\n').count() + 1,
        prefix[line_start..].chars().count() + 1,
    )
}

/// Every error of the JSON layer points at a real place of the input.
fn assert_located_error(input: &[u8], error: &json::JsonError) {
    let text = input
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(input);
    let position = error.position;
    assert!(position.offset <= text.len(), "{error:?} is past the end");
    assert_eq!(
        (position.line, position.column),
        line_and_column(text, position.offset),
        "{error:?}"
    );
}

/// Checks the whole load path (parse + validate) on arbitrary bytes: it ends in a policy,
/// or in a parse or schema error whose line and column exist in the input.
fn check_any_document(input: &[u8]) {
    match json::parse(input) {
        Err(error) => assert_located_error(input, &error),
        Ok(parsed) => {
            if let Err(finding) = validate::validate(&parsed.root) {
                let text = input
                    .strip_prefix(b"\xEF\xBB\xBF".as_slice())
                    .unwrap_or(input);
                let at = finding.position;
                assert_eq!(
                    (at.line, at.column),
                    line_and_column(text, at.offset),
                    "{finding:?}"
                );
            }
        }
    }
    match parse_policy(input, Path::new("policy.json")) {
        Ok(loaded) => assert!(loaded.value.is_object()),
        Err(error) => {
            assert!(
                matches!(
                    error.code(),
                    "LAVAMOAT_POLICY_PARSE" | "LAVAMOAT_POLICY_INVALID"
                ),
                "{error}"
            );
            assert!(error.to_string().starts_with("policy.json:"), "{error}");
        }
    }
}

const INSERTIONS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    ":",
    ",",
    "1e999",
    "-",
    "null",
    "true",
    "\u{feff}",
    "\u{0}",
    "\n",
    "\u{1f600}",
    "\"__proto__\":{}",
    "[[[[[[",
    "\"a\":",
    "\u{e000}",
];

/// JSON-ish bytes: random bytes rarely get past the first character.
fn json_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: &[u8] =
        b"{}[]\":,\\u0123456789abefnlrstuE+-. \n\t\r\xef\xbb\xbf\xc3\xa9\xed\xa0\x80\xff\x00";
    prop::collection::vec(prop::sample::select(alphabet), 0..200)
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn proptest_json_values_round_trip(value in json_value()) {
        let text = stringify(&value);
        let reparsed = parse_value(text.as_bytes()).expect("stringify output parses");
        prop_assert_eq!(&reparsed, &value);
        prop_assert_eq!(stringify(&reparsed), text);
    }

    #[test]
    fn proptest_any_number_stringifies_stably(bits in any::<u64>(), int in any::<i64>()) {
        for value in [Value::from(f64::from_bits(bits)), Value::from(bits), Value::from(int)] {
            let text = stringify(&value);
            let reparsed = parse_value(text.as_bytes()).expect("a number parses");
            prop_assert_eq!(stringify(&reparsed), text);
        }
    }

    #[test]
    fn proptest_policies_round_trip_or_fail_located(policy in any_policy()) {
        let text = stringify(&policy);
        match parse_policy(text.as_bytes(), Path::new("p.json")) {
            Ok(loaded) => {
                prop_assert_eq!(&loaded.value, &policy);
                prop_assert_eq!(stringify(&loaded.value), text);
            }
            Err(error) => {
                prop_assert_eq!(error.code(), "LAVAMOAT_POLICY_INVALID", "{}", error);
                check_any_document(text.as_bytes());
            }
        }
    }

    #[test]
    fn proptest_merges_of_valid_policies_are_valid(a in valid_policy(), b in valid_policy()) {
        for (policy, overrides) in [(&a, &b), (&b, &a), (&a, &a)] {
            let text = stringify(policy);
            prop_assert!(parse_policy(text.as_bytes(), Path::new("p.json")).is_ok(), "{}", text);
            match merge(policy, overrides) {
                Ok(merged) => {
                    let merged_text = stringify(&merged);
                    let reloaded = parse_policy(merged_text.as_bytes(), Path::new("m.json"));
                    prop_assert!(reloaded.is_ok(), "{:?}\n{}", reloaded.err(), merged_text);
                }
                Err(error) => prop_assert_eq!(error.code(), "LAVAMOAT_POLICY_HIERARCHY"),
            }
        }
    }

    #[test]
    fn proptest_merge_never_panics(a in any_policy(), b in json_value()) {
        let _ = merge(&a, &b);
        let _ = merge(&b, &a);
    }

    #[test]
    fn proptest_arbitrary_bytes_fail_located(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_any_document(&bytes);
    }

    #[test]
    fn proptest_json_like_bytes_fail_located(bytes in json_bytes()) {
        check_any_document(&bytes);
    }

    #[test]
    fn proptest_mutated_policies_fail_located(
        policy in any_policy(),
        mutations in prop::collection::vec(mutation(INSERTIONS), 1..5),
    ) {
        check_any_document(&mutate(stringify(&policy).as_bytes(), &mutations));
    }

    #[test]
    fn proptest_nesting_up_to_the_limit_round_trips(depth in 1..=MAX_DEPTH, arrays in any::<bool>()) {
        let mut value = Value::from("\u{1f600}");
        for _ in 0..depth {
            value = if arrays { Value::Array(vec![value]) } else { object(vec![("__proto__".to_string(), value)]) };
        }
        let text = stringify(&value);
        prop_assert_eq!(parse_value(text.as_bytes()).expect("within the limit"), value);
        let too_deep = format!("[{text}]");
        let error = parse_value(too_deep.as_bytes()).err();
        prop_assert_eq!(error.is_some(), depth == MAX_DEPTH);
    }
}

/// Absurd but possible inputs (a generated file gone wrong, a hostile pull request): each
/// must be handled in bounded time.
mod pathological {
    use super::*;

    const STACK_SIZE: usize = 8 << 20;

    fn load_in_time(what: &str, text: String) -> Result<LoadedPolicy, PolicyError> {
        finishes_in_time(what, STACK_SIZE, move || {
            parse_policy(text.as_bytes(), Path::new("p.json"))
        })
    }

    fn many(count: usize, entry: impl Fn(usize) -> String) -> String {
        (0..count).map(entry).collect::<Vec<_>>().join(",")
    }

    #[test]
    fn hundred_thousand_open_brackets() {
        for open in ["[", "{\"a\":"] {
            let error = load_in_time("deep nesting", open.repeat(100_000)).unwrap_err();
            assert!(error.to_string().contains("deeper than"), "{error}");
        }
    }

    #[test]
    fn ten_megabyte_string_and_key() {
        let big = "\u{e000}x\u{1f600}".repeat(1_000_000);
        let text = format!(
            "{{\"resources\": {{\"{big}\": {{\"globals\": {{\"a\": true}}}}}}, \"{big}\": 1}}"
        );
        let loaded = load_in_time("10 MB keys", text).expect("valid");
        assert_eq!(loaded.warnings.len(), 1);
        let policy = loaded.value;
        finishes_in_time("stringify and merge", STACK_SIZE, move || {
            assert_eq!(parse_value(stringify(&policy).as_bytes()).unwrap(), policy);
            merge(&policy, &policy).unwrap()
        });
    }

    #[test]
    fn two_hundred_thousand_keys_in_one_object() {
        let packages = many(200_000, |i| format!("\"p{i}\": true"));
        let text = format!("{{\"resources\": {{\"a\": {{\"packages\": {{{packages}}}}}}}}}");
        load_in_time("200k keys", text).expect("valid");
        let duplicates = format!(
            "{{{}}}",
            many(200_000, |i| format!("\"k{}\": {i}", i % 1000))
        );
        let loaded = load_in_time("200k duplicate keys", duplicates).expect("valid");
        let is_duplicate = |warning: &&PolicyWarning| warning.message.contains("duplicate key");
        assert_eq!(loaded.warnings.iter().filter(is_duplicate).count(), 199_000);
        // The 1,000 distinct keys are also unknown top-level keys.
        assert_eq!(loaded.warnings.len(), 200_000);
    }

    #[test]
    fn hundred_thousand_globals_merged() {
        let globals = |prefix: &str| many(100_000, |i| format!("\"{prefix}{i}.x\": true"));
        let text = |prefix| {
            format!(
                "{{\"resources\": {{\"a\": {{\"globals\": {{{}}}}}}}}}",
                globals(prefix)
            )
        };
        let policy = load_in_time("100k globals", text("g"))
            .expect("valid")
            .value;
        let overrides = load_in_time("100k globals", text("h"))
            .expect("valid")
            .value;
        finishes_in_time("merge of 100k globals", STACK_SIZE, move || {
            let merged = merge(&policy, &overrides).expect("merged");
            stringify(&merged)
        });
    }

    #[test]
    fn megabyte_long_dotted_path() {
        let path = vec!["a"; 500_000].join(".");
        let text = format!("{{\"resources\": {{\"x\": {{\"globals\": {{\"{path}\": true, \"a.a\": true}}, \"builtin\": {{\"{path}\": true}}}}}}}}");
        let error = load_in_time("long dotted path", text.clone()).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_INVALID");
        let valid = text.replace(", \"a.a\": true", "");
        let policy = load_in_time("long dotted path", valid)
            .expect("valid")
            .value;
        let merged = finishes_in_time("merge of a long dotted path", STACK_SIZE, move || {
            merge(&policy, &policy)
        });
        assert!(merged.is_ok());
    }

    #[test]
    fn million_element_array_and_numbers() {
        let text = format!(
            "{{\"include\": [{}], \"x\": [{}]}}",
            many(1_000_000, |i| format!("\"m{}\"", i % 7)),
            many(1_000_000, |i| format!("{i}.5e-3"))
        );
        let loaded = load_in_time("1M elements", text).expect("valid");
        finishes_in_time("stringify 1M elements", STACK_SIZE, move || {
            stringify(&loaded.value)
        });
    }

    #[test]
    fn megabyte_unknown_key_gets_no_slow_suggestion() {
        let key = "resourcez".repeat(100_000);
        let loaded = load_in_time(
            "long unknown key",
            format!("{{\"{key}\": 1, \"resources\": {{}}}}"),
        )
        .expect("valid");
        assert_eq!(loaded.warnings.len(), 1);
    }
}
