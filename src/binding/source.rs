//! JS surface of `crate::transform::ses_source`, `crate::transform::sloppy_with` and `crate::transform::sloppy_this`.

use napi_derive::napi;

use crate::transform::{ses_source, sloppy_this, sloppy_with};

/// `source` (a CommonJS file that V8 compiles) rewritten so that SES accepts it, meaning
/// unchanged.
#[napi(catch_unwind)]
pub fn evade_ses_rejections(source: String) -> String {
    ses_source::evade_ses_rejections(&source)
}

/// `source` (a file V8 does not compile) rewritten so that SES accepts it, without parsing.
#[napi(catch_unwind)]
pub fn evade_ses_rejections_blindly(source: String) -> String {
    ses_source::evade_ses_rejections_blindly(&source)
}

/// `body` (what `Function` gets as its body, or a script) with its `with` statements rewritten
/// into strict code of the same meaning (`crate::transform::sloppy_with`); `null` when it has none or
/// does not parse.
#[napi(catch_unwind)]
pub fn rewrite_with_statements(body: String) -> Option<String> {
    sloppy_with::rewrite_with_statements(&body)
}

/// `source` (a CommonJS file that V8 compiles) with each sloppy function's `this` read as
/// `(this ?? <globalName>)` (`crate::transform::sloppy_this`); `null` when it has none or does not parse.
#[napi(catch_unwind)]
pub fn rewrite_sloppy_this(source: String, global_name: String) -> Option<String> {
    sloppy_this::rewrite_sloppy_this(&source, &global_name)
}
