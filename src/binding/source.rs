//! JS surface of `crate::ses_source` and `crate::sloppy_with`.

use napi_derive::napi;

use crate::{ses_source, sloppy_with};

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
/// into strict code of the same meaning (`crate::sloppy_with`); `null` when it has none or
/// does not parse.
#[napi(catch_unwind)]
pub fn rewrite_with_statements(body: String) -> Option<String> {
    sloppy_with::rewrite_with_statements(&body)
}
