//! What changed between two policies, so that a rewritten policy can be reviewed: per package,
//! the permissions granted and taken away, with the powerful ones singled out.
//!
//! Both inputs are expected to be valid policies (as `load_policy_file` returns them); a
//! missing document, `resources` or section counts as empty, and a section of the wrong type
//! is ignored rather than reported, so any JSON value can be compared without failing.

use serde_json::{Map, Value};

use super::process_routes::{explicit_builtin_member, names_process_route};
use super::stringify::policy_key_cmp;

/// Builtin modules that reach outside the JS heap: processes, files, the network, the module
/// loader, the VM, the debugger and native internals, or that observe the whole process
/// (`async_hooks`, `diagnostics_channel`). A grant of any path in one of them
/// (`fs.readFileSync`, `node:fs/promises`) is powerful. SECURITY.md says what each gives.
pub const POWERFUL_BUILTINS: &[&str] = &[
    "async_hooks",
    "child_process",
    "cluster",
    "dgram",
    "diagnostics_channel",
    "dns",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "process",
    "tls",
    "v8",
    "vm",
    "worker_threads",
    "wasi",
];

/// A dependency that may require this name runs files of the root package, unconfined.
const ROOT_PACKAGE: &str = "$root$";

/// The fields of a package policy that grant something, in the order a policy file lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionKind {
    Builtin,
    Env,
    Globals,
    Native,
    Packages,
}

impl PermissionKind {
    pub const ALL: [PermissionKind; 5] = [
        PermissionKind::Builtin,
        PermissionKind::Env,
        PermissionKind::Globals,
        PermissionKind::Native,
        PermissionKind::Packages,
    ];

    /// The field name in a package policy.
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionKind::Builtin => "builtin",
            PermissionKind::Env => "env",
            PermissionKind::Globals => "globals",
            PermissionKind::Native => "native",
            PermissionKind::Packages => "packages",
        }
    }

    /// `native` and `env` hold one value; the other fields map names to values.
    fn is_single_value(self) -> bool {
        matches!(self, PermissionKind::Native | PermissionKind::Env)
    }
}

/// One entry of a package policy. For `native` and `env`, `name` is the field name itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Permission {
    pub kind: PermissionKind,
    pub name: String,
    pub value: Value,
    pub powerful: bool,
}

impl Permission {
    fn new(kind: PermissionKind, name: &str, value: &Value) -> Self {
        Permission {
            kind,
            name: name.to_string(),
            value: value.clone(),
            powerful: is_powerful(kind, name, value),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageStatus {
    Added,
    Removed,
    Changed,
}

impl PackageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PackageStatus::Added => "added",
            PackageStatus::Removed => "removed",
            PackageStatus::Changed => "changed",
        }
    }
}

/// A package whose policy differs. A changed value (`true` to `"write"`) is the old entry in
/// `removed` and the new one in `added`; an added package lists all its permissions in
/// `added`, a removed one in `removed`.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageDiff {
    pub name: String,
    pub status: PackageStatus,
    pub added: Vec<Permission>,
    pub removed: Vec<Permission>,
}

/// One entry of the deprecated `resolutions`: `package` requiring `request` gets `path`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub package: String,
    pub request: String,
    pub path: Value,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResolutionsDiff {
    pub added: Vec<Resolution>,
    pub removed: Vec<Resolution>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDiff {
    /// Only the packages that differ, in policy file order.
    pub packages: Vec<PackageDiff>,
    pub resolutions: ResolutionsDiff,
    /// Some added permission is powerful: what a CI gate checks.
    pub adds_powerful: bool,
}

impl PolicyDiff {
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
            && self.resolutions.added.is_empty()
            && self.resolutions.removed.is_empty()
    }
}

pub fn diff(old: &Value, new: &Value) -> PolicyDiff {
    let old_resources = as_map(old.get("resources"));
    let new_resources = as_map(new.get("resources"));
    let mut names: Vec<&String> = old_resources.keys().collect();
    names.extend(
        new_resources
            .keys()
            .filter(|name| !old_resources.contains_key(*name)),
    );
    names.sort_by(|a, b| policy_key_cmp(a, b));

    let packages: Vec<PackageDiff> = names
        .into_iter()
        .filter_map(|name| {
            let (status, added, removed) = match (old_resources.get(name), new_resources.get(name))
            {
                (None, Some(new)) => (PackageStatus::Added, permissions(new), Vec::new()),
                (Some(old), None) => (PackageStatus::Removed, Vec::new(), permissions(old)),
                (Some(old), Some(new)) => {
                    let added = missing_from(permissions(new), old);
                    let removed = missing_from(permissions(old), new);
                    if added.is_empty() && removed.is_empty() {
                        return None;
                    }
                    (PackageStatus::Changed, added, removed)
                }
                (None, None) => return None,
            };
            Some(PackageDiff {
                name: name.clone(),
                status,
                added,
                removed,
            })
        })
        .collect();

    let adds_powerful = packages
        .iter()
        .flat_map(|package| &package.added)
        .any(|permission| permission.powerful);
    PolicyDiff {
        packages,
        resolutions: ResolutionsDiff {
            added: missing_resolutions(resolutions(new), old),
            removed: missing_resolutions(resolutions(old), new),
        },
        adds_powerful,
    }
}

/// The documented rules (README "Reviewing policy changes"). Only grants count: a `false`
/// entry is never powerful.
fn is_powerful(kind: PermissionKind, name: &str, value: &Value) -> bool {
    let granted = value == true || value == "write";
    match kind {
        PermissionKind::Globals => {
            value == "write" || (granted && (name == "process" || names_process_route(name)))
        }
        // An explicit member (process_routes.rs) is powerful by itself, whatever its module.
        PermissionKind::Builtin => {
            granted
                && (POWERFUL_BUILTINS.contains(&builtin_module(name))
                    || explicit_builtin_member(name).is_some())
        }
        PermissionKind::Packages => granted && name == ROOT_PACKAGE,
        PermissionKind::Native => value == true,
        PermissionKind::Env => value == "unfrozen",
    }
}

/// `node:fs/promises.readFile` is a grant on `fs`.
fn builtin_module(name: &str) -> &str {
    let id = name.strip_prefix("node:").unwrap_or(name);
    id.find(['.', '/']).map_or(id, |end| &id[..end])
}

fn as_map(value: Option<&Value>) -> Map<String, Value> {
    value
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn sorted_entries(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| policy_key_cmp(a.0, b.0));
    entries
}

/// Every entry of a package policy, by field then by key as the policy file orders them.
fn permissions(resource: &Value) -> Vec<Permission> {
    let mut found = Vec::new();
    for kind in PermissionKind::ALL {
        let Some(field) = resource.get(kind.as_str()) else {
            continue;
        };
        if kind.is_single_value() {
            found.push(Permission::new(kind, kind.as_str(), field));
        } else if let Some(section) = field.as_object() {
            found.extend(
                sorted_entries(section)
                    .into_iter()
                    .map(|(name, value)| Permission::new(kind, name, value)),
            );
        }
    }
    found
}

fn permission_value<'a>(
    resource: &'a Value,
    kind: PermissionKind,
    name: &str,
) -> Option<&'a Value> {
    let field = resource.get(kind.as_str())?;
    if kind.is_single_value() {
        Some(field)
    } else {
        field.as_object()?.get(name)
    }
}

/// The permissions that `resource` does not hold with the same value.
fn missing_from(permissions: Vec<Permission>, resource: &Value) -> Vec<Permission> {
    permissions
        .into_iter()
        .filter(|p| permission_value(resource, p.kind, &p.name) != Some(&p.value))
        .collect()
}

fn resolutions(policy: &Value) -> Vec<Resolution> {
    let all = as_map(policy.get("resolutions"));
    sorted_entries(&all)
        .into_iter()
        .flat_map(|(package, requests)| {
            sorted_entries(&as_map(Some(requests)))
                .into_iter()
                .map(|(request, path)| Resolution {
                    package: package.clone(),
                    request: request.clone(),
                    path: path.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn missing_resolutions(entries: Vec<Resolution>, policy: &Value) -> Vec<Resolution> {
    entries
        .into_iter()
        .filter(|entry| {
            let current = policy
                .get("resolutions")
                .and_then(|all| all.get(&entry.package))
                .and_then(Value::as_object)
                .and_then(|requests| requests.get(&entry.request));
            current != Some(&entry.path)
        })
        .collect()
}

#[cfg(test)]
mod tests;
