//! Properties of the real `process` that lead to another capability: Node's internal bindings,
//! the app's main module (whose `require` is unconfined), every handle of the process, the
//! inspector of any node process, replacing the process with another program, and reading or
//! writing arbitrary files. A whole `process` grant does not include them (SECURITY.md has the
//! audit of every property); a package has one only when its policy names it
//! (`"process.binding": true`), which is then not redundant next to `"process": true`.
//! `getBuiltinModule` and `dlopen` are governed by the builtin and `native` policy instead.

/// The routes a policy grants by name, as the runtime hides them from a whole `process`.
pub const PROCESS_ROUTES: &[&str] = &[
    "_debugEnd",
    "_debugProcess",
    "_getActiveHandles",
    "_getActiveRequests",
    "_linkedBinding",
    "binding",
    "execve",
    "loadEnvFile",
    "mainModule",
    "report",
];

/// Whether a `globals` or `builtin` key names a route or a path below one
/// (`process.binding`, `node:process.mainModule.filename`).
pub fn names_process_route(path: &str) -> bool {
    let mut parts = path.split('.');
    matches!(parts.next(), Some("process" | "node:process"))
        && parts
            .next()
            .is_some_and(|route| PROCESS_ROUTES.contains(&route))
}

/// Members of builtin modules that reach past any policy: `v8.setFlagsFromString` (V8 flags
/// such as `--allow-natives-syntax`, whose natives reach the real global object) and
/// `module.register` / `module.registerHooks` (loader hooks that run unconfined, in Node's own
/// loader, and can answer any module's source). A grant of the module or of a parent does not
/// include them; a package has one only when its policy names it (`"v8.setFlagsFromString":
/// true`, under either spelling of the module), which is then not redundant next to `"v8":
/// true`. The runtime takes them off the real modules (lib/membranes/explicit-members.js) and
/// `--diffPolicies` counts each grant of one powerful.
pub const EXPLICIT_BUILTIN_MEMBERS: &[&str] = &[
    "module.register",
    "module.registerHooks",
    "v8.setFlagsFromString",
];

/// The explicit member a `builtin` key names, if it names one exactly
/// (`node:v8.setFlagsFromString` -> `v8.setFlagsFromString`).
pub fn explicit_builtin_member(path: &str) -> Option<&'static str> {
    let bare = path.strip_prefix("node:").unwrap_or(path);
    EXPLICIT_BUILTIN_MEMBERS
        .iter()
        .copied()
        .find(|member| *member == bare)
}

/// Whether granting `path` next to its granted `ancestor` is meaningful rather than redundant:
/// a route under a whole `process`, or an explicit builtin member under its module or a parent
/// (`v8.setFlagsFromString` next to `"v8": true`).
pub fn is_route_under_whole_process(path: &str, ancestor: &str) -> bool {
    (matches!(ancestor, "process" | "node:process") && names_process_route(path))
        || (explicit_builtin_member(path).is_some()
            && path.len() > ancestor.len()
            && path.as_bytes()[ancestor.len()] == b'.'
            && path.starts_with(ancestor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_named_under_either_spelling_of_process() {
        assert!(names_process_route("process.binding"));
        assert!(names_process_route("node:process.mainModule.filename"));
        assert!(!names_process_route("process"));
        assert!(!names_process_route("process.env.binding"));
        assert!(!names_process_route("processes.binding"));
        assert!(!names_process_route("fs.binding"));
    }

    #[test]
    fn only_a_whole_process_makes_a_route_meaningful() {
        assert!(is_route_under_whole_process("process.binding", "process"));
        assert!(is_route_under_whole_process(
            "process.report.writeReport",
            "process"
        ));
        assert!(!is_route_under_whole_process(
            "process.report.writeReport",
            "process.report"
        ));
        assert!(!is_route_under_whole_process("process.env.X", "process"));
    }

    #[test]
    fn explicit_builtin_members_are_named_exactly_under_either_spelling() {
        assert_eq!(
            explicit_builtin_member("v8.setFlagsFromString"),
            Some("v8.setFlagsFromString")
        );
        assert_eq!(
            explicit_builtin_member("node:module.registerHooks"),
            Some("module.registerHooks")
        );
        assert_eq!(explicit_builtin_member("v8"), None);
        assert_eq!(explicit_builtin_member("v8.setFlagsFromString.call"), None);
        assert_eq!(explicit_builtin_member("module.registerX"), None);
    }

    #[test]
    fn an_explicit_member_is_not_redundant_under_its_module() {
        assert!(is_route_under_whole_process("v8.setFlagsFromString", "v8"));
        assert!(is_route_under_whole_process(
            "node:module.register",
            "node:module"
        ));
        assert!(!is_route_under_whole_process("v8.getHeapStatistics", "v8"));
        assert!(!is_route_under_whole_process("v8.setFlagsFromString", "v"));
    }

    #[test]
    fn explicit_members_are_sorted_and_unique() {
        let mut sorted = EXPLICIT_BUILTIN_MEMBERS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, EXPLICIT_BUILTIN_MEMBERS);
    }

    #[test]
    fn routes_are_sorted_and_unique() {
        let mut sorted = PROCESS_ROUTES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, PROCESS_ROUTES);
    }
}
