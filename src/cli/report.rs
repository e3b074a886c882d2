//! `copydesk report` and `copydesk eval --report`: pages through the processor in explain
//! mode, written as one HTML report each ([`copydesk::output::report`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use copydesk::eval::{EvalReport, gold_pages};
use copydesk::output::report::{self, Counts, ReportPage};
use copydesk::process::Processor;

use crate::args::ReportArgs;
use crate::{base_dir, settings_from};

/// `copydesk report`: every input page, explained; a page that cannot be read or holds no
/// article is in the report with the reason.
pub fn report_command(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let config = args.page.config.as_deref();
    let (settings, config_path) = settings_from(config)?;
    let base = config.map_or(Path::new("."), base_dir);
    let processor = settings.build_processor(&config_path, base)?;
    let mut problems = Vec::new();
    let source = copydesk::Source::new(
        args.paths.clone(),
        args.page.format,
        args.page.url.as_deref(),
        &mut problems,
    )
    .context("cannot read the inputs")?;
    if !problems.is_empty() {
        anyhow::bail!("{}", problems.join("; "));
    }
    let mut pages = Vec::new();
    for item in source.inputs() {
        let input = match item {
            Ok(input) => input,
            Err(reject) => {
                let reason = format!("at {}: {}", reject.stage, reject.reason);
                pages.push(ReportPage::rejected(reject.source, reason));
                continue;
            }
        };
        let page = match copydesk::input::load::load(&input, &settings.limits) {
            Ok(page) => page,
            Err(error) => {
                pages.push(ReportPage::rejected(input.source, error.to_string()));
                continue;
            }
        };
        pages.push(explained(&processor, &page, input.source));
    }
    write(&args.output, "copydesk report", &pages)?;
    Ok(ExitCode::SUCCESS)
}

/// One loaded page as a report page.
fn explained(processor: &Processor, page: &copydesk::Page, source: String) -> ReportPage {
    match processor.explain_all(page) {
        Ok(ex) => ReportPage::explained(source, page.url.as_ref().map(url::Url::as_str), &ex),
        Err(error) => ReportPage::rejected(source, error.to_string()),
    }
}

/// Writes the report and says on stderr what is in it, page by page.
fn write(path: &Path, title: &str, pages: &[ReportPage]) -> anyhow::Result<()> {
    std::fs::write(path, report::render(title, pages))
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut total = Counts::default();
    for page in pages {
        let c = page.counts();
        total.kept += c.kept;
        total.extract += c.extract;
        total.filter += c.filter;
        let outcome = page
            .rejected
            .as_deref()
            .map_or_else(String::new, |r| format!(" (rejected: {r})"));
        eprintln!(
            "{}: {} kept, {} dropped by the extractor, {} removed by the filter{outcome}",
            page.source, c.kept, c.extract, c.filter
        );
    }
    let rejected = pages.iter().filter(|p| p.rejected.is_some()).count();
    eprintln!(
        "{}: {} pages ({rejected} rejected): {} kept, {} dropped by the extractor, {} removed \
         by the filter",
        path.display(),
        pages.len(),
        total.kept,
        total.extract,
        total.filter
    );
    Ok(())
}

/// `eval --report DIR`: `DIR/<set>.html` with each set's worst pages, the gold beside them.
pub fn eval_reports(
    processor: &Processor,
    dirs: &[PathBuf],
    report: &EvalReport,
    out_dir: &Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    for (set, dir) in report.sets.iter().zip(dirs) {
        let ids: Vec<String> = set.worst.iter().map(|w| w.id.clone()).collect();
        let gold =
            gold_pages(dir, &ids).with_context(|| format!("cannot read {}", dir.display()))?;
        let pages: Vec<ReportPage> = gold
            .into_iter()
            .zip(&set.worst)
            .map(|(g, score)| {
                let url = g.url.as_deref().and_then(|u| url::Url::parse(u).ok());
                let page = copydesk::Page {
                    seq: 0,
                    source: g.id.clone(),
                    url,
                    kind: copydesk::ContentKind::Html,
                    text: g.html,
                };
                let mut shown = explained(processor, &page, g.id);
                shown.note = Some(format!(
                    "F1 {:.3} · precision {:.3} · recall {:.3} · {} part",
                    score.f1,
                    score.precision,
                    score.recall,
                    if g.check { "check" } else { "tune" }
                ));
                shown.gold = Some(g.gold);
                shown
            })
            .collect();
        let path = out_dir.join(format!("{}.html", set.name));
        write(
            &path,
            &format!("copydesk eval: worst pages of {}", set.name),
            &pages,
        )?;
    }
    Ok(())
}
