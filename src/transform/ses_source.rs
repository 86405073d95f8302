//! Rewrites a CommonJS file so that SES accepts it, without changing what it means.
//!
//! SES refuses any source text containing `<!--`, `-->`, or `import` followed by `(`, `//`
//! or `/*` (it does not parse, so comments and literals count). SES's own evasions replace
//! that text blindly: a string `'<!--'` then holds `< ! --`, and `<!-->` becomes `< ! -->`,
//! which SES still refuses. Here the file is parsed as Node parses it (a sloppy script, the
//! body of a function) and each occurrence is changed according to where it is:
//!
//! - in a string, template or regular expression literal, one character becomes its `\x`
//!   escape, which denotes the same character there: the value is unchanged (only source
//!   text shows the escape: a tagged template's raw strings, a regular expression's `source`,
//!   a function's `toString()`);
//! - in a comment, one character becomes a space; an HTML-like comment's own opener (`<!--`,
//!   or `-->` at the start of a line, which Node reads as `//`) becomes `//`;
//! - in code, `-->` is the operators `--` `>`, split by a space; `import(` is a dynamic
//!   import, which a compartment cannot allow: it becomes `__import__(`, an unbound name that
//!   throws when (and only when) reached, as with SES's evasion; any other `import` is part
//!   of a name (`obj.import(...)`, `{ import() {} }`, `$import(...)`) and its `i` becomes the
//!   name escape `\u0069`, the same name.
//!
//! SES also refuses `eval(` unless a `.` comes before it (what a direct eval looks like). A
//! direct eval, which a compartment cannot emulate, becomes the indirect eval it would be
//! anyway, `(0,eval)(`; any other such `eval` is a name (a method `eval(context) { ... }`,
//! less's and @noble/curves' classes; `function eval`) and its `e` becomes `\u0065`, the same
//! name: turned into `(0,eval)(` it did not parse. In a literal or comment it is escaped or
//! blanked as above.
//!
//! A direct eval of the name of one of the CommonJS wrapper's bindings, `eval("require")`
//! (also `module`, `exports`, `__dirname`, `__filename`: the webpack hack that hides Node's
//! `require` from bundlers, threads.js's), evaluates to that binding, which an indirect eval
//! cannot see: the call becomes the name itself, `(require)`, unless the file declares a
//! binding named `eval`.
//!
//! Each pattern owns a different character (`!`/`-` of `<!--`, `>` of `-->`, `i`/`m` of
//! `import`, `e`/`v` of `eval`), so the edits never overlap, and no edit leaves or creates an
//! occurrence.
//! A file that does not parse gets SES's blind evasions (made complete), so that at least
//! the error Node would report is the one the package sees.

use oxc_allocator::Allocator;
use oxc_ast::AstKind;
use oxc_ast_visit::Visit;

use crate::parse_thread::{on_parse_thread, parse_commonjs};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pattern {
    /// `<!--`
    HtmlOpen,
    /// `-->`
    HtmlClose,
    /// `import` followed by `(`, `//` or `/*` (after any whitespace)
    Import,
    /// `eval` followed by `(` (after any whitespace), where SES's pattern sees it
    Eval,
}

/// Every occurrence of a pattern SES refuses, by byte offset. A superset of SES's matches:
/// `import` counts whatever precedes it.
fn occurrences(source: &str) -> Vec<(usize, Pattern)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    for (at, byte) in bytes.iter().enumerate() {
        let rest = &bytes[at..];
        match byte {
            b'<' if rest.starts_with(b"<!--") => found.push((at, Pattern::HtmlOpen)),
            b'-' if rest.starts_with(b"-->") => found.push((at, Pattern::HtmlClose)),
            b'i' if rest.starts_with(b"import") && opens_call_or_comment(&source[at + 6..]) => {
                found.push((at, Pattern::Import));
            }
            b'e' if rest.starts_with(b"eval")
                && opens_call(&source[at + 4..])
                && !at
                    .checked_sub(1)
                    .is_some_and(|before| is_name_or_dot(bytes[before])) =>
            {
                found.push((at, Pattern::Eval));
            }
            _ => {}
        }
    }
    found
}

/// Whether `rest` is whitespace (JavaScript's `\s`, or more) then `(`, `//` or `/*`, or an
/// HTML-like comment's opener, which the rewrite turns into `//`.
fn opens_call_or_comment(rest: &str) -> bool {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    ["(", "//", "/*", "<!--", "-->"]
        .iter()
        .any(|opener| rest.starts_with(opener))
}

/// Whether `rest` is whitespace then `(`.
fn opens_call(rest: &str) -> bool {
    rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with('(')
}

/// A byte after which SES does not see `eval(`: a `.` (a member), or what its pattern's `\b`
/// takes for a character of the same word (ASCII letters, digits, `_`; not `$`, nor the bytes
/// of a non-ASCII letter, so `$eval(` counts).
fn is_name_or_dot(byte: u8) -> bool {
    byte == b'.' || byte == b'_' || byte.is_ascii_alphanumeric()
}

/// What a byte of the file is part of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Region {
    Code,
    /// A string, template or regular expression literal.
    Literal,
    Comment,
    /// The opener of an HTML-like comment (`<!--`, or `-->` starting a line).
    HtmlCommentOpener,
}

#[derive(Default)]
struct Regions {
    /// (start, end, region), from literals and comments; they never nest.
    spans: Vec<(usize, usize, Region)>,
    /// Offsets of the `import` keyword of dynamic imports.
    import_calls: Vec<usize>,
    /// Offsets of the `eval` of direct eval calls (`eval(...)`, the callee a bare name).
    eval_calls: Vec<usize>,
    /// Direct evals of a CommonJS wrapper's binding by name: (offset of `eval`, end of the
    /// call, the name in parentheses).
    wrapper_evals: Vec<(usize, usize, &'static str)>,
    /// The file declares something named `eval`: its calls are not evals.
    declares_eval: bool,
}

/// The CommonJS wrapper's bindings a direct eval may name, each as the code that reads it.
const WRAPPER_BINDINGS: [(&str, &str); 5] = [
    ("require", "(require)"),
    ("module", "(module)"),
    ("exports", "(exports)"),
    ("__dirname", "(__dirname)"),
    ("__filename", "(__filename)"),
];

impl<'a> Visit<'a> for Regions {
    fn enter_node(&mut self, kind: AstKind<'a>) {
        let span = match kind {
            AstKind::StringLiteral(it) => it.span,
            AstKind::TemplateElement(it) => it.span,
            AstKind::RegExpLiteral(it) => it.span,
            AstKind::ImportExpression(it) => {
                self.import_calls.push(it.span.start as usize);
                return;
            }
            AstKind::CallExpression(call) => {
                if let oxc_ast::ast::Expression::Identifier(callee) =
                    call.callee.without_parentheses()
                {
                    if callee.name == "eval" {
                        self.eval_calls.push(callee.span.start as usize);
                        let named = match call.arguments.as_slice() {
                            [oxc_ast::ast::Argument::StringLiteral(literal)] => WRAPPER_BINDINGS
                                .iter()
                                .find(|(name, _)| literal.value == *name)
                                .map(|(_, code)| *code),
                            _ => None,
                        };
                        if let Some(code) = named {
                            self.wrapper_evals.push((
                                callee.span.start as usize,
                                call.span.end as usize,
                                code,
                            ));
                        }
                    }
                }
                return;
            }
            AstKind::BindingIdentifier(binding) => {
                if binding.name == "eval" {
                    self.declares_eval = true;
                }
                return;
            }
            _ => return,
        };
        self.spans
            .push((span.start as usize, span.end as usize, Region::Literal));
    }
}

impl Regions {
    /// The region of an occurrence starting at `offset`; one starting inside the opener of an
    /// HTML-like comment (the `-->` of `<!-->`) is in the comment.
    fn at(&self, offset: usize) -> Region {
        let index = self.spans.partition_point(|&(start, _, _)| start <= offset);
        match index.checked_sub(1).map(|i| self.spans[i]) {
            Some((start, _, Region::HtmlCommentOpener)) if start != offset => Region::Comment,
            Some((_, end, region)) if offset < end => region,
            _ => Region::Code,
        }
    }
}

/// Parses `source` as Node does a CommonJS file; `None` if it does not parse.
fn regions_in(allocator: &Allocator, source: &str) -> Option<Regions> {
    let program = parse_commonjs(allocator, source)?;
    let mut regions = Regions::default();
    regions.visit_program(&program);
    for comment in &program.comments {
        let (start, end) = (comment.span.start as usize, comment.span.end as usize);
        let opener = if source[start..].starts_with("<!--") {
            4
        } else if source[start..].starts_with("-->") {
            3
        } else {
            0
        };
        if opener > 0 {
            regions
                .spans
                .push((start, start + opener, Region::HtmlCommentOpener));
        }
        regions.spans.push((start + opener, end, Region::Comment));
    }
    regions.spans.sort_unstable_by_key(|&(start, _, _)| start);
    Some(regions)
}

/// Parses `source` as Node does a CommonJS file; `None` if it does not parse (or could not be
/// parsed), on the parse thread (src/parse_thread.rs).
fn regions_of(source: &str) -> Option<Regions> {
    let source = source.to_string();
    on_parse_thread(move |allocator| regions_in(allocator, &source))
}

/// The replacement of bytes `start..end`.
struct Edit {
    start: usize,
    end: usize,
    text: &'static str,
}

fn edit_for(pattern: Pattern, at: usize, region: Region, regions: Option<&Regions>) -> Edit {
    let byte = |offset: usize, len: usize, text| Edit {
        start: at + offset,
        end: at + offset + len,
        text,
    };
    match (region, pattern) {
        (Region::Literal, Pattern::HtmlOpen) => byte(3, 1, "\\x2d"),
        (Region::Literal, Pattern::HtmlClose) => byte(2, 1, "\\x3e"),
        (Region::Literal, Pattern::Import) => byte(1, 1, "\\x6d"),
        // Its `v`: an `e` after a backslash is the escape `\e` (an `e`), which `\x65` is not.
        (Region::Literal, Pattern::Eval) => byte(1, 1, "\\x76"),
        (Region::Comment, Pattern::HtmlOpen) => byte(1, 1, " "),
        (Region::Comment, Pattern::HtmlClose) => byte(2, 1, " "),
        // An opener is `<!--` or `-->`: no `import` starts there.
        (Region::Comment | Region::HtmlCommentOpener, Pattern::Import | Pattern::Eval) => {
            byte(0, 1, " ")
        }
        (Region::HtmlCommentOpener, Pattern::HtmlOpen) => byte(0, 4, "//  "),
        (Region::HtmlCommentOpener, Pattern::HtmlClose) => byte(0, 3, "// "),
        (Region::Code, Pattern::HtmlOpen) => byte(1, 1, " ! "),
        (Region::Code, Pattern::HtmlClose) => byte(2, 1, " >"),
        (Region::Code, Pattern::Import) => match regions {
            Some(regions) if regions.import_calls.binary_search(&at).is_err() => {
                byte(0, 1, "\\u0069")
            }
            _ => byte(0, 6, "__import__"),
        },
        (Region::Code, Pattern::Eval) => match regions {
            Some(regions) if regions.eval_calls.binary_search(&at).is_err() => {
                byte(0, 1, "\\u0065")
            }
            Some(regions) if !regions.declares_eval => {
                match regions
                    .wrapper_evals
                    .iter()
                    .find(|(start, _, _)| *start == at)
                {
                    Some(&(_, end, code)) => Edit {
                        start: at,
                        end,
                        text: code,
                    },
                    None => byte(0, 4, "(0,eval)"),
                }
            }
            _ => byte(0, 4, "(0,eval)"),
        },
    }
}

/// `source` with every occurrence of what SES refuses rewritten (see the module comment).
///
/// The parser recurses as deep as the code nests, on a thread whose stack outlasts any
/// nesting V8 compiles (thousands of levels) by far, but not any text: check first that V8
/// compiles the file, and give it to [`evade_ses_rejections_blindly`] otherwise.
pub fn evade_ses_rejections(source: &str) -> String {
    let found = occurrences(source);
    if found.is_empty() {
        return source.to_string();
    }
    rewrite(source, found, regions_of(source))
}

/// `source` with every occurrence of what SES refuses rewritten as if it were in code, for
/// a file that does not parse: SES accepts the result, whose meaning may differ.
pub fn evade_ses_rejections_blindly(source: &str) -> String {
    rewrite(source, occurrences(source), None)
}

/// `source` with an edit for each of `found`, by its region when the file parsed.
fn rewrite(source: &str, found: Vec<(usize, Pattern)>, mut regions: Option<Regions>) -> String {
    if let Some(regions) = regions.as_mut() {
        regions.import_calls.sort_unstable();
        regions.eval_calls.sort_unstable();
    }
    let mut edits: Vec<Edit> = found
        .into_iter()
        .map(|(at, pattern)| {
            let region = regions
                .as_ref()
                .map_or(Region::Code, |regions| regions.at(at));
            edit_for(pattern, at, region, regions.as_ref())
        })
        .collect();
    edits.sort_by_key(|edit| edit.start);
    let mut out = String::with_capacity(source.len() + 8 * edits.len());
    let mut copied = 0;
    for edit in edits {
        // Edits never overlap (each pattern owns its character); should one, the first wins.
        if edit.start < copied {
            continue;
        }
        out.push_str(&source[copied..edit.start]);
        out.push_str(edit.text);
        copied = edit.end;
    }
    out.push_str(&source[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::evade_ses_rejections as evade;

    #[test]
    fn literals_keep_their_values() {
        assert_eq!(evade("x = '<!-->'"), "x = '<!-\\x2d\\x3e'");
        assert_eq!(evade("x = `import(${a})`"), "x = `i\\x6dport(${a})`");
        assert_eq!(evade("x = /[<!--]-->/"), "x = /[<!-\\x2d]--\\x3e/");
    }

    #[test]
    fn a_direct_eval_becomes_indirect_and_a_name_eval_stays_a_name() {
        assert_eq!(
            evade("eval('1'); (eval)(x); o.eval(2)"),
            "(0,eval)('1'); (eval)(x); o.eval(2)"
        );
        // A method, a function's name, a literal, a comment: the same meaning, no `eval(`.
        assert_eq!(
            evade("class A { eval(a, b = 1) { return a } }\nconst o = { eval (x) {} }"),
            "class A { \\u0065val(a, b = 1) { return a } }\nconst o = { \\u0065val (x) {} }"
        );
        assert_eq!(evade("function eval(x) {}"), "function \\u0065val(x) {}");
        // The webpack hack: a direct eval of a CommonJS binding's name is that binding.
        assert_eq!(
            evade("const r = eval('require'); eval(\"__dirname\"); eval('require', 1); eval('process')"),
            "const r = (require); (__dirname); (0,eval)('require', 1); (0,eval)('process')"
        );
        assert_eq!(
            evade("function f(eval) { return eval('require') }"),
            "function f(eval) { return (0,eval)('require') }"
        );
        assert_eq!(
            evade("s = 'eval(1)' // eval(2)"),
            "s = 'e\\x76al(1)' //  val(2)"
        );
        // SES's `\beval` matches after `$`: the name is escaped, still the same name.
        assert_eq!(evade("$eval(1); my_eval(2)"), "$\\u0065val(1); my_eval(2)");
    }

    #[test]
    fn an_import_before_an_html_comment_is_rewritten_too() {
        // `<!--` becomes `//`: the `import` before it would then open a comment.
        assert_eq!(evade("// !import\n<!-- x"), "// ! mport\n//   x");
    }

    #[test]
    fn comments_and_code() {
        assert_eq!(evade("a <!-- b\n--> c\nx-->0"), "a //   b\n//  c\nx-- >0");
        assert_eq!(
            evade("// import(x)\nimport('y'); o.import(1)"),
            "//  mport(x)\n__import__('y'); o.\\u0069mport(1)"
        );
    }

    #[test]
    fn unparsable_files_get_complete_blind_evasions() {
        assert_eq!(
            evade("x = ) '<!-->' import("),
            "x = ) '< ! -- >' __import__("
        );
    }
}
