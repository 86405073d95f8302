//! Which format Node runs a JavaScript file in (its ESM_FILE_FORMAT): `.mjs` is a module and
//! `.cjs` CommonJS; a `.js` file takes the `type` of the nearest package.json, and without
//! one its own syntax decides (Node 22+ detection), which the analyzer does. TypeScript
//! follows the same rules: `.mts`, `.cts`, and `.ts` as `.js`.
//!
//! A file without extension is left to its syntax too: `require` runs it as CommonJS whatever
//! the `type` (yargs' `yargs/yargs` is CommonJS under `"type": "module"`), while `import`
//! would follow the `type`; code that parses as a module cannot be CommonJS anyway.

use std::path::{Path, PathBuf};

use dashmap::DashMap;
use serde_json::Value;

use crate::analyze::SourceFormat;

/// The package scopes seen so far: directory → format its package.json's `type` sets.
#[derive(Default)]
pub struct Formats {
    scopes: DashMap<PathBuf, SourceFormat>,
}

impl Formats {
    /// `extension` as Node's `path.extname` gives it (`.js`, `""`, ...) of a file that is
    /// not JSON nor an addon.
    pub fn format(&self, file: &Path, extension: &str) -> SourceFormat {
        match extension {
            ".mjs" | ".mts" => SourceFormat::Module,
            ".cjs" | ".cts" => SourceFormat::CommonJs,
            ".js" | ".ts" => file
                .parent()
                .map_or(SourceFormat::Detect, |dir| self.scope_format(dir)),
            _ => SourceFormat::Detect,
        }
    }

    /// Node's LOOKUP_PACKAGE_SCOPE: the nearest directory with a package.json, not looking
    /// past a `node_modules` directory.
    fn scope_format(&self, dir: &Path) -> SourceFormat {
        if let Some(format) = self.scopes.get(dir) {
            return *format;
        }
        let format = if dir.file_name().is_some_and(|name| name == "node_modules") {
            SourceFormat::Detect
        } else {
            match std::fs::read(dir.join("package.json")) {
                Ok(bytes) => declared_type(&bytes),
                Err(_) => dir
                    .parent()
                    .map_or(SourceFormat::Detect, |parent| self.scope_format(parent)),
            }
        };
        self.scopes.insert(dir.to_path_buf(), format);
        format
    }
}

/// The format a package.json's `type` field sets. A manifest that does not parse sets none
/// (package names are read elsewhere, and fail there).
fn declared_type(manifest: &[u8]) -> SourceFormat {
    let manifest: Option<Value> = serde_json::from_slice(manifest).ok();
    match manifest
        .as_ref()
        .and_then(|m| m.get("type"))
        .and_then(Value::as_str)
    {
        Some("module") => SourceFormat::Module,
        Some("commonjs") => SourceFormat::CommonJs,
        _ => SourceFormat::Detect,
    }
}
