//! RegExp's legacy statics (`RegExp.$1` ... `RegExp.$9`, `RegExp.lastMatch`, ...). V8 updates
//! them on every successful match anywhere in the process, so they carry one package's
//! matched text to any other: lockdown removes them, and a package reads them only where its
//! policy names them (`"globals": {"RegExp.$1": true}`), which `--autopolicy` writes for code
//! that reads them (mime 3's `getExtension`; debug's browser build). Like `process.env.X`, the
//! grant reads data and leads to no capability: `--diffPolicies` does not count it powerful.

/// The statics a policy may grant, by the names that are valid in a dotted path.
pub const REGEXP_STATICS: &[&str] = &[
    "$1",
    "$2",
    "$3",
    "$4",
    "$5",
    "$6",
    "$7",
    "$8",
    "$9",
    "$_",
    "input",
    "lastMatch",
    "lastParen",
    "leftContext",
    "rightContext",
];

/// Whether a `globals` key is exactly one of the statics (`RegExp.$1`, not `RegExp.$1.length`).
pub fn names_regexp_static(path: &str) -> bool {
    path.strip_prefix("RegExp.")
        .is_some_and(|name| REGEXP_STATICS.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_statics_themselves_are_named() {
        assert!(names_regexp_static("RegExp.$1"));
        assert!(names_regexp_static("RegExp.lastMatch"));
        assert!(!names_regexp_static("RegExp"));
        assert!(!names_regexp_static("RegExp.prototype"));
        assert!(!names_regexp_static("RegExp.$1.length"));
        assert!(!names_regexp_static("MyRegExp.$1"));
    }
}
