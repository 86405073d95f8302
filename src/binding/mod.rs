//! N-API surface: one small file per core module. These files convert types and map
//! errors (each core error's `code()` becomes the JS error's `code`); they hold no logic.

use napi::Env;
use napi_derive::napi;

mod autopolicy;
mod bench;
mod diff;
mod esm;
mod policy;
mod project;
mod source;

/// Throws a JS `Error` whose `code` is the core error's stable code. napi-rs can only give an
/// error a `Status` as its code, so the exception is raised here and the returned value tells
/// napi-rs that one is already pending.
pub(crate) fn js_error(env: &Env, code: &str, error: impl std::fmt::Display) -> napi::Error {
    match env.throw_error(&error.to_string(), Some(code)) {
        Ok(()) => napi::Error::from_status(napi::Status::PendingException),
        Err(failed) => failed,
    }
}

/// Version of the Rust core, to check that the addon loaded is the one this package ships.
#[napi(catch_unwind)]
pub fn core_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
