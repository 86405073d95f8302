//! TypeScript files, analysed as Node runs them: once their types are stripped. A name that
//! only appears in a type is no global use, and a type-only import is no edge.

use super::*;

fn typescript(source: &str, file: &str) -> ModuleFacts {
    let facts = analyze_module_as(source, Path::new(file), SourceFormat::Detect);
    assert_eq!(facts.parse_error, None, "unexpected parse error");
    facts
}

fn global_names(facts: &ModuleFacts) -> Vec<&str> {
    facts.globals.keys().map(String::as_str).collect()
}

#[test]
fn names_in_types_are_no_globals() {
    let facts = typescript(
        "let b: Buffer | undefined\n\
         type P = typeof process\n\
         interface Q { url: URL }\n\
         const n = (x: number): WeakRef<object> | null => null\n\
         console.log(b as unknown as Uint8Array, n)\n",
        "/project/src/a.ts",
    );
    assert_eq!(global_names(&facts), ["console.log"]);
}

#[test]
fn type_only_imports_and_specifiers_are_stripped() {
    let facts = typescript(
        "import type { Options } from 'types-only'\n\
         import { type Shape, area } from 'shapes'\n\
         import { type Unused } from 'kept-for-effects'\n\
         export type { Other } from 'types-elsewhere'\n\
         export { area }\n\
         const o: Options | Shape | Unused = null as never\n",
        "/project/src/a.mts",
    );
    let imports: Vec<&str> = facts.imports.iter().map(|r| r.specifier.as_str()).collect();
    // `import { type X } from 'y'` still loads y (Node strips the specifier, not the import).
    assert_eq!(imports, ["shapes", "kept-for-effects"]);
    assert!(facts.is_esm);
}

#[test]
fn a_commonjs_typescript_file_requires() {
    let facts = typescript(
        "const fs = require('fs') as typeof import('fs')\n\
         module.exports = fs.readFileSync\n",
        "/project/src/a.cts",
    );
    let requires: Vec<&str> = facts
        .requires
        .iter()
        .map(|r| r.specifier.as_str())
        .collect();
    assert_eq!(requires, ["fs"]);
}
