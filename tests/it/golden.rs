//! Every page in fixtures/pages through the processor built from the repo's pipeline.toml,
//! compared with fixtures/expected/<slug>.json and checked against the keep/drop intent in
//! fixtures/cases.toml. Regenerate expected records after a deliberate change with
//! `COPYDESK_BLESS=1 cargo test golden` and review the diff.
use std::path::Path;

use copydesk::input::load;
use copydesk::input::source::Origin;
use copydesk::{Input, InputFormat, PipelineConfig};

use crate::support::repo;

fn check(slug: &str) {
    let dir = repo().join("fixtures/pages");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_stem().is_some_and(|s| s == slug))
        .unwrap_or_else(|| panic!("no fixture page named {slug}"));
    let config_path = repo().join("pipeline.toml");
    let pipeline = PipelineConfig::load(&config_path)
        .unwrap()
        .build(&config_path, &repo())
        .unwrap();
    let input = Input {
        seq: 0,
        source: format!(
            "fixtures/pages/{}",
            path.file_name().unwrap().to_string_lossy()
        ),
        url: None,
        format: InputFormat::Auto,
        origin: Origin::File(path.clone()),
    };
    let page = load::load(&input, &copydesk::Limits::default()).unwrap();
    let record = pipeline
        .processor()
        .process(&page)
        .unwrap_or_else(|e| panic!("{slug}: {e}"));

    let cases: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("fixtures/cases.toml")).unwrap())
            .unwrap();
    let case = cases[slug].as_table().unwrap();
    let list = |key: &str| -> Vec<String> {
        case.get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    if let Some(title) = case.get("title").and_then(|t| t.as_str())
        && record.title.as_deref() != Some(title)
    {
        problems.push(format!("title is {:?}, expected {title:?}", record.title));
    }
    for snippet in list("keep") {
        if !record.text.contains(&snippet) {
            problems.push(format!("missing: {snippet:?}"));
        }
    }
    for snippet in list("drop") {
        if record.text.contains(&snippet) {
            problems.push(format!("leaked: {snippet:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{slug}:\n{}\n--- text ---\n{}",
        problems.join("\n"),
        record.text
    );

    let expected_path = repo()
        .join("fixtures/expected")
        .join(format!("{slug}.json"));
    let actual = serde_json::to_string_pretty(&record).unwrap() + "\n";
    if std::env::var_os("COPYDESK_BLESS").is_some() {
        std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
        panic!(
            "{} missing; run with COPYDESK_BLESS=1",
            display(&expected_path)
        )
    });
    assert_eq!(
        actual,
        expected,
        "{slug}: record differs from {}",
        display(&expected_path)
    );
}

fn display(path: &Path) -> String {
    path.strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string()
}

macro_rules! golden {
    ($($name:ident => $slug:literal),* $(,)?) => {
        $(#[test] fn $name() { check($slug); })*
    };
}

golden! {
    harbor_news => "harbor-news",
    garden_blog => "garden-blog",
    faehre_latin1 => "faehre-latin1",
    soup_layout => "soup-layout",
    quiet_cycling => "quiet-cycling",
}

/// A new page in fixtures/pages must get a golden test above and a case in cases.toml.
#[test]
fn every_fixture_page_has_a_case() {
    let cases: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("fixtures/cases.toml")).unwrap())
            .unwrap();
    for entry in std::fs::read_dir(repo().join("fixtures/pages")).unwrap() {
        let path = entry.unwrap().path();
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            cases.contains_key(&slug),
            "fixtures/cases.toml has no [{slug}]"
        );
    }
}
