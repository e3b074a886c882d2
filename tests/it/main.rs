//! One integration-test binary (one link step). Modules:
//! - `golden`: every fixtures/pages/* page through the processor, against its expected record
//!   and the keep/drop intent in fixtures/cases.toml.
//! - `cli`: the `copydesk` binary in a temp dir: outputs, rejects, exit codes, messages.
//! - `config`: the repo's pipeline.toml builds; bad configs name file, line and key.
//! - `contract`: the JSONL wire format, byte for byte.
//! - `layout`: no import cycle between top-level modules of src/.
//! - `edges`: issue 16, the edges of a run (resume with dedup, determinism, special inputs,
//!   output names, closed pipes, panics, Ctrl-C, schema consistency).
//! - `report`: `copydesk report` rendered in headless Chromium (DOM marks, screenshot).
//! - `surface`: output formats, command-line knobs, progress, discovery, report (issue 17).
//! - `knobs`: the command-line knobs on `clean`, `fetch` (loopback) and `run` (issue 17).
//! - `sites`: per-site selectors, `[[site]]` (issue 17).
mod cli;
mod config;
mod contract;
mod edges;
mod golden;
mod hostile;
mod knobs;
mod layout;
mod report;
mod resume;
mod sites;
mod support;
mod surface;
