//! JS surface of `crate::ses_source`.

use napi_derive::napi;

use crate::ses_source;

/// `source` (a CommonJS file) rewritten so that SES accepts it, meaning unchanged.
#[napi(catch_unwind)]
pub fn evade_ses_rejections(source: String) -> String {
    ses_source::evade_ses_rejections(&source)
}
