//! What a computed `require` can load, read from the file system (deliberate differences from
//! the reference, which only warns about them):
//!
//! - `require('./src/' + name)` loads a file of `./src/`: every file there that Node could
//!   load is walked, so what shelljs's commands use gets into its policy;
//! - a module that computes the names of the packages it requires or resolves (esbuild's
//!   `` require.resolve(`${pkg}/${subpath}`) `` of its platform binary) gets the optional
//!   dependencies of its package that are installed, the usual way of shipping per-platform
//!   builds (@swc/core, lightningcss, @rollup/rollup-*, sass-embedded).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::analyze::DirPattern;

/// Extensions of the files a `require` without one can load.
const LOADABLE_EXTENSIONS: [&str; 4] = [".js", ".cjs", ".mjs", ".json"];

/// Requests (`./src/cat.js`, relative to `file`'s directory) for the files `pattern` can
/// name, sorted; `file` itself is left out. Empty when the directory cannot be read.
pub fn dir_requests(file: &Path, pattern: &DirPattern) -> Vec<String> {
    let Some(from_dir) = file.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(from_dir.join(&pattern.dir)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        // Regular files only: a link could lead into any package, known or not.
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter(|entry| entry.path() != file)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| matches_pattern(name, pattern))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| format!("{}{name}", pattern.dir))
        .collect()
}

/// The name has a loadable extension, starts with the pattern's literal file name start and
/// ends with its literal suffix, with or without the extension Node would add
/// (`'./src/' + x + '-cmd'` loads `a-cmd.js`).
fn matches_pattern(name: &str, pattern: &DirPattern) -> bool {
    let Some(stem) = LOADABLE_EXTENSIONS
        .iter()
        .find_map(|extension| name.strip_suffix(extension))
    else {
        return false;
    };
    name.starts_with(&pattern.name_prefix)
        && (name.ends_with(&pattern.suffix) || stem.ends_with(&pattern.suffix))
}

/// Names in the `optionalDependencies` of the package in `package_dir`.
pub fn optional_dependencies(package_dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read(package_dir.join("package.json")) else {
        return Vec::new();
    };
    let Ok(manifest) = serde_json::from_slice::<Value>(&text) else {
        return Vec::new();
    };
    manifest
        .get("optionalDependencies")
        .and_then(Value::as_object)
        .map(|names| names.keys().cloned().collect())
        .unwrap_or_default()
}

/// The real directory of package `name` as Node finds it from `from_dir`: the first
/// `node_modules/<name>` with a package.json on the way up.
pub fn installed_package_dir(from_dir: &Path, name: &str) -> Option<PathBuf> {
    from_dir
        .ancestors()
        .filter(|dir| dir.file_name().is_none_or(|last| last != "node_modules"))
        .map(|dir| dir.join("node_modules").join(name))
        .find(|dir| dir.join("package.json").is_file())
        .and_then(|dir| dir.canonicalize().ok())
}
