//! Module resolution as Node does it for `require` (`exports` with the `node` and `require`
//! conditions) and for `import` (the `node` and `import` conditions): `main`, `imports`
//! (`#private`), `.js`/`.json`/`.node`, directories, symlinks to real paths, on oxc_resolver,
//! plus the policy's deprecated `resolutions` redirects. Imports are resolved as leniently as
//! requires (a relative specifier without its extension resolves, where Node's ESM loader
//! refuses it).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use oxc_resolver::{ResolveError as OxcError, ResolveOptions, Resolver};

/// Per requiring package (canonical name), a replacement for each listed request.
pub type Resolutions = HashMap<String, HashMap<String, String>>;

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
}

impl ResolveError {
    pub fn code(&self) -> &'static str {
        "MODULE_NOT_FOUND"
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

/// Which of Node's loaders asks: they differ in the `exports` condition they match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    Require,
    Import,
}

pub struct ModuleResolver {
    require_resolver: Resolver,
    import_resolver: Resolver,
    project_root: PathBuf,
    resolutions: Resolutions,
}

impl ModuleResolver {
    pub fn new(project_root: &Path, resolutions: Resolutions) -> Self {
        let options = |condition: &str| ResolveOptions {
            condition_names: vec!["node".into(), condition.into()],
            extensions: vec![".js".into(), ".json".into(), ".node".into()],
            main_fields: vec!["main".into()],
            builtin_modules: true,
            symlinks: true,
            ..ResolveOptions::default()
        };
        let require_resolver = Resolver::new(options("require"));
        // One file system cache for both.
        let import_resolver = require_resolver.clone_with_options(options("import"));
        Self {
            require_resolver,
            import_resolver,
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
        self.resolve_for(RequestKind::Require, from_dir, request, parent_package)
    }

    /// Resolves `request` as `require` or `import` would (see `resolve`).
    pub fn resolve_for(
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
            RequestKind::Require => &self.require_resolver,
            RequestKind::Import => &self.import_resolver,
        };
        match resolver.resolve(base, target) {
            Ok(resolution) => Ok(Resolved::File(resolution.into_path_buf())),
            // A `#private` import mapped to a builtin is that builtin (`node:events`).
            Err(OxcError::Builtin { resolved, .. }) if target.starts_with('#') => {
                Ok(Resolved::Builtin(resolved))
            }
            Err(OxcError::Builtin { .. }) => Ok(Resolved::Builtin(target.to_string())),
            Err(error) => Err(ResolveError {
                request: request.to_string(),
                from_dir: from_dir.to_path_buf(),
                reason: error.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
