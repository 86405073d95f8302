//! Rust core of lavamoat. Every module here is plain Rust, covered by `cargo test`;
//! `binding` is the only place that knows about N-API.

#[cfg(feature = "napi")]
mod binding;

pub mod analyze;
pub mod autopolicy;
pub mod bench;
pub mod packages;
mod parse_thread;
pub mod policy;
pub mod resolve;
pub mod transform;

#[cfg(test)]
mod test_support;
