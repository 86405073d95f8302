//! JS surface of `crate::ses_source`.

use napi_derive::napi;

use crate::ses_source;

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
