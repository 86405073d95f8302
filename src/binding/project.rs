//! `PackageIndex` (canonical package names) and `Resolver` (CommonJS resolution) for JS.

use std::path::Path;

use napi::{Env, Result};
use napi_derive::napi;

use super::js_error;
use crate::analyze::SourceFormat;
use crate::autopolicy::Formats;
use crate::packages;
use crate::resolve::{ModuleResolver, RequestKind, Resolutions, Resolved};

#[napi(js_name = "PackageIndex")]
pub struct JsPackageIndex {
    inner: packages::PackageIndex,
}

#[napi]
impl JsPackageIndex {
    /// Reads every `package.json` reachable from `projectRoot` (its devDependencies included).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, project_root: String) -> Result<Self> {
        packages::PackageIndex::build(Path::new(&project_root), true)
            .map(|inner| Self { inner })
            .map_err(|e| js_error(&env, e.code(), e))
    }

    /// Canonical name of the package owning `file` (`$root$`, `a>b`, `external:<path>`).
    #[napi(catch_unwind)]
    pub fn package_name_for_path(&self, env: Env, file: String) -> Result<String> {
        self.inner
            .package_name_for_path(Path::new(&file))
            .map_err(|e| js_error(&env, e.code(), e))
    }

    /// Canonical name of the package owning `file`, which a module of package `importer` in
    /// `fromDir` reached by requiring `request`: a file of no known package fails as an
    /// undeclared dependency when `importer` does not declare the requested package.
    #[napi(catch_unwind)]
    pub fn package_name_for_import(
        &self,
        env: Env,
        file: String,
        importer: String,
        request: String,
        from_dir: String,
    ) -> Result<String> {
        self.inner
            .package_name_for_import(Path::new(&file), &importer, &request, Path::new(&from_dir))
            .map_err(|e| js_error(&env, e.code(), e))
    }

    /// Real directory of the package with this canonical name, if the project has it.
    #[napi(catch_unwind)]
    pub fn package_dir(&self, name: String) -> Option<String> {
        self.inner
            .package_dir(&name)
            .map(|dir| dir.display().to_string())
    }
}

#[napi(js_name = "Resolver")]
pub struct JsResolver {
    inner: ModuleResolver,
}

#[napi]
impl JsResolver {
    /// `resolutions` is the policy's `resolutions` table (requiring package → request → target).
    #[napi(constructor, catch_unwind)]
    pub fn new(project_root: String, resolutions: Option<Resolutions>) -> Self {
        Self {
            inner: ModuleResolver::new(Path::new(&project_root), resolutions.unwrap_or_default()),
        }
    }

    /// A builtin id exactly as requested, or the absolute real path of the file.
    /// `kind` is `"import"` for an `import`, anything else (or nothing) for a `require`.
    #[napi(catch_unwind)]
    pub fn resolve(
        &self,
        env: Env,
        from_dir: String,
        request: String,
        parent_package: Option<String>,
        kind: Option<String>,
    ) -> Result<String> {
        let kind = match kind.as_deref() {
            Some("import") => RequestKind::Import,
            _ => RequestKind::Require,
        };
        match self.inner.resolve_as(
            kind,
            Path::new(&from_dir),
            &request,
            parent_package.as_deref(),
        ) {
            Ok(Resolved::Builtin(id)) => Ok(id),
            Ok(Resolved::File(path)) => Ok(path.display().to_string()),
            Err(e) => Err(js_error(&env, e.code(), e)),
        }
    }
}

/// Which format Node runs a file in, decided as `--autopolicy` decides it (package `type`
/// scopes cached): the runtime must load a module as the policy's walk read it.
#[napi(js_name = "ModuleFormats")]
pub struct JsModuleFormats {
    inner: Formats,
}

#[napi]
impl JsModuleFormats {
    #[napi(constructor, catch_unwind)]
    pub fn new() -> Self {
        Self {
            inner: Formats::default(),
        }
    }

    /// `"module"`, `"commonjs"`, or `"detect"` (the file's syntax decides); `extension` as
    /// Node's `path.extname` gives it.
    #[napi(catch_unwind)]
    pub fn format(&self, file: String, extension: String) -> &'static str {
        match self.inner.format(Path::new(&file), &extension) {
            SourceFormat::Module => "module",
            SourceFormat::CommonJs => "commonjs",
            SourceFormat::Detect => "detect",
        }
    }
}
