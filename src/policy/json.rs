//! A small JSON parser that remembers where every value and key starts, so that policy
//! validation can point at the offending line and column (serde_json forgets positions).
//!
//! It accepts exactly RFC 8259 JSON (what `JSON.parse` accepts) with three deliberate
//! differences: a leading UTF-8 byte order mark is skipped, nesting deeper than
//! [`MAX_DEPTH`] is an error (instead of risking the stack), and invalid UTF-8 or a lone
//! surrogate escape is an error (a Rust `String` cannot hold either).

use std::collections::HashMap;

use serde_json::{Map, Number, Value};

/// Deepest array/object nesting accepted; real policies are 4 levels deep.
pub const MAX_DEPTH: usize = 512;

/// Where a value or key starts: byte offset, 1-based line, 1-based column counted in
/// characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub position: Position,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    /// Numbers are JS doubles, like `JSON.parse` gives.
    Number(f64),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// One object entry; duplicate keys are already collapsed (the last value wins and keeps the
/// place of the first, like `JSON.parse`).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_position: Position,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub position: Position,
    pub message: String,
}

/// Something legal but probably unintended, e.g. a key given twice.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonWarning {
    pub position: Position,
    pub message: String,
}

#[derive(Debug)]
pub struct Parsed {
    pub root: Node,
    pub warnings: Vec<JsonWarning>,
}

impl NodeKind {
    /// Name of the JSON type, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Number(_) => "a number",
            NodeKind::String(_) => "a string",
            NodeKind::Array(_) => "an array",
            NodeKind::Object(_) => "an object",
        }
    }
}

impl Node {
    pub fn to_value(&self) -> Value {
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Number(n) => number_to_value(*n),
            NodeKind::String(s) => Value::String(s.clone()),
            NodeKind::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            NodeKind::Object(members) => {
                let mut map = Map::new();
                for member in members {
                    map.insert(member.key.clone(), member.value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// Integral doubles become serde_json integers so that `Value` comparisons and napi
/// conversions stay natural; an overflowing literal (`1e400`) is `Infinity` in JS, which
/// `JSON.stringify` writes as `null`, so it becomes `null` here.
fn number_to_value(n: f64) -> Value {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

pub fn parse(bytes: &[u8]) -> Result<Parsed, JsonError> {
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    let mut parser = Parser {
        bytes,
        offset: 0,
        line: 1,
        column: 1,
        warnings: Vec::new(),
    };
    if let Err(utf8_error) = std::str::from_utf8(bytes) {
        let valid = utf8_error.valid_up_to();
        parser.advance_to(valid);
        return Err(parser.error_here("invalid UTF-8 byte sequence"));
    }
    parser.skip_whitespace();
    if parser.at_end() {
        return Err(
            parser.error_here("unexpected end of input: the file is empty, expected a JSON value")
        );
    }
    let root = parser.value(0)?;
    parser.skip_whitespace();
    if !parser.at_end() {
        return Err(parser.error_here(&format!(
            "unexpected {} after the end of the JSON value",
            parser.describe_current()
        )));
    }
    Ok(Parsed {
        root,
        warnings: parser.warnings,
    })
}

struct Parser<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
    column: usize,
    warnings: Vec<JsonWarning>,
}

impl Parser<'_> {
    fn position(&self) -> Position {
        Position {
            offset: self.offset,
            line: self.line,
            column: self.column,
        }
    }

    fn at_end(&self) -> bool {
        self.offset >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.offset).copied()
    }

    /// Consumes one byte, keeping line and column (in characters) up to date.
    fn bump(&mut self) {
        if let Some(byte) = self.peek() {
            self.offset += 1;
            if byte == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if byte & 0xC0 != 0x80 {
                // Only the first byte of a UTF-8 sequence starts a new character.
                self.column += 1;
            }
        }
    }

    fn advance_to(&mut self, offset: usize) {
        while self.offset < offset && !self.at_end() {
            self.bump();
        }
    }

    fn error_at(&self, position: Position, message: &str) -> JsonError {
        JsonError {
            position,
            message: message.to_string(),
        }
    }

    fn error_here(&self, message: &str) -> JsonError {
        self.error_at(self.position(), message)
    }

    fn describe_current(&self) -> String {
        match self.current_char() {
            None => "end of input".to_string(),
            Some(c) => format!("character {c:?}"),
        }
    }

    fn current_char(&self) -> Option<char> {
        // Input was checked to be UTF-8 and offsets always sit on character boundaries.
        std::str::from_utf8(&self.bytes[self.offset..])
            .ok()
            .and_then(|rest| rest.chars().next())
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    fn expect_literal(&mut self, literal: &str, kind: NodeKind) -> Result<Node, JsonError> {
        let position = self.position();
        for expected in literal.bytes() {
            if self.peek() != Some(expected) {
                return Err(self.error_here(&format!(
                    "unexpected {} while reading `{literal}`",
                    self.describe_current()
                )));
            }
            self.bump();
        }
        Ok(Node { position, kind })
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        let position = self.position();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => {
                let text = self.string()?;
                Ok(Node {
                    position,
                    kind: NodeKind::String(text),
                })
            }
            Some(b't') => self.expect_literal("true", NodeKind::Bool(true)),
            Some(b'f') => self.expect_literal("false", NodeKind::Bool(false)),
            Some(b'n') => self.expect_literal("null", NodeKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error_here(&format!(
                "unexpected {}, expected a JSON value",
                self.describe_current()
            ))),
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error_here(&format!(
                "nesting is deeper than {MAX_DEPTH} levels; a policy is never this deep"
            )));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Node, JsonError> {
        self.check_depth(depth)?;
        let position = self.position();
        self.bump();
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Node {
                position,
                kind: NodeKind::Array(items),
            });
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return Ok(Node {
                        position,
                        kind: NodeKind::Array(items),
                    });
                }
                _ => {
                    return Err(self.error_here(&format!(
                        "unexpected {}, expected `,` or `]` in array",
                        self.describe_current()
                    )))
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, JsonError> {
        self.check_depth(depth)?;
        let position = self.position();
        self.bump();
        let mut members: Vec<Member> = Vec::new();
        // Index of each key in `members`: a linear search made 200,000 keys take minutes.
        let mut index_of_key: HashMap<String, usize> = HashMap::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Node {
                position,
                kind: NodeKind::Object(members),
            });
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error_here(&format!(
                    "unexpected {}, expected a string key in object",
                    self.describe_current()
                )));
            }
            let key_position = self.position();
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error_here(&format!(
                    "unexpected {}, expected `:` after object key",
                    self.describe_current()
                )));
            }
            self.bump();
            self.skip_whitespace();
            let value = self.value(depth)?;
            let member = Member {
                key,
                key_position,
                value,
            };
            match index_of_key.get(&member.key) {
                Some(&index) => {
                    let existing = &mut members[index];
                    self.warnings.push(JsonWarning {
                        position: key_position,
                        message: format!(
                            "duplicate key {} (first at line {}, column {}): the last one wins",
                            quote(&member.key),
                            existing.key_position.line,
                            existing.key_position.column
                        ),
                    });
                    *existing = member;
                }
                None => {
                    index_of_key.insert(member.key.clone(), members.len());
                    members.push(member);
                }
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    return Ok(Node {
                        position,
                        kind: NodeKind::Object(members),
                    });
                }
                _ => {
                    return Err(self.error_here(&format!(
                        "unexpected {}, expected `,` or `}}` in object",
                        self.describe_current()
                    )))
                }
            }
        }
    }

    fn number(&mut self) -> Result<Node, JsonError> {
        let position = self.position();
        let start = self.offset;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here("expected a digit in number")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.bump();
            if let Some(b'+' | b'-') = self.peek() {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        let text = std::str::from_utf8(&self.bytes[start..self.offset]).unwrap_or("");
        // The grammar above is a subset of what Rust's float parser accepts.
        let value = text
            .parse::<f64>()
            .map_err(|_| self.error_at(position, "invalid number"))?;
        Ok(Node {
            position,
            kind: NodeKind::Number(value),
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.bump();
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let start_position = self.position();
        self.bump();
        let mut out = String::new();
        loop {
            let run_start = self.offset;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.bump();
            }
            // Runs stop only at ASCII bytes, so they end on character boundaries.
            out.push_str(std::str::from_utf8(&self.bytes[run_start..self.offset]).unwrap_or(""));
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        start_position,
                        "unterminated string: end of input before the closing quote",
                    ))
                }
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape_position = self.position();
                    self.bump();
                    let escaped = self.escape(escape_position)?;
                    out.push(escaped);
                }
                Some(byte) => {
                    return Err(self.error_here(&format!(
                        "control character U+{byte:04X} must be escaped inside a string"
                    )))
                }
            }
        }
    }

    /// Reads the escape after a backslash; errors point at the backslash.
    fn escape(&mut self, escape_position: Position) -> Result<char, JsonError> {
        let Some(byte) = self.peek() else {
            return Err(self.error_here("unterminated escape sequence"));
        };
        self.bump();
        let simple = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(escape_position),
            _ => {
                return Err(self.error_at(
                    escape_position,
                    &format!("invalid escape sequence `\\{}`", char::from(byte)),
                ))
            }
        };
        Ok(simple)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error_here("expected 4 hex digits after `\\u`"))?;
            self.bump();
            code = code * 16 + digit;
        }
        Ok(code)
    }

    fn unicode_escape(&mut self, position: Position) -> Result<char, JsonError> {
        let lone_surrogate = |parser: &Self| {
            parser.error_at(
                position,
                "lone UTF-16 surrogate escape is not supported in a policy",
            )
        };
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.offset..self.offset + 2) != Some(b"\\u".as_slice()) {
                    return Err(lone_surrogate(self));
                }
                self.bump();
                self.bump();
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone_surrogate(self));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(lone_surrogate(self)),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| lone_surrogate(self))
    }
}

/// A key or string as it would appear in JSON, for messages.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error_of(input: &[u8]) -> JsonError {
        match parse(input) {
            Ok(parsed) => panic!("expected an error, parsed {:?}", parsed.root.to_value()),
            Err(error) => error,
        }
    }

    fn at(line: usize, column: usize, error: &JsonError) {
        assert_eq!(
            (error.position.line, error.position.column),
            (line, column),
            "{}",
            error.message
        );
    }

    #[test]
    fn positions_of_values_and_keys() {
        let text = "{\n  \"résumé\": [1, true],\n    \"b\":\n\"x\"\n}";
        let parsed = parse(text.as_bytes()).unwrap();
        let NodeKind::Object(members) = &parsed.root.kind else {
            panic!()
        };
        assert_eq!(
            members[0].key_position,
            Position {
                offset: 4,
                line: 2,
                column: 3
            }
        );
        // Columns count characters, not bytes: "résumé" has two 2-byte characters.
        assert_eq!(
            (
                members[0].value.position.line,
                members[0].value.position.column
            ),
            (2, 13)
        );
        let NodeKind::Array(items) = &members[0].value.kind else {
            panic!()
        };
        assert_eq!((items[1].position.line, items[1].position.column), (2, 17));
        assert_eq!(
            (members[1].key_position.line, members[1].key_position.column),
            (3, 5)
        );
        assert_eq!(
            (
                members[1].value.position.line,
                members[1].value.position.column
            ),
            (4, 1)
        );
        assert_eq!(
            parsed.root.to_value(),
            json!({"résumé": [1, true], "b": "x"})
        );
    }

    #[test]
    fn scalars_and_escapes() {
        let parsed = parse(
            br#"[null, false, -0, 1.5e3, 0.1, 1e400, "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]"#,
        )
        .unwrap();
        assert_eq!(
            parsed.root.to_value(),
            json!([null, false, 0, 1500, 0.1, null, "a\"\\/\u{8}\u{c}\n\r\té😀"])
        );
    }

    #[test]
    fn duplicate_keys_last_wins_with_warning() {
        let parsed = parse(b"{\"a\": 1, \"b\": 2, \"a\": 3}").unwrap();
        assert_eq!(parsed.root.to_value(), json!({"a": 3, "b": 2}));
        let keys: Vec<_> = parsed
            .root
            .to_value()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].position.column, 18);
        assert!(parsed.warnings[0].message.contains("duplicate key \"a\""));
    }

    #[test]
    fn bom_is_skipped() {
        let parsed = parse(b"\xEF\xBB\xBF{\"a\": true}").unwrap();
        assert_eq!(parsed.root.to_value(), json!({"a": true}));
        assert_eq!(parsed.root.position.column, 1);
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        let e = error_of(b"");
        at(1, 1, &e);
        assert!(e.message.contains("empty"), "{}", e.message);
        at(2, 1, &error_of(b"   \n"));
        let e = error_of(b"{\n  \"a\": tru\n}");
        at(2, 11, &e);
        let e = error_of(b"{\"a\": 1,}");
        at(1, 9, &e);
        assert!(e.message.contains("expected a string key"), "{}", e.message);
        at(1, 9, &error_of(b"{\"a\": 1 \"b\": 2}"));
        at(1, 2, &error_of(b"[\"abc"));
        at(1, 4, &error_of(b"[1 2]"));
        at(1, 4, &error_of(b"{} x"));
        at(1, 3, &error_of(b"[01]"));
        at(1, 4, &error_of(b"[1.]"));
        at(1, 3, &error_of(b"[\"\\x\"]"));
        at(1, 3, &error_of(b"[\"\n\"]"));
        at(1, 3, &error_of(b"[\"\\ud800\"]"));
        at(1, 3, &error_of(b"[\"\\udc00\\ud800\"]"));
        at(1, 1, &error_of(b"'a'"));
        at(1, 2, &error_of(b"[NaN]"));
    }

    #[test]
    fn invalid_utf8_is_an_error_at_its_position() {
        let e = error_of(b"{\n \"a\xff\": 1}");
        at(2, 4, &e);
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let e = error_of(deep.as_bytes());
        assert!(e.message.contains("deeper than 512"), "{}", e.message);
        at(1, MAX_DEPTH + 1, &e);
        let objects = "{\"a\":".repeat(100_000);
        assert!(error_of(objects.as_bytes()).message.contains("deeper"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(ok.as_bytes()).is_ok());
    }

    #[test]
    fn truncated_and_mutated_input_never_panics() {
        let text = br#"{"resources": {"a>b": {"globals": {"process.env.X": true}, "packages": {"c": false}}}, "include": ["\u00e9", 1.5e-3, null]}"#;
        for end in 0..text.len() {
            let _ = parse(&text[..end]);
        }
        for index in 0..text.len() {
            for replacement in [b'"', b'\\', b'{', b']', 0xff, 0xc3, b'u', b'0', b'-', b'\n'] {
                let mut mutated = text.to_vec();
                mutated[index] = replacement;
                if let Ok(parsed) = parse(&mutated) {
                    let _ = crate::policy::validate::validate(&parsed.root);
                }
            }
        }
    }

    #[test]
    fn huge_strings_parse() {
        let big = "é".repeat(2_000_000);
        let text = format!("{{\"k\": \"{big}\", \"n\": 1}}");
        let parsed = parse(text.as_bytes()).unwrap();
        let NodeKind::Object(members) = &parsed.root.kind else {
            panic!()
        };
        assert_eq!(members[1].key_position.column, 2_000_000 + 11);
        assert_eq!(
            parsed.root.to_value()["k"].as_str().map(str::len),
            Some(4_000_000)
        );
    }
}
