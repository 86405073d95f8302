//! One JavaScript file in, the facts policy generation needs out: static and dynamic
//! `require`s, globals used (dotted paths, read or write), member paths used on each
//! required module, and the SES-compatibility findings (primordial mutations, strict-mode
//! violations). Pure: no I/O, one arena per call.
//!
//! The rules reproduce the reference generator (Babel + lavamoat-tofu), warts included, so
//! that generated policies are byte-identical; see `spec/autopolicy.md` §3–§6.

mod aliases;
mod chain;
mod code_frame;
mod compat;
mod globals;
mod imports;
mod intrinsic_writes;
#[cfg(test)]
mod proptests;
mod require_functions;
mod requires;
mod specifier;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::AstKind;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;
use oxc_span::{SourceType, Span};

pub use code_frame::{code_frame_at, LineIndex, Location};
pub use globals::reduce_to_topmost;
pub use specifier::DirPattern;

/// Stack a thread needs to analyse any file: parsing and analysis recurse as deep as the
/// code nests, and generated files (long `a + b + ...` chains) nest very deep; a stack
/// overflow would abort the whole Node process. The stack is reserved, not committed, memory.
pub const ANALYSIS_STACK_SIZE: usize = 256 << 20;

/// How a module uses a global path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GlobalUse {
    Read,
    Write,
}

impl GlobalUse {
    /// The value written in debug info (`"read"` / `"write"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }
}

/// How Node runs a JavaScript file, which decides how it parses and what its scope provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// `.cjs`, or `.js` under a package.json with `"type": "commonjs"`.
    CommonJs,
    /// `.mjs`, or `.js` under a package.json with `"type": "module"`.
    Module,
    /// `.js` without a `type`: Node (22+) runs it as a module when it has module syntax
    /// (`import`, `export`, `import.meta`), as CommonJS otherwise.
    Detect,
}

/// A static `require("<literal>")` or `import`, first occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub specifier: String,
    pub span: Span,
}

/// One member path used on the value of `require(request)`, e.g. request `node:path`,
/// members `["join"]`. Empty members mean the whole module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinUse {
    pub request: String,
    pub members: Vec<String>,
}

impl BuiltinUse {
    /// The policy key: request and members joined with `.` (`node:path.join`).
    pub fn key(&self) -> String {
        self.key_under(&self.request)
    }

    /// The policy key of the members under the builtin `module` the request resolved to
    /// (`#fs` mapped to `node:fs` by a package's `imports`).
    pub fn key_under(&self, module: &str) -> String {
        let mut key = module.to_string();
        for member in &self.members {
            key.push('.');
            key.push_str(member);
        }
        key
    }
}

/// What a module would use of the globals through export `export` of `request`
/// (`require("./globals").globalThisShim.setTimeout`), if that export is the global object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasUse {
    pub request: String,
    pub export: String,
    /// Paths, reduced to the topmost ones, write winning over read (as `globals`).
    pub globals: BTreeMap<String, GlobalUse>,
    /// Names only tested for presence (as `presence_tests`).
    pub presence_tests: BTreeSet<String>,
}

/// A module that starts worker threads runs its own files there by the paths it resolves
/// (jest-worker: `new Worker(require.resolve('./threadChild'))`, the path kept in a field;
/// piscina 5: `filename: path.resolve(__dirname, 'worker.js')`, handed on to `new Worker`):
/// those files are its requests, whose uses get into the policy (confined-workers.js runs them
/// under it).
fn add_worker_files(facts: &mut ModuleFacts) {
    let starts_workers = facts.requires.iter().chain(&facts.imports).any(|request| {
        matches!(
            request.specifier.as_str(),
            "worker_threads" | "node:worker_threads"
        )
    });
    if !starts_workers {
        return;
    }
    for file in facts.own_resolves.iter().chain(&facts.own_script_paths) {
        if !facts
            .requires
            .iter()
            .any(|request| request.specifier == file.specifier)
        {
            facts.requires.push(file.clone());
        }
    }
}

/// Code that is legal sloppy JavaScript but not strict-mode code (SES runs strict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrictModeViolation {
    pub offset: u32,
    /// Babel's wording, without the trailing position.
    pub message: String,
}

/// The file is not valid JavaScript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub file: PathBuf,
    pub offset: u32,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Failed to parse file \"{}\": {} ({}:{})",
            self.file.display(),
            self.message,
            self.location.line,
            self.location.column
        )
    }
}

impl std::error::Error for ParseError {}

/// Everything policy generation learns from one module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleFacts {
    /// The file runs as an ECMAScript module: by its format, or when detected by its
    /// `import`/`export`/`import.meta` (Babel's "unambiguous" detection). It has no
    /// `require`, `module` or `exports` then: its `requires` are only the calls of a function
    /// made by `createRequire` (imported from `module`), directly or through a bundler's
    /// wrapper (require_functions.rs).
    pub is_esm: bool,
    /// Static requests (calls of a require function whose specifier is a string literal, or
    /// a concatenation of them) in source order, each once.
    pub requires: Vec<Request>,
    /// Spans of `require(...)` calls whose argument is not made only of string literals. The walk
    /// (autopolicy/walk.rs) takes out those it followed into a directory.
    pub dynamic_requires: Vec<Span>,
    /// Those dynamic requires that name a file of one relative directory
    /// (`require('./src/' + name)`), with that directory; after the walk, those whose
    /// directory had no such file.
    pub dir_requires: Vec<(Span, DirPattern)>,
    /// Spans of `require.resolve(...)` calls whose argument is computed and not a relative
    /// path (`` require.resolve(`${pkg}/${subpath}`) ``): they name packages chosen at run
    /// time. Not a compatibility finding: resolving loads nothing.
    pub computed_resolves: Vec<Span>,
    /// `require.resolve('./x')` / `require.resolve(path.join(__dirname, 'x'))` requests: a
    /// file of the module's own package whose path it computes, in source order, each once.
    /// Resolving loads nothing; the walk follows them only when the path may be handed to a
    /// dependency that requires computed paths (autopolicy/walk.rs).
    pub own_resolves: Vec<Request>,
    /// `path.join(__dirname, 'x.js')` / `path.resolve(...)` with literal segments: a script
    /// of the module's own package whose path it computes. Only a module that starts worker
    /// threads makes them requests (`add_worker_files`).
    pub own_script_paths: Vec<Request>,
    /// Sources of `import` and `export ... from` declarations in source order, each once.
    pub imports: Vec<Request>,
    /// `import("literal")` calls (legal in CommonJS too) in source order, each once.
    pub dynamic_imports: Vec<Request>,
    /// Spans of `import(...)` calls whose argument is not a string literal.
    pub computed_imports: Vec<Span>,
    /// Global paths, reduced to the topmost ones, write winning over read.
    pub globals: BTreeMap<String, GlobalUse>,
    /// Global names only tested for presence (`typeof X`, `X && X.y`, `if (X)`) and not used
    /// as a whole otherwise: granted only when the package uses nothing under them
    /// (autopolicy/assemble.rs).
    pub presence_tests: BTreeSet<String>,
    /// Member paths used on required and imported values, one entry per use: requires in
    /// source order, then imports in source order.
    pub builtin_uses: Vec<BuiltinUse>,
    /// Names this module exports the global object under (`exports.N = globalThis`).
    pub global_aliases: BTreeSet<String>,
    /// Global uses through exports of relatively required or imported modules, should those
    /// exports be global aliases (autopolicy/aliases.rs decides), by request and export name.
    pub alias_uses: Vec<AliasUse>,
    /// Spans of assignments that modify a shared intrinsic (`Array.prototype.x = ...`).
    pub primordial_mutations: Vec<Span>,
    /// Spans of writes to a property of an intrinsic's own object, prototypes aside
    /// (`Object.keys.shim = ...`, also through a binding); see intrinsic_writes.rs. The
    /// package then needs a realm of its own (autopolicy/assemble.rs).
    pub intrinsic_writes: Vec<Span>,
    pub strict_mode_violations: Vec<StrictModeViolation>,
    /// Set when the file does not parse; all other facts are then empty.
    pub parse_error: Option<ParseError>,
}

impl ModuleFacts {
    /// Paths used on `require(request)` in source order without repeats, each prefixed with
    /// the request (`fs.readFileSync`).
    pub fn builtin_paths(&self, request: &str) -> Vec<String> {
        let mut paths: Vec<String> = Vec::new();
        for usage in self.builtin_uses.iter().filter(|u| u.request == request) {
            let key = usage.key();
            if !paths.contains(&key) {
                paths.push(key);
            }
        }
        paths
    }

    /// Whether the module requires or resolves packages whose names are computed: its
    /// dynamic requires without a relative directory, and its computed `require.resolve`s.
    pub fn computes_package_names(&self) -> bool {
        self.dynamic_requires.len() > self.dir_requires.len() || !self.computed_resolves.is_empty()
    }

    /// True when warnings (§6) are due for this module.
    pub fn has_compat_findings(&self) -> bool {
        !self.primordial_mutations.is_empty()
            || !self.dynamic_requires.is_empty()
            || !self.computed_imports.is_empty()
            || !self.strict_mode_violations.is_empty()
    }
}

/// Free names that hold the global object (`globalThis.Object` is `Object`).
pub(super) const GLOBAL_OBJECT_NAMES: [&str; 4] = ["global", "globalThis", "self", "window"];

/// Whether `ident` is bound by no scope of the module: a global.
pub(super) fn is_free(
    semantic: &oxc_semantic::Semantic<'_>,
    ident: &oxc_ast::ast::IdentifierReference<'_>,
) -> bool {
    ident
        .reference_id
        .get()
        .is_some_and(|id| semantic.scoping().get_reference(id).symbol_id().is_none())
}

thread_local! {
    /// One arena per thread, reset between files: re-using its memory is much cheaper than
    /// mapping fresh pages for every file of a large graph.
    static ARENA: RefCell<Allocator> = RefCell::new(Allocator::default());
}

/// Analyse one `.js` source whose format is detected from its syntax. `path` only names the
/// file in a parse error.
pub fn analyze_module(source: &str, path: &Path) -> ModuleFacts {
    analyze_module_as(source, path, SourceFormat::Detect)
}

/// Analyse one source that Node runs in `format`.
pub fn analyze_module_as(source: &str, path: &Path, format: SourceFormat) -> ModuleFacts {
    ARENA.with(|arena| match arena.try_borrow_mut() {
        Ok(mut allocator) => {
            let facts = analyze_in(&allocator, source, path, format);
            allocator.reset();
            facts
        }
        // Only if analysis were re-entered on this thread: use a private arena.
        Err(_) => analyze_in(&Allocator::default(), source, path, format),
    })
}

fn parse_error(source: &str, path: &Path, offset: u32, message: String) -> ModuleFacts {
    let parse_error = ParseError {
        file: path.to_path_buf(),
        offset,
        location: LineIndex::new(source).location(offset),
        message,
    };
    ModuleFacts {
        parse_error: Some(parse_error),
        ..ModuleFacts::default()
    }
}

/// `.ts`, `.mts`, `.cts`: TypeScript, which Node (22.18+, 23.6+) runs once it strips the types.
pub fn is_typescript(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| matches!(extension, "ts" | "mts" | "cts"))
}

fn analyze_in(
    allocator: &Allocator,
    source: &str,
    path: &Path,
    format: SourceFormat,
) -> ModuleFacts {
    let is_module_format = format == SourceFormat::Module;
    let options = ParseOptions {
        // Node wraps CommonJS in a function, so top-level `return` is legal there.
        allow_return_outside_function: !is_module_format,
        // Babel has no parenthesized-expression nodes; member chains and assignment targets
        // must look through parentheses the same way.
        preserve_parens: false,
        ..ParseOptions::default()
    };
    let source_type = if is_module_format {
        SourceType::mjs()
    } else {
        SourceType::unambiguous()
    }
    .with_typescript(is_typescript(path));
    let parsed = Parser::new(allocator, source, source_type)
        .with_options(options)
        .parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let first = parsed.diagnostics.errors().next();
        let offset = first
            .and_then(|d| {
                d.labels
                    .iter()
                    .find(|l| l.primary())
                    .or_else(|| d.labels.first())
            })
            .map_or(0, |label| label.offset());
        // oxc can point inside a multi-byte character (a BOM after an unterminated template).
        let offset = floor_char_boundary(source, offset as usize) as u32;
        let message = first.map_or_else(
            || "unexpected parse failure".to_string(),
            |d| d.message.to_string(),
        );
        return parse_error(source, path, offset, message);
    }
    let program = allocator.alloc(parsed.program);
    let has_module_syntax = program.source_type.is_module();
    if format == SourceFormat::CommonJs && has_module_syntax {
        // Node refuses to run it; its imports would otherwise be silently ignored.
        let offset = program
            .body
            .iter()
            .find(|statement| statement.is_module_declaration())
            .map_or(0, |statement| oxc_span::GetSpan::span(statement).start);
        let message = "module syntax (import, export or import.meta) in a CommonJS file, which Node refuses to run".to_string();
        return parse_error(source, path, offset, message);
    }
    let is_esm = is_module_format || has_module_syntax;
    // The reference parses every file as a module first (strict): function declarations in
    // blocks are block-scoped there, which decides whether a later use is a global.
    program.source_type = program.source_type.with_module(true);
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .with_stats(estimated_stats(source))
        .build(program)
        .semantic;

    let mut facts = ModuleFacts {
        is_esm,
        ..ModuleFacts::default()
    };
    let mut globals = globals::GlobalCollector::new(is_esm);
    let mut requires = requires::RequireCollector::default();
    // An ES module has no `require`: a free one there is a plain global.
    let mut require_functions = require_functions::RequireFunctions::new(
        &semantic,
        !is_esm,
        imports::create_require_imports(program),
    );
    let mut imports = imports::ImportCollector::default();
    let mut strict = compat::StrictModeChecker::default();
    let mut aliases = aliases::AliasCollector::new(is_esm);
    let mut intrinsic_writes = intrinsic_writes::IntrinsicWriteCollector::new(is_esm);
    let mut global_objects = aliases::GlobalObjectCollector::default();
    let nodes = semantic.nodes();
    let scoping = semantic.scoping();
    for node in nodes.iter() {
        let kind = node.kind();
        if compat::StrictModeChecker::looks_at(&kind) {
            strict.check(kind);
        }
        if imports::ImportCollector::looks_at(&kind) {
            imports.visit(&semantic, node.id());
        }
        if aliases::AliasCollector::looks_at(&kind) {
            aliases.visit(&semantic, node.id());
        }
        if intrinsic_writes::IntrinsicWriteCollector::looks_at(&kind) {
            intrinsic_writes.visit(&semantic, node.id());
        }
        if aliases::GlobalObjectCollector::looks_at(&kind) {
            global_objects.visit(&semantic, node);
        }
        if requires::RequireCollector::looks_at(&kind) {
            if let Some((call, request)) =
                requires.visit(&semantic, &mut require_functions, node.id())
            {
                aliases.visit_require(&semantic, call, &request);
            }
        }
        let AstKind::IdentifierReference(ident) = kind else {
            continue;
        };
        let Some(reference_id) = ident.reference_id.get() else {
            continue;
        };
        let reference = scoping.get_reference(reference_id);
        // A name in a TypeScript type (`x: Buffer`, `typeof process` as a type) is stripped
        // before the code runs: no use of a global.
        if reference.symbol_id().is_some()
            || reference.flags().is_type_only()
            || reference.flags().is_value_as_type()
        {
            continue;
        }
        let name = ident.name.as_str();
        aliases.visit_free_identifier(&semantic, node.id(), name);
        globals.visit_free_identifier(nodes, node.id(), ident);
        if let Some(span) = compat::primordial_mutation(nodes, node.id(), ident) {
            facts.primordial_mutations.push(span);
        }
    }
    for binding in global_objects.bindings {
        for reader in requires::readers(&semantic, binding) {
            globals.visit_global_object(nodes, reader, false);
        }
    }
    for binding in global_objects.named {
        for reader in requires::readers(&semantic, binding) {
            globals.visit_global_object(nodes, reader, true);
        }
    }
    let assigned = global_objects.assigned;
    for value in assigned.values {
        globals.visit_global_object(nodes, value, true);
    }
    for binding in assigned.bindings {
        for reader in requires::readers(&semantic, binding) {
            globals.visit_global_object(nodes, reader, true);
        }
    }
    for reader in assigned.readers {
        globals.visit_global_object(nodes, reader, true);
    }
    let module_globals = globals.finish();
    facts.globals = module_globals.paths;
    facts.presence_tests = module_globals.presence_tests;
    let module_imports = imports.finish();
    let found = requires.finish();
    facts.requires = found.requests;
    facts.dynamic_requires = found.dynamic;
    facts.dir_requires = found.dir_patterns;
    facts.computed_resolves = found.computed_resolves;
    facts.own_resolves = found.own_resolves;
    facts.own_script_paths = found.own_script_paths;
    facts.builtin_uses = found.uses;
    facts.imports = module_imports.imports;
    facts.dynamic_imports = module_imports.dynamic_imports;
    facts.computed_imports = module_imports.computed_imports;
    facts.builtin_uses.extend(module_imports.uses);
    add_worker_files(&mut facts);
    facts.strict_mode_violations = strict.finish();
    let module_aliases = aliases.finish();
    facts.global_aliases = module_aliases.exported;
    facts.alias_uses = module_aliases.uses;
    facts.intrinsic_writes = intrinsic_writes.finish();
    facts
}

/// Capacities for the semantic tables, from the source's length. Without them the builder
/// counts the nodes, scopes, symbols and references with a full traversal of the AST first
/// (about a quarter of the cost of building). The counts only size allocations: too low, a
/// table grows; too high, the capacity left untouched costs address space, not memory. The
/// ratios cover minified code (about 3 bytes a node); readable code has fewer nodes a byte.
fn estimated_stats(source: &str) -> oxc_semantic::Stats {
    let bytes = u32::try_from(source.len()).unwrap_or(u32::MAX);
    oxc_semantic::Stats::new(bytes / 3, bytes / 80, bytes / 30, bytes / 10)
}

/// The nearest character boundary at or before `offset`, within the source.
fn floor_char_boundary(source: &str, offset: usize) -> usize {
    let mut at = offset.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}
