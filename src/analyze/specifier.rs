//! The literal shape of a computed `require` specifier: the text written around its computed
//! parts. `require('./src/' + name)` (shelljs loading its commands) can only load a file of
//! `./src/`; the walk (autopolicy/walk.rs) analyses every file there so that what they use
//! gets into the policy.

use oxc_ast::ast::{Argument, BinaryOperator, Expression};
use oxc_semantic::Semantic;

/// A computed specifier that names a file of one relative directory: its literal text
/// before the computed part is `dir` + `name_prefix`, after it `suffix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirPattern {
    /// `./src/`, `../lib/`, `./`: relative to the requiring file's directory, ends with `/`.
    pub dir: String,
    /// Literal start of the file name (`cmd-` of `'./src/cmd-' + name`), often empty.
    pub name_prefix: String,
    /// Literal end of the specifier (`.js` of `` `./src/${name}.js` ``), often empty.
    pub suffix: String,
}

/// A piece of a specifier: literal text or a value known only at run time.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Computed,
}

/// The literal text a computed specifier starts with (`./src/` of `'./src/' + x`), empty
/// when it starts with a computed part.
pub fn literal_prefix(semantic: &Semantic<'_>, specifier: &Argument<'_>) -> String {
    let pieces = pieces_of_argument(semantic, specifier);
    match pieces.first() {
        Some(Piece::Text(text)) => text.clone(),
        _ => String::new(),
    }
}

/// The whole text of a specifier that has no computed part (`'./minify'`,
/// `path.join(__dirname, 'minify.js')` as `./minify.js`).
pub fn literal_specifier(semantic: &Semantic<'_>, specifier: &Argument<'_>) -> Option<String> {
    match pieces_of_argument(semantic, specifier).as_slice() {
        [Piece::Text(text)] => Some(text.clone()),
        _ => None,
    }
}

/// The text of a specifier written only with string literals: a string, a template literal
/// without substitutions, or a `+` of such pieces (rollup's `require('u' + 'rl')`, which keeps
/// bundlers from seeing the request). Anything else, a number included (`1 + 2 + 'x'` is
/// `3x`), is not folded.
pub fn constant_string(expression: &Expression<'_>) -> Option<String> {
    match expression {
        Expression::StringLiteral(literal) => Some(literal.value.to_string()),
        Expression::TemplateLiteral(template) if template.expressions.is_empty() => template
            .quasis
            .first()
            .and_then(|quasi| quasi.value.cooked.as_ref())
            .map(|cooked| cooked.to_string()),
        Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
            let mut text = constant_string(&binary.left)?;
            text.push_str(&constant_string(&binary.right)?);
            Some(text)
        }
        _ => None,
    }
}

/// The directory pattern of a computed specifier, when it has one: literal text that starts
/// with `./` or `../` and ends in a directory before the first computed part, and no `/`
/// after it (the file is directly in that directory, never in a subdirectory the computed
/// part could not name).
pub fn dir_pattern(semantic: &Semantic<'_>, specifier: &Argument<'_>) -> Option<DirPattern> {
    let pieces = pieces_of_argument(semantic, specifier);
    let first_computed = pieces.iter().position(|piece| *piece == Piece::Computed)?;
    let Some(Piece::Text(prefix)) = pieces.first() else {
        return None;
    };
    if !(prefix.starts_with("./") || prefix.starts_with("../")) {
        return None;
    }
    let rest = &pieces[first_computed..];
    if rest
        .iter()
        .any(|piece| matches!(piece, Piece::Text(text) if text.contains('/')))
    {
        return None;
    }
    let suffix = match rest.last() {
        Some(Piece::Text(text)) => text.clone(),
        _ => String::new(),
    };
    let slash = prefix.rfind('/')?;
    Some(DirPattern {
        dir: normalize_dir(&prefix[..=slash]),
        name_prefix: prefix[slash + 1..].to_string(),
        suffix,
    })
}

/// `./a/./b//` → `./a/b/`; a leading `..` stays (`../lib/`).
fn normalize_dir(dir: &str) -> String {
    let segments: Vec<&str> = dir
        .split('/')
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect();
    match segments.first() {
        Some(&"..") => format!("{}/", segments.join("/")),
        Some(_) => format!("./{}/", segments.join("/")),
        None => "./".to_string(),
    }
}

fn pieces_of_argument(semantic: &Semantic<'_>, specifier: &Argument<'_>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    match specifier.as_expression() {
        Some(expression) => pieces_of(semantic, expression, &mut pieces),
        None => pieces.push(Piece::Computed),
    }
    merge_texts(pieces)
}

/// Adjacent literal pieces joined, so that the pattern reads whole literal runs.
fn merge_texts(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        match (merged.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(text)) => last.push_str(&text),
            (_, piece) => merged.push(piece),
        }
    }
    merged
}

/// String concatenation (`+`), template literals and `path.join(__dirname, ...)` /
/// `path.resolve(__dirname, ...)` are read as pieces; anything else is one computed piece.
fn pieces_of(semantic: &Semantic<'_>, expression: &Expression<'_>, out: &mut Vec<Piece>) {
    match expression {
        Expression::StringLiteral(literal) => out.push(Piece::Text(literal.value.to_string())),
        Expression::TemplateLiteral(template) => {
            for (index, quasi) in template.quasis.iter().enumerate() {
                match &quasi.value.cooked {
                    Some(text) => out.push(Piece::Text(text.to_string())),
                    None => out.push(Piece::Computed),
                }
                if let Some(expression) = template.expressions.get(index) {
                    pieces_of(semantic, expression, out);
                }
            }
        }
        Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
            pieces_of(semantic, &binary.left, out);
            pieces_of(semantic, &binary.right, out);
        }
        Expression::CallExpression(call) if is_path_from_dirname(semantic, call) => {
            // Relative to the module's own directory, segments joined by `/`.
            out.push(Piece::Text("./".to_string()));
            for (index, argument) in call.arguments.iter().skip(1).enumerate() {
                if index > 0 {
                    out.push(Piece::Text("/".to_string()));
                }
                match argument.as_expression() {
                    Some(expression) => pieces_of(semantic, expression, out),
                    None => out.push(Piece::Computed),
                }
            }
        }
        _ => out.push(Piece::Computed),
    }
}

/// The own JavaScript file a `path.join(__dirname, 'worker.js')` call names (also
/// `.resolve`, and TypeScript's `(0, x.resolve)(__dirname, ...)`), every segment literal:
/// `./worker.js`. piscina 5 keeps it in an option object that another module hands to
/// `new Worker`.
pub fn own_script_path(
    semantic: &Semantic<'_>,
    call: &oxc_ast::ast::CallExpression<'_>,
) -> Option<String> {
    if !is_path_from_dirname(semantic, call) {
        return None;
    }
    let mut pieces = vec![Piece::Text("./".to_string())];
    for (index, argument) in call.arguments.iter().skip(1).enumerate() {
        if index > 0 {
            pieces.push(Piece::Text("/".to_string()));
        }
        match argument.as_expression() {
            Some(expression) => pieces_of(semantic, expression, &mut pieces),
            None => pieces.push(Piece::Computed),
        }
    }
    match merge_texts(pieces).as_slice() {
        [Piece::Text(text)]
            if [".js", ".mjs", ".cjs"]
                .iter()
                .any(|extension| text.ends_with(extension)) =>
        {
            Some(text.clone())
        }
        _ => None,
    }
}

/// `<x>.join(__dirname, ...)` or `<x>.resolve(__dirname, ...)` with the free `__dirname` of
/// CommonJS and no literal segment that is absolute (which would start over elsewhere); also
/// as TypeScript compiles an imported function's call, `(0, <x>.resolve)(__dirname, ...)`.
fn is_path_from_dirname(semantic: &Semantic<'_>, call: &oxc_ast::ast::CallExpression<'_>) -> bool {
    let callee = match call.callee.without_parentheses() {
        Expression::SequenceExpression(sequence) if sequence.expressions.len() == 2 => {
            &sequence.expressions[1]
        }
        callee => callee,
    };
    let Expression::StaticMemberExpression(member) = callee else {
        return false;
    };
    if !matches!(member.property.name.as_str(), "join" | "resolve") || call.optional {
        return false;
    }
    let Some(Expression::Identifier(first)) =
        call.arguments.first().and_then(Argument::as_expression)
    else {
        return false;
    };
    let is_free_dirname = first.name == "__dirname"
        && first
            .reference_id
            .get()
            .is_some_and(|id| semantic.scoping().get_reference(id).symbol_id().is_none());
    let absolute_segment = call.arguments.iter().skip(1).any(|argument| {
        matches!(argument, Argument::StringLiteral(literal) if literal.value.starts_with('/'))
    });
    is_free_dirname && !absolute_segment
}
