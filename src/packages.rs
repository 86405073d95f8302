//! Canonical package names: which npm package a directory (and so a file) belongs to, named
//! by its shortest path through the *logical* dependency tree (`a>b`, `$root$`), the way
//! policies name packages.
//!
//! The name of a package does not depend on where the package manager placed it on disk: a
//! package required only by `a` is `a>d` whether npm hoisted it to the top-level
//! `node_modules` or pnpm linked it from its store, and two copies of one package get two
//! names. Each declared dependency is found as Node finds it at run time: from the real
//! directory of the package that declares it (pnpm's `node_modules/a` is a link into
//! `node_modules/.pnpm/a@1/node_modules/a`, whose dependencies are its siblings there), and
//! a package is its real directory. Among all dependency paths from the root to a directory,
//! the best one wins: fewer segments first, then segment by segment the shorter name, then
//! the lower string.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

pub const ROOT_NAME: &str = "$root$";

#[derive(Debug)]
pub enum PackagesError {
    ReadPackageJson {
        path: PathBuf,
        source: std::io::Error,
    },
    InvalidPackageJson {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A file sits under a `node_modules` folder of a package that no dependency list leads to.
    UnknownPackageDir { relative: String, file: PathBuf },
    /// A package requires a package its package.json does not declare, and that no other
    /// package's declared dependencies lead to (so it has no name).
    UndeclaredDependency {
        importer: String,
        dependency: String,
        file: PathBuf,
        /// For a require from the root package: the nested package.json directory (a
        /// workspace package, relative to the root) that holds the requiring code and does
        /// declare the dependency, because the project root was set above the app.
        declared_in_nested: Option<String>,
    },
    /// Yarn Plug'n'Play keeps packages in zip archives and resolves through `.pnp.cjs`: there
    /// is no directory per package to name or to confine.
    PlugNPlay { marker: PathBuf },
}

impl PackagesError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::ReadPackageJson { .. } => "LAVAMOAT_PACKAGE_JSON_READ",
            Self::InvalidPackageJson { .. } => "LAVAMOAT_PACKAGE_JSON_INVALID",
            Self::UnknownPackageDir { .. } => "LAVAMOAT_UNKNOWN_PACKAGE_DIR",
            Self::UndeclaredDependency { .. } => "LAVAMOAT_UNDECLARED_DEPENDENCY",
            Self::PlugNPlay { .. } => "LAVAMOAT_PACKAGE_LAYOUT_UNSUPPORTED",
        }
    }
}

impl fmt::Display for PackagesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ReadPackageJson { path, source } => {
                write!(
                    f,
                    "LavaMoat could not read \"{}\": {source}",
                    path.display()
                )
            }
            Self::InvalidPackageJson {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "LavaMoat could not parse \"{}\" at line {line} column {column}: {message}",
                path.display()
            ),
            // The wording up to the file name is the reference's; the hint is ours.
            Self::UnknownPackageDir { relative, file } => write!(
                f,
                "LavaMoat - Encountered unknown package directory \"{relative}\" for file \"{}\" \
                 (no declared dependency of the project leads to this package)",
                file.display()
            ),
            Self::UndeclaredDependency {
                importer,
                dependency,
                file,
                declared_in_nested,
            } => {
                write!(
                    f,
                    "LavaMoat - package \"{importer}\" requires \"{dependency}\" (file \"{}\"), \
                     which its package.json does not declare; ",
                    file.display()
                )?;
                match declared_in_nested {
                    Some(dir) => write!(
                        f,
                        "the requiring code is in the package at \"{dir}\", which declares it but \
                         counts as part of the project root here: run lavamoat with the app's own \
                         directory as the project root (cd there, or --projectRoot)"
                    ),
                    // The app is `$root$` in policies, but its manifest is what a user edits.
                    None if importer == ROOT_NAME => write!(
                        f,
                        "declare it in the \"dependencies\" of the app's own package.json (the project root's)"
                    ),
                    None => write!(f, "declare it in the dependencies of \"{importer}\""),
                }
            }
            Self::PlugNPlay { marker } => write!(
                f,
                "LavaMoat does not support Yarn Plug'n'Play (found \"{}\"): packages must be \
                 installed in node_modules directories. Set `nodeLinker: node-modules` in \
                 .yarnrc.yml and run `yarn install` again",
                marker.display()
            ),
        }
    }
}

impl std::error::Error for PackagesError {}

/// Every package directory of a project with its canonical name.
#[derive(Debug, Clone)]
pub struct PackageIndex {
    root: PathBuf,
    /// Real directories (and the root as given) to canonical names.
    name_by_dir: HashMap<PathBuf, String>,
    dir_by_name: HashMap<String, PathBuf>,
    /// Declared dependency names per real package directory, to tell an undeclared require
    /// from one the index could not follow.
    declared_by_dir: HashMap<PathBuf, Vec<String>>,
}

impl PackageIndex {
    /// Walks the dependency tree declared by `package.json` files from `root`. The root's
    /// `devDependencies` count when `include_dev_deps` is set; no other package's do.
    pub fn build(root: &Path, include_dev_deps: bool) -> Result<Self, PackagesError> {
        let root = normalize(root);
        refuse_plug_n_play(&root)?;
        // Node resolves from real paths, so the walk does too.
        let real_root = canonical(&root).unwrap_or_else(|| root.clone());
        let walked = walk_logical_tree(&real_root, include_dev_deps)?;

        let mut name_by_dir = HashMap::with_capacity(walked.best.len() + 2);
        let mut dir_by_name = HashMap::with_capacity(walked.best.len() + 1);
        for (dir, logical_path) in walked.best {
            let name = logical_path.join(">");
            dir_by_name.insert(name.clone(), dir.clone());
            name_by_dir.insert(dir, name);
        }
        name_by_dir.insert(real_root.clone(), ROOT_NAME.to_string());
        name_by_dir.insert(root.clone(), ROOT_NAME.to_string());
        dir_by_name.insert(ROOT_NAME.to_string(), real_root);
        Ok(Self {
            root,
            name_by_dir,
            dir_by_name,
            declared_by_dir: walked.manifests,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The real directory of the package with this canonical name.
    pub fn package_dir(&self, name: &str) -> Option<&Path> {
        self.dir_by_name.get(name).map(PathBuf::as_path)
    }

    /// The package directory that contains `file`: the longest known directory prefix.
    pub fn package_dir_for_path(&self, file: &Path) -> Option<&Path> {
        file.ancestors().find_map(|dir| {
            self.name_by_dir
                .get_key_value(dir)
                .map(|(d, _)| d.as_path())
        })
    }

    /// The canonical name of the package that owns `file`. A file outside every known package
    /// is `external:<path relative to the root>`.
    pub fn package_name_for_path(&self, file: &Path) -> Result<String, PackagesError> {
        let Some(dir) = self.package_dir_for_path(file) else {
            return Ok(format!("external:{}", relative_display(&self.root, file)));
        };
        let relative = file.strip_prefix(dir).unwrap_or(file);
        // A `node_modules` component between the package and the file means the file belongs to
        // a package we never reached through any dependency list. A dot directory right in the
        // package's `node_modules` is no package (npm names never start with a dot): tools keep
        // what they make for the package there (vite bundles the app's config into
        // `node_modules/.vite-temp/` and imports it), and it is the package's own, as a file it
        // writes next to its others would be. Security: that opens nothing new. Another package
        // loads it only with a grant of the owner (`$root$` for the project's, which
        // `--diffPolicies` counts powerful), and one that can write it there can as well write
        // next to the owner's other files.
        let mut parts = relative.components();
        let in_tool_dir = parts.next() == Some(Component::Normal("node_modules".as_ref()))
            && matches!(parts.next(), Some(Component::Normal(name)) if name.as_encoded_bytes().starts_with(b"."));
        let below = if in_tool_dir {
            parts.as_path()
        } else {
            relative
        };
        if below
            .components()
            .any(|c| c == Component::Normal("node_modules".as_ref()))
        {
            return Err(PackagesError::UnknownPackageDir {
                relative: relative.display().to_string(),
                file: file.to_path_buf(),
            });
        }
        Ok(self.name_by_dir[dir].clone())
    }

    /// The canonical name of the package that owns `file`, which a module of package
    /// `importer` in `from_dir` reached by requiring `request`. A file of no known package is
    /// an undeclared dependency when `importer`'s package.json does not declare the requested
    /// package, and an unknown package directory otherwise (the error says which).
    pub fn package_name_for_import(
        &self,
        file: &Path,
        importer: &str,
        request: &str,
        from_dir: &Path,
    ) -> Result<String, PackagesError> {
        let error = match self.package_name_for_path(file) {
            Err(error @ PackagesError::UnknownPackageDir { .. }) => error,
            other => return other,
        };
        let Some(dependency) = bare_package_name(request) else {
            return Err(error);
        };
        let declared = self
            .dir_by_name
            .get(importer)
            .and_then(|dir| self.declared_by_dir.get(dir))
            .is_some_and(|names| names.iter().any(|name| name == dependency));
        if declared {
            return Err(error);
        }
        let declared_in_nested = if importer == ROOT_NAME {
            self.nested_package_declaring(from_dir, dependency)
        } else {
            None
        };
        Err(PackagesError::UndeclaredDependency {
            importer: importer.to_string(),
            dependency: dependency.to_string(),
            file: file.to_path_buf(),
            declared_in_nested,
        })
    }

    /// The nearest directory from `dir` up to (not including) the project root whose
    /// package.json declares `dependency`, relative to the root: code of the root package
    /// that is really a workspace package of its own.
    fn nested_package_declaring(&self, dir: &Path, dependency: &str) -> Option<String> {
        let root = self.dir_by_name.get(ROOT_NAME)?;
        dir.ancestors()
            .take_while(|d| *d != root.as_path() && d.starts_with(root))
            .find(|d| {
                declared_dependencies(d, true)
                    .is_ok_and(|names| names.iter().any(|name| name == dependency))
            })
            .map(|d| relative_display(root, d))
    }
}

/// The package a bare request names (`a` of `a/lib/x`, `@s/a` of `@s/a/x`); none for a
/// relative or absolute path.
fn bare_package_name(request: &str) -> Option<&str> {
    if request.starts_with('.') || request.starts_with('/') || request.is_empty() {
        return None;
    }
    let segments = if request.starts_with('@') { 2 } else { 1 };
    let end = request
        .match_indices('/')
        .nth(segments - 1)
        .map_or(request.len(), |(i, _)| i);
    Some(&request[..end])
}

/// Refuses a Yarn Plug'n'Play install, whose `.pnp.cjs` (or `.pnp.js`) sits at the project
/// root or the root of the monorepo the project is in.
fn refuse_plug_n_play(root: &Path) -> Result<(), PackagesError> {
    let marker = root
        .ancestors()
        .flat_map(|dir| [dir.join(".pnp.cjs"), dir.join(".pnp.js")])
        .find(|marker| marker.is_file());
    match marker {
        Some(marker) => Err(PackagesError::PlugNPlay { marker }),
        None => Ok(()),
    }
}

/// Orders dependency names as the reference does: shorter first, then plain string order.
pub fn compare_package_names(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn compare_logical_paths(a: &[String], b: &[String]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| {
        a.iter()
            .zip(b)
            .map(|(x, y)| compare_package_names(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

struct Pending {
    dir: PathBuf,
    logical_path: Vec<String>,
    /// Directories on the way here, to skip dependency cycles.
    ancestors: HashSet<PathBuf>,
}

struct Walked {
    /// Real package directory to its best logical path.
    best: HashMap<PathBuf, Vec<String>>,
    /// Real package directory to its declared dependency names.
    manifests: HashMap<PathBuf, Vec<String>>,
}

/// Breadth-first over the logical tree: a shorter path is always found before a longer one,
/// and a directory is walked again only when it gets a better path, so every directory ends
/// with the best of all its paths.
fn walk_logical_tree(root: &Path, include_dev_deps: bool) -> Result<Walked, PackagesError> {
    let mut best: HashMap<PathBuf, Vec<String>> = HashMap::new();
    let mut manifests: HashMap<PathBuf, Vec<String>> = HashMap::new();
    let mut locator = Locator::default();
    let mut level = vec![Pending {
        dir: root.to_path_buf(),
        logical_path: Vec::new(),
        ancestors: HashSet::new(),
    }];
    while !level.is_empty() {
        // The level's manifests not read yet, read in parallel; used (and any error
        // reported) in the level's order below, as if read there.
        let mut unread: Vec<(&Path, bool)> = level
            .iter()
            .filter(|pending| !manifests.contains_key(&pending.dir))
            .map(|pending| (pending.dir.as_path(), pending.logical_path.is_empty()))
            .collect();
        unread.sort_unstable();
        unread.dedup();
        let mut read: HashMap<PathBuf, Result<Vec<String>, PackagesError>> = unread
            .into_par_iter()
            .map(|(dir, is_root)| {
                let deps = declared_dependencies(dir, is_root && include_dev_deps);
                (dir.to_path_buf(), deps)
            })
            .collect();
        let mut next = Vec::new();
        for pending in level {
            let is_root = pending.logical_path.is_empty();
            let deps = match manifests.get(&pending.dir) {
                Some(deps) => deps.clone(),
                None => {
                    let deps = match read.remove(&pending.dir) {
                        Some(deps) => deps?,
                        None => declared_dependencies(&pending.dir, is_root && include_dev_deps)?,
                    };
                    manifests.insert(pending.dir.clone(), deps.clone());
                    deps
                }
            };
            for dep in deps {
                let Some(child) = locator.locate(&pending.dir, &dep) else {
                    continue;
                };
                if child == root || pending.ancestors.contains(&child) {
                    continue;
                }
                let mut logical_path = pending.logical_path.clone();
                logical_path.push(dep);
                let improves = best
                    .get(&child)
                    .is_none_or(|current| compare_logical_paths(&logical_path, current).is_lt());
                if !improves {
                    continue;
                }
                best.insert(child.clone(), logical_path.clone());
                let mut ancestors = pending.ancestors.clone();
                ancestors.insert(pending.dir.clone());
                next.push(Pending {
                    dir: child,
                    logical_path,
                    ancestors,
                });
            }
        }
        level = next;
    }
    Ok(Walked { best, manifests })
}

/// serde_json counts columns from 0 when the error sits at the start of a line (end of input
/// after a newline) and from 1 everywhere else; our messages are 1-based throughout, like
/// policy errors. Its Display repeats the position, which the message already names.
fn invalid_package_json(path: &Path, error: &serde_json::Error) -> PackagesError {
    let (line, column) = (error.line(), error.column().max(1));
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    PackagesError::InvalidPackageJson {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// Names listed in `dependencies`, `optionalDependencies`, `peerDependencies` (and
/// `devDependencies` when asked), deduplicated, in preferred order.
fn declared_dependencies(dir: &Path, include_dev: bool) -> Result<Vec<String>, PackagesError> {
    let path = dir.join("package.json");
    let text = std::fs::read_to_string(&path).map_err(|source| PackagesError::ReadPackageJson {
        path: path.clone(),
        source,
    })?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| invalid_package_json(&path, &e))?;
    let mut fields = vec!["dependencies", "optionalDependencies", "peerDependencies"];
    if include_dev {
        fields.push("devDependencies");
    }
    let mut names: Vec<String> = fields
        .iter()
        .filter_map(|field| manifest.get(field).and_then(serde_json::Value::as_object))
        .flat_map(|deps| deps.keys().cloned())
        .collect();
    names.sort_by(|a, b| compare_package_names(a, b));
    names.dedup();
    Ok(names)
}

/// Most links the walk follows for one path before giving up, as the OS's ELOOP would.
const MAX_LINKS: usize = 40;

/// Finds dependencies as Node does, remembering which `node_modules` folders exist: most
/// packages have none of their own, and every probe into a missing one would cost a path
/// lookup through pnpm's deep store paths.
#[derive(Default)]
struct Locator {
    node_modules: HashMap<PathBuf, NodeModulesDir>,
    /// Paths known to be no link, with every parent real.
    real_paths: HashSet<PathBuf>,
    /// Real directories and whether they hold a package.json.
    manifests: HashMap<PathBuf, bool>,
}

#[derive(Clone, Copy, PartialEq)]
enum NodeModulesDir {
    Missing,
    Real,
    /// A link (or something unreadable): its real path is found per dependency.
    Other,
}

impl Locator {
    /// The real directory of the package Node would load for `require('<name>')` from the
    /// real directory `dir`: the nearest `node_modules/<name>` with a package.json walking up,
    /// skipping directories that are themselves `node_modules`, with symlinks followed (a
    /// workspace link, pnpm's links into its store).
    fn locate(&mut self, dir: &Path, name: &str) -> Option<PathBuf> {
        // A name that could climb out of node_modules is not a package name.
        let valid = Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !valid {
            return None;
        }
        for base in dir
            .ancestors()
            .filter(|d| d.file_name().is_none_or(|n| n != "node_modules"))
        {
            let folder = base.join("node_modules");
            let kind = *self.node_modules.entry(folder.clone()).or_insert_with(|| {
                match std::fs::symlink_metadata(&folder) {
                    Err(_) => NodeModulesDir::Missing,
                    Ok(meta) if meta.is_dir() => NodeModulesDir::Real,
                    Ok(_) => NodeModulesDir::Other,
                }
            });
            if kind == NodeModulesDir::Missing {
                continue;
            }
            let real = match kind {
                NodeModulesDir::Real => self.real_path_below(&folder, Path::new(name)),
                _ => self.real_path_below(base, &Path::new("node_modules").join(name)),
            };
            // Checked at the real path, once per package directory.
            if let Some(real) = real.filter(|real| self.has_manifest(real)) {
                return Some(real);
            }
        }
        None
    }

    fn has_manifest(&mut self, real_dir: &Path) -> bool {
        if let Some(&known) = self.manifests.get(real_dir) {
            return known;
        }
        let found = real_dir.join("package.json").is_file();
        self.manifests.insert(real_dir.to_path_buf(), found);
        found
    }

    /// The real path of `base/rest` where `base` is already real: only the components of
    /// `rest` are checked, and relative links (pnpm's, npm's workspace links) are followed
    /// from the real directory that holds them. A full `canonicalize` per dependency costs a
    /// system call per component of pnpm's deep store paths; here a store directory is
    /// checked once, however many packages link to it.
    fn real_path_below(&mut self, base: &Path, rest: &Path) -> Option<PathBuf> {
        let mut real = base.to_path_buf();
        let mut todo: VecDeque<std::ffi::OsString> = rest
            .components()
            .map(|c| c.as_os_str().to_owned())
            .collect();
        let mut links = 0;
        while let Some(part) = todo.pop_front() {
            if part == ".." {
                // The parent of a real directory is real.
                real.pop();
                continue;
            }
            if part == "." {
                continue;
            }
            let next = real.join(&part);
            if self.real_paths.contains(&next)
                || !std::fs::symlink_metadata(&next)
                    .ok()?
                    .file_type()
                    .is_symlink()
            {
                self.real_paths.insert(next.clone());
                real = next;
                continue;
            }
            links += 1;
            if links > MAX_LINKS {
                return None;
            }
            let target = std::fs::read_link(&next).ok()?;
            if target.is_absolute() {
                // Absolute targets (Windows junctions among them) go through the OS.
                real = canonical(&next)?;
            } else {
                for component in target.components().rev() {
                    todo.push_front(component.as_os_str().to_owned());
                }
            }
        }
        Some(real)
    }
}

/// The real path, spelt as the resolver spells real paths: on Windows without the `\\?\`
/// prefix that `canonicalize` adds (`C:\x`, `\\server\share\x`), or no file would ever
/// match its package.
fn canonical(path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    if let Some(text) = real.to_str().filter(|_| cfg!(windows)) {
        if let Some(unc) = text.strip_prefix(r"\\?\UNC\") {
            return Some(PathBuf::from(format!(r"\\{unc}")));
        }
        if let Some(disk) = text.strip_prefix(r"\\?\") {
            return Some(PathBuf::from(disk));
        }
    }
    Some(real)
}

/// Absolute, lexically normalised (no `.`, `..` or trailing separator), symlinks kept.
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn relative_display(root: &Path, file: &Path) -> String {
    match file.strip_prefix(root) {
        Ok(rel) => rel.display().to_string(),
        Err(_) => {
            // Like path.relative: climb out of the root as far as needed.
            let common = root
                .ancestors()
                .find(|a| file.starts_with(a))
                .unwrap_or(Path::new("/"));
            let ups = root
                .strip_prefix(common)
                .map(|r| r.components().count())
                .unwrap_or(0);
            let mut rel = PathBuf::new();
            for _ in 0..ups {
                rel.push("..");
            }
            rel.push(file.strip_prefix(common).unwrap_or(file));
            rel.display().to_string()
        }
    }
}

#[cfg(test)]
mod tests;
