//! Atomic policy file writes: a reader (another `lavamoat` process, an editor) sees either
//! the old file or the new one, never a half-written policy.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::PolicyError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Written,
    /// The file already had these exact bytes and was left alone (mtime kept).
    Unchanged,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `contents` to `path` (creating parent directories), unless the file already holds
/// exactly these bytes. `protected` lists files that must never be written, i.e. the policy
/// override, which is the user's own file: a wrong path from a caller must not destroy it.
pub fn write_policy_file(
    path: &Path,
    contents: &str,
    protected: &[&Path],
) -> Result<WriteOutcome, PolicyError> {
    let write_error = |message: String| PolicyError::Write {
        file: path.to_path_buf(),
        message,
    };
    if protected.iter().any(|guarded| same_file(path, guarded)) {
        return Err(write_error(
            "refusing to overwrite the policy override file; write the generated policy elsewhere"
                .to_string(),
        ));
    }
    if fs::read(path).is_ok_and(|existing| existing == contents.as_bytes()) {
        return Ok(WriteOutcome::Unchanged);
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&directory).map_err(|e| {
        write_error(format!(
            "could not create directory {}: {e}",
            directory.display()
        ))
    })?;
    let file_name = path
        .file_name()
        .ok_or_else(|| write_error("the path does not name a file".to_string()))?;
    let temp_path = directory.join(format!(
        ".{}.{}-{}.tmp",
        file_name.to_string_lossy(),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_new(&temp_path, contents).and_then(|()| fs::rename(&temp_path, path));
    if let Err(error) = result {
        // Best effort: the temp file may not even exist if creating it failed.
        let _ = fs::remove_file(&temp_path);
        return Err(write_error(error.to_string()));
    }
    Ok(WriteOutcome::Written)
}

fn write_new(temp_path: &Path, contents: &str) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp_path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

/// Same file when both resolve to one path; for a target that does not exist yet, compare
/// its canonical parent directory plus name.
fn same_file(a: &Path, b: &Path) -> bool {
    fn canonical(path: &Path) -> Option<PathBuf> {
        fs::canonicalize(path).ok().or_else(|| {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            Some(fs::canonicalize(parent).ok()?.join(path.file_name()?))
        })
    }
    a == b || matches!((canonical(a), canonical(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn creates_parents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("lavamoat/node/policy.json");
        assert_eq!(
            write_policy_file(&target, "{\n}", &[]).unwrap(),
            WriteOutcome::Written
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "{\n}");
        assert_eq!(entries(target.parent().unwrap()), ["policy.json"]);
        assert_eq!(
            write_policy_file(&target, "{\n  \"a\": 1\n}", &[]).unwrap(),
            WriteOutcome::Written
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "{\n  \"a\": 1\n}");
        assert_eq!(entries(target.parent().unwrap()), ["policy.json"]);
    }

    #[test]
    fn identical_contents_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("policy.json");
        write_policy_file(&target, "same", &[]).unwrap();
        let before = fs::metadata(&target).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(
            write_policy_file(&target, "same", &[]).unwrap(),
            WriteOutcome::Unchanged
        );
        let after = fs::metadata(&target).unwrap();
        assert_eq!(
            (before.ino(), before.mtime_nsec(), before.mtime()),
            (after.ino(), after.mtime_nsec(), after.mtime())
        );
        // A real change replaces the file (new inode: rename, not an in-place rewrite).
        write_policy_file(&target, "different", &[]).unwrap();
        assert_ne!(fs::metadata(&target).unwrap().ino(), before.ino());
    }

    #[test]
    fn refuses_the_protected_override_path() {
        let dir = tempfile::tempdir().unwrap();
        let override_path = dir.path().join("policy-override.json");
        fs::write(&override_path, "{\"resources\": {}}").unwrap();
        let spelled_differently = dir.path().join("x/../policy-override.json");
        fs::create_dir(dir.path().join("x")).unwrap();
        let error = write_policy_file(&spelled_differently, "{\n}", &[&override_path]).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_WRITE");
        assert!(
            error.to_string().contains("policy-override.json"),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(&override_path).unwrap(),
            "{\"resources\": {}}"
        );
        // A missing override path still protects the name.
        let missing = dir.path().join("new-override.json");
        assert!(write_policy_file(&missing, "{\n}", &[&missing]).is_err());
        assert!(!missing.exists());
    }

    #[test]
    fn failed_rename_removes_the_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("policy.json");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("occupied"), "x").unwrap();
        let error = write_policy_file(&target, "{\n}", &[]).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_WRITE");
        assert_eq!(entries(dir.path()), ["policy.json"]);
    }

    #[test]
    fn write_errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        let error = write_policy_file(&blocker.join("policy.json"), "{\n}", &[]).unwrap_err();
        assert_eq!(error.code(), "LAVAMOAT_POLICY_WRITE");
        assert!(error
            .to_string()
            .contains(&blocker.join("policy.json").display().to_string()));
    }
}
