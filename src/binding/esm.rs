//! JS surface of `crate::transform::esm`: type conversion only.

use napi::{Env, Result};
use napi_derive::napi;

use super::js_error;
use crate::transform::esm::{self, ExportSource};

#[napi(object)]
pub struct EsmRequest {
    pub specifier: String,
    pub names: Vec<String>,
    pub is_json: bool,
}

#[napi(object)]
pub struct EsmExport {
    pub name: String,
    /// Index of the request the name comes from; absent for the module's own bindings.
    pub request: Option<u32>,
    /// The name in that request's module (`*`: its namespace).
    pub import_name: Option<String>,
}

#[napi(object)]
pub struct EsmModule {
    pub requests: Vec<EsmRequest>,
    pub exports: Vec<EsmExport>,
    pub star_exports: Vec<u32>,
    pub has_top_level_await: bool,
    pub functor: String,
}

#[napi(object)]
pub struct CommonJsExports {
    pub names: Vec<String>,
    pub reexports: Vec<String>,
}

fn index(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The record and functor of an ES module; a `SyntaxError` (code `LAVAMOAT_ESM_SYNTAX`, with
/// `offset`) when it does not parse.
#[napi(catch_unwind)]
pub fn transform_esm(env: Env, source: String) -> Result<EsmModule> {
    let module = esm::transform_esm(&source).map_err(|error| {
        js_error(
            &env,
            "LAVAMOAT_ESM_SYNTAX",
            format!("{} (at offset {})", error.message, error.offset),
        )
    })?;
    Ok(EsmModule {
        requests: module
            .requests
            .into_iter()
            .map(|r| EsmRequest {
                specifier: r.specifier,
                names: r.names,
                is_json: r.is_json,
            })
            .collect(),
        exports: module
            .exports
            .into_iter()
            .map(|export| match export.source {
                ExportSource::Local => EsmExport {
                    name: export.name,
                    request: None,
                    import_name: None,
                },
                ExportSource::Request { request, name } => EsmExport {
                    name: export.name,
                    request: Some(index(request)),
                    import_name: Some(name),
                },
            })
            .collect(),
        star_exports: module.star_exports.into_iter().map(index).collect(),
        has_top_level_await: module.has_top_level_await,
        functor: module.functor,
    })
}

/// Whether source whose format nothing declares is an ES module by its syntax.
#[napi(catch_unwind)]
pub fn has_module_syntax(source: String) -> bool {
    esm::has_module_syntax(&source)
}

/// The names an ES module can import from a CommonJS module, as Node finds them.
#[napi(catch_unwind)]
pub fn commonjs_exports(source: String) -> CommonJsExports {
    let found = esm::commonjs_exports(&source);
    CommonJsExports {
        names: found.names,
        reexports: found.reexports,
    }
}
