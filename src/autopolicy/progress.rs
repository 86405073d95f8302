//! How far the walk is, shown on one rewritten stderr line while it runs on a terminal.

use std::collections::HashSet;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

#[derive(Default)]
pub struct Progress {
    modules: AtomicUsize,
    packages: Mutex<HashSet<String>>,
}

impl Progress {
    /// One more module analysed, of `package`.
    pub fn record(&self, package: &str) {
        self.modules.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut packages) = self.packages.lock() {
            if !packages.contains(package) {
                packages.insert(package.to_string());
            }
        }
    }

    /// `(modules, packages)` so far.
    pub fn counts(&self) -> (usize, usize) {
        let packages = self.packages.lock().map_or(0, |set| set.len());
        (self.modules.load(Ordering::Relaxed), packages)
    }
}

pub fn progress_line((modules, packages): (usize, usize)) -> String {
    format!("lavamoat: analysing {modules} modules in {packages} packages")
}

const REFRESH: Duration = Duration::from_millis(100);

/// Runs `work`; when `show` is set, a reporter thread rewrites one stderr line with the
/// counts every 100 ms, and leaves the final counts on it at the end.
pub fn with_progress<T>(show: bool, progress: &Progress, work: impl FnOnce() -> T) -> T {
    if !show {
        return work();
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut stderr = std::io::stderr();
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(REFRESH);
                let _ = write!(stderr, "\r\x1b[K{}", progress_line(progress.counts()));
            }
            let (modules, packages) = progress.counts();
            let _ = writeln!(
                stderr,
                "\r\x1b[Klavamoat: analysed {modules} modules in {packages} packages"
            );
        });
        let result = work();
        done.store(true, Ordering::Relaxed);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_modules_and_distinct_packages() {
        let progress = Progress::default();
        for package in ["a", "b", "a", "$root$"] {
            progress.record(package);
        }
        assert_eq!(progress.counts(), (4, 3));
        assert_eq!(
            progress_line(progress.counts()),
            "lavamoat: analysing 4 modules in 3 packages"
        );
    }

    #[test]
    fn hidden_progress_runs_the_work_only() {
        let progress = Progress::default();
        assert_eq!(with_progress(false, &progress, || 7), 7);
    }
}
