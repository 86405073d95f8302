//! Native addons loaded through the `bindings` or `node-gyp-build` helpers are found by
//! looking where those helpers look, so the package still gets `native: true` (spec §2).
//! Only the common locations for the current platform are tried; nothing found is fine.

use std::path::{Path, PathBuf};

use super::graph::Target;

/// Addons to add to the import map of `file`, which requires the helpers listed there.
pub fn addons_for(file: &Path, import_map: &[(String, Option<Target>)]) -> Vec<PathBuf> {
    let requires = |name: &str| {
        import_map
            .iter()
            .any(|(request, target)| request == name && target.is_some())
    };
    let uses_bindings = requires("bindings");
    let uses_gyp_build = requires("node-gyp-build");
    if !uses_bindings && !uses_gyp_build {
        return Vec::new();
    }
    let Some(root) = module_root(file) else {
        return Vec::new();
    };
    let mut addons = Vec::new();
    if uses_bindings {
        addons.extend(bindings_addon(&root));
    }
    if uses_gyp_build {
        addons.extend(gyp_build_addon(&root));
    }
    addons
}

/// The nearest directory above `file` holding a `package.json` or a `node_modules`.
fn module_root(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join("package.json").exists() || dir.join("node_modules").exists())
        .map(Path::to_path_buf)
}

fn platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

fn arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    }
}

/// `bindings()` without a name looks for `bindings.node` in these places, in this order
/// (the ones that depend on the Node version or ABI are left out).
fn bindings_addon(root: &Path) -> Option<PathBuf> {
    let candidates: [&[&str]; 11] = [
        &["build"],
        &["build", "Debug"],
        &["build", "Release"],
        &["out", "Debug"],
        &["Debug"],
        &["out", "Release"],
        &["Release"],
        &["build", "default"],
        &["addon-build", "release", "install-root"],
        &["addon-build", "debug", "install-root"],
        &["addon-build", "default", "install-root"],
    ];
    candidates
        .iter()
        .map(|segments| {
            segments
                .iter()
                .fold(root.to_path_buf(), |dir, s| dir.join(s))
        })
        .map(|dir| dir.join("bindings.node"))
        .find(|candidate| candidate.is_file())
}

/// `node-gyp-build`: a local build first, then a prebuild for this platform and arch.
fn gyp_build_addon(root: &Path) -> Option<PathBuf> {
    let local = ["build/Release", "build/Debug"]
        .iter()
        .find_map(|dir| first_addon(&root.join(dir)));
    local.or_else(|| {
        let prebuilds = root.join("prebuilds");
        let mut tuples: Vec<PathBuf> = std::fs::read_dir(&prebuilds)
            .ok()?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|dir| {
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (os, archs) = name.split_once('-').unwrap_or((name.as_str(), ""));
                os == platform() && archs.split('+').any(|a| a == arch())
            })
            .collect();
        tuples.sort();
        tuples.iter().find_map(|dir| first_addon(dir))
    })
}

/// The first `.node` file of a directory by name, N-API builds preferred.
fn first_addon(dir: &Path) -> Option<PathBuf> {
    let mut addons: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "node"))
        .collect();
    addons.sort_by_key(|path| (!path.to_string_lossy().contains("napi"), path.clone()));
    addons.into_iter().next()
}
