//! The module graph policy generation builds and reads: one record per module, what each
//! request resolved to, and the visit order. walk.rs builds it; assemble.rs, debug.rs,
//! native.rs and warnings.rs read it.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::analyze::ModuleFacts;
use crate::packages::ROOT_NAME;

/// What a request resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A Node builtin, spelt as requested.
    Builtin(String),
    File(PathBuf),
}

impl Target {
    /// The module's identity in the graph and in debug info: builtin id or absolute path.
    pub fn id(&self) -> String {
        match self {
            Self::Builtin(id) => id.clone(),
            // As `display()` writes it; valid UTF-8 (every path in practice) without its
            // character-by-character formatting.
            Self::File(path) => path
                .to_str()
                .map_or_else(|| path.display().to_string(), str::to_string),
        }
    }
}

pub enum ModuleKind {
    Builtin,
    /// A `.node` addon.
    Native,
    /// A CommonJS or ES module file; `facts` hold a parse error when it did not parse.
    Js {
        /// The source, kept only for the debug policy (`include_debug_info`): otherwise no
        /// source outlives its module's analysis.
        content: Option<String>,
        facts: Box<ModuleFacts>,
        /// The compatibility warning, written where the source was at hand (warnings.rs).
        compat_warning: Option<Message>,
    },
    /// A JSON file, a record but never analysed.
    Json {
        /// As `Js`'s: for the debug policy only.
        content: Option<String>,
    },
}

pub struct ModuleRecord {
    pub specifier: String,
    pub kind: ModuleKind,
    pub package_name: String,
    /// Request → target in insertion order (requires in source order, then override
    /// packages, then native addons found by heuristics); `None` when unresolvable.
    pub import_map: Vec<(String, Option<Target>)>,
    /// Printed when the module is visited: resolution failures and the like.
    pub load_warnings: Vec<Message>,
}

/// A message about a module for stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// Whether a message may need the user to act: those that need no action are folded into one
/// summary line (their text is printed with `--debugMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Printed in full: code that will not run under lockdown, a file that does not parse, ...
    Warning,
    /// A request that does not resolve (mostly an optional dependency required in a `try`):
    /// Node fails on it too, if the code ever makes it.
    Unresolved,
    /// A request analysis cannot follow (a computed require or import): what it loads at run
    /// time and the policy lacks is refused, with the override line that allows it.
    DynamicLoad,
    /// What the analysis did where it could (a computed require it read the files of, ...).
    Note,
}

impl Message {
    pub fn warning(text: String) -> Self {
        Self {
            kind: MessageKind::Warning,
            text,
        }
    }

    pub fn note(text: String) -> Self {
        Self {
            kind: MessageKind::Note,
            text,
        }
    }
}

impl ModuleRecord {
    pub fn is_root(&self) -> bool {
        self.package_name == ROOT_NAME
    }
}

pub enum Loaded {
    Module(ModuleRecord),
    /// The file could not be read: visited, but no record (the reference's behaviour).
    Unreadable {
        warning: String,
    },
}

pub struct Graph {
    pub modules: HashMap<String, Loaded>,
    /// Specifiers in the reference's depth-first visit order, entry first.
    pub order: Vec<String>,
}

impl Graph {
    pub fn record(&self, specifier: &str) -> Option<&ModuleRecord> {
        match self.modules.get(specifier) {
            Some(Loaded::Module(record)) => Some(record),
            _ => None,
        }
    }

    /// Visited module records in visit order.
    pub fn records(&self) -> impl Iterator<Item = &ModuleRecord> {
        self.order
            .iter()
            .filter_map(|specifier| self.record(specifier))
    }
}
