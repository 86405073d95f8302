//! Canonical text of a policy file (spec policy.md §5): the output of
//! `json-stable-stringify@1.3.0` with `space: 2` and the reference's key comparator,
//! so that files we write diff cleanly against files the reference wrote.

use std::cmp::Ordering;

use serde_json::{Number, Value};

const INDENT: &str = "  ";

pub fn stringify(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, 0, &mut out);
    out
}

/// JavaScript's `<` on strings: UTF-16 code unit order. It differs from Rust's `str` order
/// (code points) when a character above U+FFFF meets one in U+E000..=U+FFFF.
pub fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Sorts a nested package right after its parent's name: `a>b>c` compares as `c<b<a`.
pub fn policy_key_cmp(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let sort_form = |key: &str| -> String {
        if key.contains('>') {
            key.split('>').rev().collect::<Vec<_>>().join("<")
        } else {
            key.to_string()
        }
    };
    // Distinct keys with the same sort form (`a>b` and `b<a`) keep their order: the
    // reference's comparator is inconsistent for them and Rust's sort needs a total order.
    utf16_cmp(&sort_form(a), &sort_form(b))
}

fn write_value(value: &Value, level: usize, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&js_number(n)),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                write_value(item, level + 1, out);
            }
            newline(level, out);
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| policy_key_cmp(a, b));
            out.push('{');
            for (index, key) in keys.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                write_string(key, out);
                out.push_str(": ");
                write_value(&map[key.as_str()], level + 1, out);
            }
            newline(level, out);
            out.push('}');
        }
    }
}

fn newline(level: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..level {
        out.push_str(INDENT);
    }
}

/// `JSON.stringify` of a string.
fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// JavaScript's `Number.prototype.toString()` (what `JSON.stringify` prints): every JSON
/// number is a double in JS, so 64-bit integers beyond 2^53 print rounded.
fn js_number(number: &Number) -> String {
    const MAX_SAFE: u64 = 9_007_199_254_740_991;
    if let Some(i) = number.as_i64().filter(|i| i.unsigned_abs() <= MAX_SAFE) {
        return i.to_string();
    }
    let Some(f) = number.as_f64().filter(|f| f.is_finite()) else {
        return "null".to_string();
    };
    if f == 0.0 {
        return "0".to_string();
    }
    // `{:e}` gives the shortest round-tripping digits, as JS does; only the layout differs.
    let scientific = format!("{:e}", f.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let k = digits.len() as i64;
    let n = exponent + 1;
    let sign = if f < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let exponent_sign = if n - 1 < 0 { '-' } else { '+' };
        let fraction = if k > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        format!(
            "{}{fraction}e{exponent_sign}{}",
            &digits[..1],
            (n - 1).abs()
        )
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::json::parse;
    use serde_json::json;

    #[test]
    fn fixture_policies_round_trip_byte_identical() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/__test__/fixtures/autopolicy");
        let mut checked = 0;
        for entry in std::fs::read_dir(fixtures).unwrap() {
            for name in ["policy.json", "policy-debug.json"] {
                let file = entry.as_ref().unwrap().path().join("expected").join(name);
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let value = parse(text.as_bytes()).unwrap().root.to_value();
                assert!(
                    stringify(&value) == text,
                    "{} does not round-trip",
                    file.display()
                );
                checked += 1;
            }
        }
        assert!(checked >= 30, "only {checked} fixture files found");
    }

    #[test]
    fn keys_sort_nested_packages_after_their_parent() {
        let value = json!({"z": 1, "a>b": 1, "b": 1, "c>a": 1, "a>a": 1, "A": 1, "$root$": 1});
        let text = stringify(&value);
        let order: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|line| line.split('"').nth(1))
            .collect();
        assert_eq!(order, ["$root$", "A", "a>a", "c>a", "b", "a>b", "z"]);
    }

    #[test]
    fn keys_compare_by_utf16_code_units() {
        // U+1F600 is D83D DE00 in UTF-16, below U+FF01, though above it as a code point.
        let text = stringify(&json!({"\u{ff01}": 1, "\u{1f600}": 2}));
        assert_eq!(text, "{\n  \"\u{1f600}\": 2,\n  \"\u{ff01}\": 1\n}");
        assert_eq!(utf16_cmp("\u{1f600}", "\u{ff01}"), Ordering::Less);
    }

    #[test]
    fn layout_of_empty_and_nested_containers() {
        assert_eq!(stringify(&json!({})), "{\n}");
        assert_eq!(stringify(&json!([])), "[\n]");
        assert_eq!(
            stringify(&json!({"resources": {"a": {"globals": {}, "list": [1, [], null]}}})),
            "{\n  \"resources\": {\n    \"a\": {\n      \"globals\": {\n      },\n      \"list\": [\n        1,\n        [\n        ],\n        null\n      ]\n    }\n  }\n}"
        );
    }

    #[test]
    fn strings_escape_like_json_stringify() {
        assert_eq!(
            stringify(&json!("q\"b\\\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}/\u{2028}é")),
            "\"q\\\"b\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u{7f}/\u{2028}é\""
        );
    }

    #[test]
    fn numbers_print_like_javascript() {
        let cases = [
            ("1.0", "1"),
            ("-0", "0"),
            ("0.1", "0.1"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("123456789012345680000", "123456789012345680000"),
            ("1.5e-7", "1.5e-7"),
            ("0.000001", "0.000001"),
            ("-2.5e-300", "-2.5e-300"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("9007199254740993", "9007199254740992"),
            ("12.34", "12.34"),
            ("1e400", "null"),
        ];
        for (input, expected) in cases {
            let value = parse(input.as_bytes()).unwrap().root.to_value();
            assert_eq!(stringify(&value), expected, "{input}");
        }
        assert_eq!(stringify(&json!(u64::MAX)), "18446744073709552000");
        assert_eq!(stringify(&json!(-42)), "-42");
    }
}
