//! The source layout's two rules, checked on the files themselves (ARCHITECTURE.md):
//! - imports between the top-level modules of `src/` form no cycle;
//! - no function outside test code is longer than [`MAX_FUNCTION_LINES`].
//!
//! Both read `src/` as text: `crate::<module>` paths (in `use` lines and inline) give the edges
//! of the module graph; a function's length runs from its `fn` line to the line that closes
//! its body at the same indentation (rustfmt's layout).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Past about 100 lines a function should read as named steps (STYLE.md, "Layout").
const MAX_FUNCTION_LINES: usize = 120;

fn src_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
}

/// `src/extract/score.rs` -> `extract`, `src/config.rs` -> `config`; the binary's own folder
/// (`src/cli`) and the crate root are not library modules.
fn top_module(path: &Path) -> Option<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = path.strip_prefix(&src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "cli")).then(|| name.to_string())
}

/// Lines before the file's `#[cfg(test)]` module (test code may import anything).
fn non_test_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut iter = text.lines().peekable();
    while let Some(line) = iter.next() {
        if line.trim() == "#[cfg(test)]"
            && iter
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        lines.push(line);
    }
    lines
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in src_files() {
        let Some(from) = top_module(&path) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let edges = graph.entry(from.clone()).or_default();
        for line in non_test_lines(&text) {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != from && name.chars().all(|c| !c.is_uppercase()) {
                    edges.insert(name);
                }
            }
            // `use crate::{a, b::C}` names several modules at once.
            if let Some(group) = line.trim_start().strip_prefix("use crate::{") {
                for item in group.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != from && name.chars().all(|c| !c.is_uppercase()) {
                        edges.insert(name);
                    }
                }
            }
        }
    }
    graph
}

/// A cycle through `start`, if there is one (depth-first search).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_import_without_cycles() {
    let graph = module_graph();
    assert!(graph.contains_key("extract") && graph.contains_key("filter"));
    assert!(
        graph["pipeline"].contains("process"),
        "the scanner must see the runner's imports: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between top-level modules: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn cycle_finder_finds_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&graph), None);
}

/// `(file:line, name, lines)` of every function outside test code.
fn function_lengths(text: &str) -> Vec<(usize, String, usize)> {
    let lines = non_test_lines(text);
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(fn_at) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..fn_at];
        let is_item = before.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "pub(super)" | "const" | "async" | "unsafe"
            )
        });
        if !is_item || trimmed.starts_with("//") {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let name: String = trimmed[fn_at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The body closes with a `}` at the `fn` line's indentation; a declaration ending in
        // `;` (trait method without body) has none.
        let close = lines[at..].iter().position(|l| {
            let t = l.trim_start();
            l.len() - t.len() == indent && (t.starts_with('}') || t.ends_with(';'))
        });
        if let Some(len) = close {
            found.push((at + 1, name, len + 1));
        }
    }
    found
}

#[test]
fn functions_read_as_steps() {
    let mut long = Vec::new();
    for path in src_files() {
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, name, len) in function_lengths(&text) {
            if len > MAX_FUNCTION_LINES {
                long.push(format!("{}:{line} {name} ({len} lines)", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn function_lengths_are_measured() {
    let text =
        "fn short() {\n    1;\n}\n\npub fn longer(x: u8) -> u8 {\n    let y = x;\n    y\n}\n";
    assert_eq!(
        function_lengths(text),
        [(1, "short".to_string(), 3), (5, "longer".to_string(), 4)]
    );
}
