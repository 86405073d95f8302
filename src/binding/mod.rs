//! N-API surface: one small file per core module. These files convert types and map
//! errors (each core error's `code()` becomes the JS error's `code`); they hold no logic.

mod policy;

use napi_derive::napi;

/// Version of the Rust core, to check that the addon loaded is the one this package ships.
#[napi]
pub fn core_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
