//! N-API surface: converts types and errors, holds no logic.

use napi_derive::napi;

/// Version of the Rust core, to check that the addon loaded is the one this package ships.
#[napi]
pub fn core_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
