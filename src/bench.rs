//! The parse-only floor of `npm run bench`: read and parse a list of files, in parallel, and
//! do nothing else. No walk, no resolution, no analysis: what `--autopolicy` costs above this
//! is what the rest of the pipeline costs, so the bench prints it next to the real commands.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;
use rayon::prelude::*;

#[derive(Debug)]
pub enum BenchError {
    /// A listed file could not be read (the list is stale, or the project was reinstalled).
    Read { file: PathBuf, source: io::Error },
}

impl BenchError {
    pub fn code(&self) -> &'static str {
        match self {
            BenchError::Read { .. } => "LAVAMOAT_BENCH_READ",
        }
    }
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BenchError::Read { file, source } => {
                write!(
                    f,
                    "{}: could not read file to parse: {source}",
                    file.display()
                )
            }
        }
    }
}

impl std::error::Error for BenchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BenchError::Read { source, .. } => Some(source),
        }
    }
}

/// Parses every file the way autopolicy parses sources (module or script decided by the
/// source, `return` allowed at top level) and returns how many parsed without a syntax error.
/// Each rayon worker keeps one arena and resets it between files, as a real pipeline would.
pub fn parse_only<P: AsRef<Path> + Sync>(files: &[P]) -> Result<usize, BenchError> {
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    files
        .par_iter()
        .map_init(Allocator::default, |allocator, file| {
            let file = file.as_ref();
            let source = std::fs::read_to_string(file).map_err(|source| BenchError::Read {
                file: file.to_path_buf(),
                source,
            })?;
            allocator.reset();
            let parsed = Parser::new(allocator, &source, SourceType::unambiguous())
                .with_options(options)
                .parse();
            Ok(usize::from(
                !parsed.panicked && parsed.diagnostics.is_empty(),
            ))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_files_that_parse_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("script.cjs");
        let module = dir.path().join("module.js");
        let broken = dir.path().join("broken.js");
        std::fs::write(&script, "return module.exports = require('x')").unwrap();
        std::fs::write(&module, "import x from 'x'; export default x").unwrap();
        std::fs::write(&broken, "function (").unwrap();
        assert_eq!(parse_only(&[&script, &module, &broken]).unwrap(), 2);
    }

    #[test]
    fn missing_file_is_a_read_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone.js");
        let err = parse_only(&[&missing]).unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_BENCH_READ");
        assert!(err.to_string().contains("gone.js"), "{err}");
    }

    #[test]
    fn empty_list_parses_nothing() {
        assert_eq!(parse_only::<PathBuf>(&[]).unwrap(), 0);
    }
}
