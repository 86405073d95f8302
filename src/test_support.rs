//! Helpers shared by the unit tests of several modules.

use std::fs;

/// A fresh temporary directory holding `files` (path relative to the root, content).
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, content).expect("write");
    }
    dir
}

/// Property-test settings with a per-test default case count that keeps `cargo test` quick;
/// `PROPTEST_CASES` (proptest's own variable) overrides it for long fuzzing runs.
pub fn proptest_config(default_cases: u32) -> proptest::test_runner::Config {
    let mut config = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default_cases;
    }
    // A failure prints its shrunk input; it becomes a named unit test beside the others
    // instead of a regressions file in the tree.
    config.failure_persistence = None;
    config
}

/// Time allowed for one pathological input. It catches a quadratic or exponential
/// regression (seconds turning into minutes) yet passes on a loaded 2-core machine;
/// unoptimised builds get more because they run about ten times slower.
pub fn pathological_input_bound() -> std::time::Duration {
    let seconds = if cfg!(debug_assertions) { 60 } else { 10 };
    std::time::Duration::from_secs(seconds)
}

/// Runs `work` on a thread with `stack_size` bytes of stack and fails the test if it panics
/// or has not finished within [`pathological_input_bound`] (a hang then fails instead of
/// blocking the test run; the stuck thread is abandoned).
pub fn finishes_in_time<T: Send + 'static>(
    what: &str,
    stack_size: usize,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let bound = pathological_input_bound();
    let (sender, receiver) = std::sync::mpsc::channel();
    let started = std::time::Instant::now();
    std::thread::Builder::new()
        .stack_size(stack_size)
        .spawn(move || {
            let _ = sender.send(work());
        })
        .expect("spawn a test thread");
    match receiver.recv_timeout(bound) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: not finished after {bound:?}")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{what}: panicked after {:?}", started.elapsed())
        }
    }
}
