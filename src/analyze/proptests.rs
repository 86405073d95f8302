//! Property tests of the analyzer on hostile input: it reads every file of every dependency,
//! so no source text may make it panic, overflow its stack or take unbounded time.
//! `PROPTEST_CASES=100000 cargo test --release proptest` runs the long fuzzing session.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;

use super::*;
use crate::test_support::{finishes_in_time, mutate, mutation, proptest_config};

/// Everything the analyzer hands on must point inside the source, and the code frames
/// built from it (printed as warnings) must render.
fn check_facts(source: &str, facts: &ModuleFacts) {
    let index = LineIndex::new(source);
    let in_source = |span: &Span| {
        assert!(
            span.start <= span.end && source.get(span.start as usize..span.end as usize).is_some(),
            "span {span:?} is not a slice of the source"
        );
        let _ = index.code_frame(*span, "finding");
    };
    facts
        .requires
        .iter()
        .for_each(|request| in_source(&request.span));
    facts.dynamic_requires.iter().for_each(in_source);
    facts
        .dir_requires
        .iter()
        .for_each(|(span, _)| in_source(span));
    facts.computed_resolves.iter().for_each(in_source);
    facts.primordial_mutations.iter().for_each(in_source);
    for violation in &facts.strict_mode_violations {
        assert!(source.is_char_boundary(violation.offset as usize));
        let _ = index.code_frame_at(violation.offset, &violation.message);
    }
    if let Some(error) = &facts.parse_error {
        assert!(
            source.is_char_boundary(error.offset as usize),
            "parse error offset {} is outside the source",
            error.offset
        );
        assert_eq!(error.location, index.location(error.offset));
        assert!(facts.requires.is_empty() && facts.globals.is_empty());
        let _ = index.code_frame_at(error.offset, &error.message);
    }
    assert!(facts.globals.keys().all(|path| !path.is_empty()));
}

/// Analyses on a thread with the stack the autopolicy workers have, as in production.
fn analyze_checked(source: String) {
    finishes_in_time("analysis", ANALYSIS_STACK_SIZE, move || {
        let facts = analyze_module(&source, Path::new("/p/node_modules/a/index.js"));
        check_facts(&source, &facts);
    });
}

/// Real module sources: every JavaScript file of the autopolicy fixtures.
fn corpus() -> &'static [Vec<u8>] {
    static CORPUS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        let mut pending =
            vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("__test__/fixtures/autopolicy")];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixture dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "js") {
                    files.push(std::fs::read(&path).expect("fixture file"));
                }
            }
        }
        files.sort();
        assert!(files.len() >= 30, "only {} fixture sources", files.len());
        files
    })
}

/// Pieces of JavaScript that steer the parser into its less travelled paths.
const TOKENS: &[&str] = &[
    "require(",
    "require",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "'a'",
    "\"fs\"",
    "`",
    "${",
    "x",
    ".",
    "?.",
    "=",
    "+=",
    "=>",
    ",",
    ";",
    "\n",
    "\r\n",
    "\u{2028}",
    "/",
    "/*",
    "*/",
    "//",
    "\\",
    "'",
    "function",
    "class",
    "return",
    "new",
    "delete",
    "typeof",
    "with",
    "var",
    "let",
    "const",
    "async",
    "await",
    "yield",
    "import",
    "export",
    "import.meta",
    "new.target",
    "this",
    "arguments",
    "globalThis",
    "process.env.X",
    "Object.prototype",
    "module.exports",
    "exports",
    "eval",
    "0x",
    "1e",
    "08",
    "...",
    "#p",
    "@",
    "<!--",
    "-->",
    "\u{0}",
    "\u{feff}",
    "é",
    "\u{1f600}",
    "\u{e000}",
    "\u{ffff}",
    " ",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|tokens| tokens.concat())
}

/// Texts with every kind of line terminator and of UTF-16 width, long enough (up to 40 kB) to
/// cross the index's checkpoints.
fn multiline_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(
        &[
            "a",
            "é",
            "\u{1f600}",
            "\u{e000}",
            "\n",
            "\r",
            "\r\n",
            "\u{2028}",
            "\u{2029}",
        ][..],
    );
    prop::collection::vec((piece, 1..2000usize), 0..40).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, times)| piece.repeat(times))
            .collect()
    })
}

/// Line, column and UTF-16 index of a byte offset, counted the slow, obvious way.
fn naive_location(source: &str, offset: usize) -> (usize, usize, usize) {
    let prefix = &source[..offset];
    let line_start = prefix
        .rmatch_indices(['\n', '\r', '\u{2028}', '\u{2029}'])
        .next()
        .map_or(0, |(at, terminator)| at + terminator.len());
    let lines = prefix
        .replace("\r\n", "\n")
        .matches(['\n', '\r', '\u{2028}', '\u{2029}'])
        .count();
    let utf16 = |text: &str| text.encode_utf16().count();
    (lines + 1, utf16(&prefix[line_start..]), utf16(prefix))
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn proptest_line_index_agrees_with_naive_counting(source in multiline_text(), picks in prop::collection::vec(any::<Index>(), 1..20)) {
        let index = LineIndex::new(&source);
        let boundaries: Vec<usize> = (0..=source.len()).filter(|&at| source.is_char_boundary(at)).collect();
        for pick in picks {
            let offset = *pick.get(&boundaries);
            // Between the two bytes of "\r\n" is not a place a finding can start.
            if source[..offset].ends_with('\r') && source[offset..].starts_with('\n') {
                continue;
            }
            let at = index.location(offset as u32);
            prop_assert_eq!((at.line, at.column, index.utf16_offset(offset as u32)), naive_location(&source, offset));
        }
    }

    #[test]
    fn proptest_arbitrary_text_is_analysed(source in any::<String>()) {
        analyze_checked(source);
    }

    #[test]
    fn proptest_token_soup_is_analysed(source in token_soup()) {
        analyze_checked(source);
    }

    #[test]
    fn proptest_mutated_real_modules_are_analysed(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(TOKENS), 1..6),
    ) {
        // Like the walk, the mutated bytes are read as lossy UTF-8.
        let original = &corpus()[file.index(corpus().len())];
        analyze_checked(String::from_utf8_lossy(&mutate(original, &mutations)).into_owned());
    }
}

/// Inputs built to make a parser or a tree walk recurse deeply, loop or allocate a lot;
/// each must be handled in bounded time without overflowing the stack.
mod pathological {
    use super::*;

    fn nested(open: &str, middle: &str, close: &str, depth: usize) -> String {
        format!(
            "module.exports = {}{middle}{}",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn hundred_thousand_nested_parentheses() {
        analyze_checked(nested("(", "x", ")", 100_000));
    }

    #[test]
    fn hundred_thousand_nested_brackets() {
        analyze_checked(nested("[", "x", "]", 100_000));
    }

    #[test]
    fn hundred_thousand_unclosed_parentheses() {
        analyze_checked("require(".repeat(100_000));
    }

    #[test]
    fn hundred_thousand_nested_objects() {
        analyze_checked(nested("{a:", "process", "}", 100_000));
    }

    #[test]
    fn deeply_nested_functions() {
        analyze_checked(nested("function f(){ return ", "globalThis.x", "}", 20_000));
        analyze_checked(nested(
            "() => { return ",
            "require('fs').readFile",
            "}",
            20_000,
        ));
    }

    #[test]
    fn fifty_thousand_term_binary_expression() {
        let terms: Vec<String> = (0..50_000).map(|i| format!("g{}", i % 100)).collect();
        analyze_checked(format!("module.exports = {}", terms.join(" + ")));
        analyze_checked(format!(
            "module.exports = {}",
            vec!["a.b"; 50_000].join(" && ")
        ));
    }

    #[test]
    fn ten_megabytes_on_one_line() {
        let statement = "process.env.X = require('fs').readFileSync(require(name));";
        analyze_checked(statement.repeat(10_000_000 / statement.len()));
        analyze_checked(format!("module.exports = '{}'", "é".repeat(5_000_000)));
    }

    #[test]
    fn odd_encodings_and_control_bytes() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "require('fs').readFile"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let mut invalid_utf8 = b"require('a\xff\xfe'); x\xc3(".to_vec();
        invalid_utf8.extend(std::iter::repeat_n(0x80, 100_000));
        for bytes in [
            utf16,
            invalid_utf8,
            vec![0; 1_000_000],
            b"\0require\0('a')".to_vec(),
        ] {
            analyze_checked(String::from_utf8_lossy(&bytes).into_owned());
        }
        analyze_checked("\u{feff}\u{feff}require('x')".to_string());
    }
}
