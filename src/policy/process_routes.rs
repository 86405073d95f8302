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
        && parts.next().is_some_and(|route| PROCESS_ROUTES.contains(&route))
}

/// Whether granting `path` next to its granted `ancestor` is meaningful rather than redundant:
/// a route under a whole `process`.
pub fn is_route_under_whole_process(path: &str, ancestor: &str) -> bool {
    matches!(ancestor, "process" | "node:process") && names_process_route(path)
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
        assert!(is_route_under_whole_process("process.report.writeReport", "process"));
        assert!(!is_route_under_whole_process("process.report.writeReport", "process.report"));
        assert!(!is_route_under_whole_process("process.env.X", "process"));
    }

    #[test]
    fn routes_are_sorted_and_unique() {
        let mut sorted = PROCESS_ROUTES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, PROCESS_ROUTES);
    }
}
