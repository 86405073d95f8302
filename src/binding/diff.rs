//! JS surface of `crate::policy::diff`: plain data, kinds and statuses as their policy names.

use napi_derive::napi;
use serde_json::Value;

use crate::policy::{self, PackageDiff, Permission, PolicyDiff, Resolution};

#[napi(object, js_name = "PolicyPermission")]
pub struct JsPermission {
    /// "builtin" | "env" | "globals" | "native" | "packages"
    pub kind: String,
    pub name: String,
    pub value: Value,
    pub powerful: bool,
}

#[napi(object, js_name = "PackageDiff")]
pub struct JsPackageDiff {
    pub name: String,
    /// "added" | "removed" | "changed"
    pub status: String,
    pub added: Vec<JsPermission>,
    pub removed: Vec<JsPermission>,
}

#[napi(object, js_name = "PolicyResolution")]
pub struct JsResolution {
    pub package: String,
    pub request: String,
    pub path: Value,
}

#[napi(object, js_name = "ResolutionsDiff")]
pub struct JsResolutionsDiff {
    pub added: Vec<JsResolution>,
    pub removed: Vec<JsResolution>,
}

#[napi(object, js_name = "PolicyDiff")]
pub struct JsPolicyDiff {
    pub packages: Vec<JsPackageDiff>,
    pub resolutions: JsResolutionsDiff,
    pub adds_powerful: bool,
}

impl From<Permission> for JsPermission {
    fn from(permission: Permission) -> Self {
        JsPermission {
            kind: permission.kind.as_str().to_string(),
            name: permission.name,
            value: permission.value,
            powerful: permission.powerful,
        }
    }
}

impl From<PackageDiff> for JsPackageDiff {
    fn from(package: PackageDiff) -> Self {
        JsPackageDiff {
            name: package.name,
            status: package.status.as_str().to_string(),
            added: package.added.into_iter().map(JsPermission::from).collect(),
            removed: package
                .removed
                .into_iter()
                .map(JsPermission::from)
                .collect(),
        }
    }
}

impl From<Resolution> for JsResolution {
    fn from(resolution: Resolution) -> Self {
        JsResolution {
            package: resolution.package,
            request: resolution.request,
            path: resolution.path,
        }
    }
}

impl From<PolicyDiff> for JsPolicyDiff {
    fn from(diff: PolicyDiff) -> Self {
        let resolutions =
            |list: Vec<Resolution>| list.into_iter().map(JsResolution::from).collect();
        JsPolicyDiff {
            packages: diff.packages.into_iter().map(JsPackageDiff::from).collect(),
            resolutions: JsResolutionsDiff {
                added: resolutions(diff.resolutions.added),
                removed: resolutions(diff.resolutions.removed),
            },
            adds_powerful: diff.adds_powerful,
        }
    }
}

/// What `new_policy` grants or takes away compared with `old_policy` (`null` = no policy).
#[napi(catch_unwind)]
pub fn diff_policies(old_policy: Value, new_policy: Value) -> JsPolicyDiff {
    policy::diff(&old_policy, &new_policy).into()
}
