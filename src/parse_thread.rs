//! The thread the runtime parses source text on (src/transform/ses_source.rs, src/transform/sloppy_with.rs,
//! src/transform/sloppy_this.rs).
//!
//! Parsing recurses as deep as the code nests: the work runs on one thread, started on first
//! use, with a stack deep enough for any code V8 compiles (see [`ANALYSIS_STACK_SIZE`]), and
//! an arena reused from job to job.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Mutex, OnceLock};
use std::thread;

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;

use crate::analyze::ANALYSIS_STACK_SIZE;

type Job = Box<dyn FnOnce(&Allocator) + Send>;

/// Runs `work` on the parse thread and returns its answer; `None` when it panicked (a parser
/// panic counts as "does not parse" and leaves the thread serving) or the thread could not
/// be started.
pub fn on_parse_thread<R: Send + 'static>(
    work: impl FnOnce(&Allocator) -> Option<R> + Send + 'static,
) -> Option<R> {
    static THREAD: OnceLock<Option<Mutex<Sender<Job>>>> = OnceLock::new();
    let thread = THREAD.get_or_init(|| {
        let (jobs, incoming) = channel::<Job>();
        let started = thread::Builder::new()
            .name("lavamoat-parse".into())
            .stack_size(ANALYSIS_STACK_SIZE)
            .spawn(move || {
                let mut allocator = Allocator::default();
                for job in incoming {
                    let _ = panic::catch_unwind(AssertUnwindSafe(|| job(&allocator)));
                    allocator.reset();
                }
            });
        started.ok().map(|_| Mutex::new(jobs))
    });
    let (reply, answer) = channel();
    let job: Job = Box::new(move |allocator| {
        // The caller waits for the answer; it cannot have gone away.
        let _ = reply.send(work(allocator));
    });
    thread.as_ref()?.lock().ok()?.send(job).ok()?;
    // A job that panicked drops `reply` unanswered: `recv` fails.
    answer.recv().ok().flatten()
}

/// `source` parsed as Node parses a CommonJS file (a sloppy script that may `return`);
/// `None` if it does not parse.
pub fn parse_commonjs<'a>(allocator: &'a Allocator, source: &'a str) -> Option<Program<'a>> {
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    let parsed = Parser::new(allocator, source, SourceType::cjs())
        .with_options(options)
        .parse();
    (!parsed.panicked && !parsed.diagnostics.has_errors()).then_some(parsed.program)
}
