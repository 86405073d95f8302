//! The source rewrites the runtime applies before a compartment evaluates code: each turns
//! code that Node runs into code of the same meaning that SES runs.
//!
//! - `esm`: an ES module into a generator function the runtime's linker drives, with its
//!   import and export records;
//! - `ses_source`: the text SES refuses (`import(`, HTML-like comments, direct `eval`) into
//!   equivalent text it accepts;
//! - `sloppy_this`: `this` of sloppy functions, which strict code would make `undefined`;
//! - `sloppy_with`: `with` statements into strict code.

pub mod esm;
pub mod ses_source;
pub mod sloppy_this;
pub mod sloppy_with;
