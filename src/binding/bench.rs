//! JS surface of `crate::bench`: used only by `npm run bench` for its parse-only floor.

use napi_derive::napi;

use crate::bench;

/// Reads and parses `paths` in parallel and returns how many parsed without a syntax error.
/// Not part of the public API: it exists so the bench can show what parsing alone costs.
#[napi(catch_unwind)]
pub fn parse_files_for_bench(paths: Vec<String>) -> napi::Result<u32, String> {
    let clean = bench::parse_only(&paths)
        .map_err(|error| napi::Error::new(error.code().to_string(), error.to_string()))?;
    Ok(u32::try_from(clean).unwrap_or(u32::MAX))
}
