//! Per-document budgets for extraction: how many nodes a page may have, and how long its
//! extraction may run. Both are enforced cooperatively: the node count right after the parse,
//! the deadline at checkpoints between passes. A page over a budget becomes a reject that
//! names the budget; it can never hang a worker.
//!
//! The time budget cannot interrupt a pass in the middle (the HTML parse itself included), so
//! a page may overrun it by at most one pass. Each pass is linear in the node count (nesting
//! is capped at [`super::dom::MAX_NESTING`]), so with `max_nodes` and `max_input_bytes`
//! bounding the tree, the overrun is bounded too.

use std::time::{Duration, Instant};

use super::ExtractError;

/// Default `limits.max_nodes`: nodes (elements, text, comments) in one parsed page. Long
/// real articles have tens of thousands; a million is a generated or hostile page, and its
/// tree alone takes a few hundred MB.
pub const DEFAULT_MAX_NODES: usize = 1_000_000;
/// Default `limits.max_extract_ms`: wall time for one page's extraction, parse included.
/// Ordinary pages take milliseconds; a page at the node budget takes a few seconds.
pub const DEFAULT_MAX_EXTRACT_MS: u64 = 10_000;

/// The budgets one extraction runs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractBudget {
    /// Most nodes a parsed page may have.
    pub max_nodes: usize,
    /// Longest wall time for one page's extraction.
    pub max_time: Duration,
}

impl Default for ExtractBudget {
    fn default() -> Self {
        Self {
            max_nodes: DEFAULT_MAX_NODES,
            max_time: Duration::from_millis(DEFAULT_MAX_EXTRACT_MS),
        }
    }
}

/// A running extraction's clock, checked between passes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Option<Instant>,
    limit: Duration,
}

impl Deadline {
    /// Starts the clock for one page.
    pub(crate) fn start(limit: Duration) -> Self {
        Self {
            at: Instant::now().checked_add(limit),
            limit,
        }
    }

    /// `Err` once the time is up.
    pub(crate) fn check(&self) -> Result<(), ExtractError> {
        match self.at {
            Some(at) if Instant::now() >= at => Err(ExtractError::OverTime {
                limit_ms: u64::try_from(self.limit.as_millis()).unwrap_or(u64::MAX),
            }),
            _ => Ok(()),
        }
    }
}
