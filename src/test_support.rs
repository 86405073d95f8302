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

/// Byte-level mutations of a real input, for property tests: the fuzzing of parsers starts
/// from files that nearly work, where random bytes rarely get past the first character.
#[derive(Debug, Clone)]
pub enum Mutation {
    Truncate(proptest::sample::Index),
    SetByte(proptest::sample::Index, u8),
    Insert(proptest::sample::Index, &'static str),
    Remove(proptest::sample::Index, proptest::sample::Index),
    Duplicate(proptest::sample::Index, proptest::sample::Index),
}

/// One mutation; insertions are drawn from `pieces`.
pub fn mutation(
    pieces: &'static [&'static str],
) -> impl proptest::strategy::Strategy<Value = Mutation> {
    use proptest::prelude::*;
    use proptest::sample::Index;
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::SetByte(at, byte)),
        (any::<Index>(), prop::sample::select(pieces))
            .prop_map(|(at, piece)| Mutation::Insert(at, piece)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Remove(a, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
    ]
}

pub fn mutate(original: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for mutation in mutations {
        let len = bytes.len();
        let range = |a: &proptest::sample::Index, b: &proptest::sample::Index| {
            let (a, b) = (a.index(len + 1), b.index(len + 1));
            a.min(b)..a.max(b)
        };
        match mutation {
            Mutation::Truncate(at) => bytes.truncate(at.index(len + 1)),
            Mutation::SetByte(at, byte) if len > 0 => bytes[at.index(len)] = *byte,
            Mutation::SetByte(..) => {}
            Mutation::Insert(at, piece) => {
                let at = at.index(len + 1);
                bytes.splice(at..at, piece.bytes());
            }
            Mutation::Remove(a, b) => {
                bytes.drain(range(a, b));
            }
            Mutation::Duplicate(a, b) => {
                let copy = bytes[range(a, b)].to_vec();
                let at = range(a, b).end;
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

/// esbuild's shim, as prettier 3's index.mjs starts (with the module's own `require`).
pub const ESBUILD_SHIM: &str = r#"var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
"#;
