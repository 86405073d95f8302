//! Module resolution as Node does it, on oxc_resolver: CommonJS `require` (`exports` with the
//! `node` and `require` conditions, `main`, `.js`/`.json`/`.node`, directories) and ESM
//! `import` (the `node` and `import` conditions, relative specifiers taken as written);
//! both follow `imports` (`#private`), `node:` builtins and symlinks to real paths. Plus the
//! policy's deprecated `resolutions` redirects.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use oxc_resolver::{ResolveError as OxcError, ResolveOptions, Resolver};

/// Per requiring package (canonical name), a replacement for each listed request.
pub type Resolutions = HashMap<String, HashMap<String, String>>;

/// Which of Node's two resolvers a request goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// `require(x)`.
    Require,
    /// `import ... from "x"`, `export ... from "x"` and `import("x")` (from CommonJS too).
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A Node builtin, spelt exactly as requested (`fs` and `node:fs` stay distinct ids).
    Builtin(String),
    /// The real path of a file.
    File(PathBuf),
}

#[derive(Debug)]
pub struct ResolveError {
    pub request: String,
    pub from_dir: PathBuf,
    pub reason: String,
    /// Node's error code for it (see [`ResolveError::code`]).
    code: &'static str,
}

impl ResolveError {
    /// The code Node's error has: a package's `exports` or `imports` that do not have the
    /// subpath are `ERR_PACKAGE_PATH_NOT_EXPORTED` / `ERR_PACKAGE_IMPORT_NOT_DEFINED` for both
    /// resolvers; anything else not found is `MODULE_NOT_FOUND` for a `require` and
    /// `ERR_MODULE_NOT_FOUND` for an `import` (code that tells an optional dependency's absence
    /// by its code: `import('x').catch((e) => e.code === 'ERR_MODULE_NOT_FOUND')`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    fn code_of(kind: RequestKind, error: &OxcError) -> &'static str {
        match (error, kind) {
            (OxcError::PackagePathNotExported { .. }, _) => "ERR_PACKAGE_PATH_NOT_EXPORTED",
            (OxcError::PackageImportNotDefined(..), _) => "ERR_PACKAGE_IMPORT_NOT_DEFINED",
            (_, RequestKind::Require) => "MODULE_NOT_FOUND",
            (_, RequestKind::Import) => "ERR_MODULE_NOT_FOUND",
        }
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Same wording as the reference and the `resolve` package, which users grep for.
        write!(
            f,
            "Cannot find module '{}' from '{}'",
            self.request,
            self.from_dir.display()
        )
    }
}

impl std::error::Error for ResolveError {}

pub struct ModuleResolver {
    resolver: Resolver,
    /// Shares the CommonJS resolver's file-system cache.
    esm_resolver: Resolver,
    project_root: PathBuf,
    resolutions: Resolutions,
}

impl ModuleResolver {
    pub fn new(project_root: &Path, resolutions: Resolutions) -> Self {
        let options = ResolveOptions {
            condition_names: vec!["node".into(), "require".into()],
            extensions: vec![".js".into(), ".json".into(), ".node".into()],
            main_fields: vec!["main".into()],
            builtin_modules: true,
            symlinks: true,
            ..ResolveOptions::default()
        };
        let resolver = Resolver::new(options.clone());
        let esm_options = ResolveOptions {
            condition_names: vec!["node".into(), "import".into()],
            // Node's ESM resolver adds no extension and no `/index.js` to a relative or
            // absolute specifier, nor to a package subpath (`pkg/lib/x` needs `.js`). Only a
            // package's legacy `main` still gets them; oxc_resolver treats that the same way.
            fully_specified: true,
            ..options
        };
        Self {
            esm_resolver: resolver.clone_with_options(esm_options),
            resolver,
            project_root: project_root.to_path_buf(),
            resolutions,
        }
    }

    /// Resolves `request` as `require` called from a module in `from_dir` would, after
    /// applying the `resolutions` entry of `parent_package`, if any. A redirect to a relative
    /// path is relative to the project root.
    pub fn resolve(
        &self,
        from_dir: &Path,
        request: &str,
        parent_package: Option<&str>,
    ) -> Result<Resolved, ResolveError> {
        self.resolve_as(RequestKind::Require, from_dir, request, parent_package)
    }

    /// [`Self::resolve`] for a `require` or an `import`.
    pub fn resolve_as(
        &self,
        kind: RequestKind,
        from_dir: &Path,
        request: &str,
        parent_package: Option<&str>,
    ) -> Result<Resolved, ResolveError> {
        let redirect = parent_package
            .and_then(|name| self.resolutions.get(name))
            .and_then(|table| table.get(request));
        let (base, target) = match redirect {
            Some(target) if target.starts_with('.') => {
                (self.project_root.as_path(), target.as_str())
            }
            Some(target) => (from_dir, target.as_str()),
            None => (from_dir, request),
        };
        let resolver = match kind {
            RequestKind::Require => &self.resolver,
            RequestKind::Import => &self.esm_resolver,
        };
        match resolver.resolve(base, target) {
            Ok(resolution) => Ok(Resolved::File(resolution.into_path_buf())),
            // A `#private` specifier mapped to a builtin is named by the builtin, which
            // oxc_resolver spells with `node:`.
            Err(OxcError::Builtin { resolved, .. }) if target.starts_with('#') => {
                Ok(Resolved::Builtin(resolved))
            }
            Err(OxcError::Builtin { .. }) => Ok(Resolved::Builtin(target.to_string())),
            Err(error) => Err(ResolveError {
                request: request.to_string(),
                from_dir: from_dir.to_path_buf(),
                reason: error.to_string(),
                code: ResolveError::code_of(kind, &error),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
