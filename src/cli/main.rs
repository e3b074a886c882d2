//! The `copydesk` command line: parses flags, loads the config, runs, reports.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use copydesk::{ArchiveKind, InputFormat, PipelineConfig, Summary};
use tracing_subscriber::EnvFilter;

mod args;
mod report;

use args::{
    CleanArgs, CleanFormat, Cli, Command, EvalArgs, EvalPart, FetchArgs, LearnArgs, RunArgs,
};

/// mimalloc: html5ever and the extractor allocate a string or vector per node; with
/// glibc's malloc that was ~15 % of extraction's instructions (issue 6, bench/README.md).
/// Built without transparent huge pages (`no_thp`), see [`no_huge_pages`].
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. A worker's memory comes and goes page
/// by page; backed by 2 MB pages it made the peak RSS of one thread about a fifth larger
/// (128 MB against 104 MB on 990 pages) and the kernel's zeroing of them cost more system
/// time than the extra 4 KB page faults (bench/README.md, issue 19). mimalloc is built not to
/// ask for huge pages; this also covers kernels that hand them out unasked (THP `always`).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        // Best effort: a kernel without the flag only keeps its default.
        let _ = nix::sys::prctl::set_thp_disable(true);
    }
}

/// Exit code for usage, config and fatal output errors (clap uses 2 for usage errors too).
const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    init_logging(cli.log.as_deref());
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<io::Error>())
                .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("copydesk: error: {err:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn init_logging(filter: Option<&str>) {
    let filter = filter.map_or_else(
        || {
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("warn,html5ever=error"))
        },
        EnvFilter::new,
    );
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .init();
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => return run_config(args),
        Command::Clean(args) => return clean(args),
        Command::Learn(args) => learn(args)?,
        Command::Explain(args) => {
            return explain(
                &args.file,
                args.page.config.as_deref(),
                args.page.url.as_deref(),
                args.page.format,
            );
        }
        Command::Report(args) => return report::report_command(args),
        Command::Fetch(args) => return fetch(args),
        Command::Eval(args) => return eval_command(args),
        Command::Check { config } => {
            load_config(&config)?.build(&config, base_dir(&config))?;
            eprintln!("{}: ok", config.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `copydesk run`: the pipeline a config file describes, with command-line knobs on top.
fn run_config(args: RunArgs) -> anyhow::Result<ExitCode> {
    let config = &args.config;
    let mut settings = load_config(config)?;
    settings.output.resume &= !args.fresh;
    args.knobs.apply(&mut settings)?;
    let mut pipeline = settings.build(config, base_dir(config))?;
    pipeline.set_shard(args.sharding.shard, args.sharding.shard_by);
    let code = execute(&mut pipeline);
    leave(pipeline);
    code
}

/// `copydesk clean`: local files through the stages.
fn clean(args: CleanArgs) -> anyhow::Result<ExitCode> {
    let (mut settings, config_path) = settings_from(args.config.as_deref())?;
    let (input_format, output_format) = match args.format {
        Some(CleanFormat::Input(input)) => (input, None),
        Some(CleanFormat::Output(output)) => (args.input_format, Some(output)),
        None => (args.input_format, None),
    };
    settings.source = Some(copydesk::input::source::SourceConfig {
        paths: args.paths,
        urls: Vec::new(),
        format: input_format,
        url: args.url,
        archive: args.archive,
    });
    args.records.apply(
        &mut settings,
        output_format.map(format_name),
        args.rotate_records,
    );
    args.knobs.apply(&mut settings)?;
    let base = args.config.as_deref().map_or(Path::new("."), base_dir);
    let mut pipeline = settings.build(&config_path, base)?;
    pipeline.set_output(settings.output.to_output());
    pipeline.set_shard(args.sharding.shard, args.sharding.shard_by);
    let code = execute(&mut pipeline);
    leave(pipeline);
    code
}

/// Lets the process exit without freeing the pipeline: `run` has finished and closed every
/// output, and what is left (the compiled rules and automata) goes back to the OS with the
/// process. Freeing it one allocation at a time cost about 12 M instructions, 1.7 % of a
/// one-page run (issue 19).
fn leave(pipeline: copydesk::Pipeline) {
    std::mem::forget(pipeline);
}

/// `copydesk learn`: site profiles from sample pages.
fn learn(args: LearnArgs) -> anyhow::Result<()> {
    let (mut settings, config_path) = settings_from(args.config.as_deref())?;
    settings.source = Some(copydesk::input::source::SourceConfig {
        paths: args.paths,
        urls: Vec::new(),
        format: InputFormat::Auto,
        url: None,
        archive: ArchiveKind::Auto,
    });
    let base = args.config.as_deref().map_or(Path::new("."), base_dir);
    let pipeline = settings.build(&config_path, base)?;
    let (profiles, summary) = pipeline.learn(args.min_pages, args.min_share);
    let output = &args.output;
    profiles
        .save(output)
        .with_context(|| format!("cannot save profiles to {}", output.display()))?;
    eprintln!(
        "{} pages read, {} with a known host; profiles for {} hosts written to {}",
        summary.pages,
        summary.attributed,
        profiles.hosts.len(),
        output.display()
    );
    Ok(())
}

/// `copydesk explain`: one page, or every record of an archive (WARC, JSON Lines) in turn,
/// each under a `== source` heading. Output goes through `?`, so a closed stdout
/// (`| head -1`) ends the command quietly.
fn explain(
    file: &Path,
    config: Option<&Path>,
    url: Option<&str>,
    format: InputFormat,
) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let (settings, config_path) = settings_from(config)?;
    let base = config.map_or(Path::new("."), base_dir);
    let processor = settings.build_processor(&config_path, base)?;
    let mut problems = Vec::new();
    let source = copydesk::Source::new(vec![file.to_path_buf()], format, url, &mut problems)
        .with_context(|| format!("cannot read {}", file.display()))?;
    if !problems.is_empty() {
        anyhow::bail!("{}", problems.join("; "));
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let archive =
        copydesk::input::warc::is_warc_name(&name) || copydesk::input::jsonl::is_jsonl_name(&name);
    let mut out = io::stdout().lock();
    for item in source.inputs() {
        let input = match item {
            Ok(input) => input,
            Err(reject) if archive => {
                writeln!(
                    out,
                    "== {}\nrejected at {}: {}",
                    reject.source, reject.stage, reject.reason
                )?;
                continue;
            }
            Err(reject) => anyhow::bail!("cannot read {}: {}", reject.source, reject.reason),
        };
        if archive {
            writeln!(out, "== {}", input.source)?;
        }
        let explained = copydesk::input::load::load(&input, &settings.limits)
            .with_context(|| format!("cannot read {}", input.source))
            .and_then(|page| {
                processor
                    .explain_all(&page)
                    .with_context(|| format!("no article in {}", input.source))
            });
        let explained = match explained {
            Ok(explained) => explained,
            Err(error) if archive => {
                writeln!(out, "rejected: {error:#}")?;
                continue;
            }
            Err(error) => return Err(error),
        };
        let article = &explained.article;
        writeln!(
            out,
            "title: {}",
            article.meta.title.as_deref().unwrap_or("-")
        )?;
        if let Some(site) = &explained.site {
            writeln!(out, "{site}")?;
        }
        writeln!(out, "kept {} blocks:", article.blocks.len())?;
        for block in &article.blocks {
            writeln!(out, "  {}", block.text.replace('\n', " ⏎ "))?;
        }
        writeln!(out, "removed:")?;
        for dropped in &explained.extract_dropped {
            writeln!(out, "{dropped}")?;
        }
        write!(out, "{}", copydesk::filter::explain_audit(&explained.audit))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `copydesk fetch`: URL lists (or URLs) through the fetch stage and the stages.
fn fetch(args: FetchArgs) -> anyhow::Result<ExitCode> {
    let (seeds, discovery) = discovery_of(&args);
    let (mut settings, config_path) = settings_from(args.config.as_deref())?;
    args.records
        .apply(&mut settings, args.format.map(format_name), None);
    if args.warc.is_some() {
        settings.fetch.warc = args.warc;
    }
    args.knobs.apply(&mut settings)?;
    for arg in &args.lists {
        check_not_bare_host(arg)?;
    }
    let mut lists: Vec<_> = args
        .lists
        .iter()
        .map(|arg| copydesk::fetch::ListSource::from_arg(arg))
        .collect();
    let base = args.config.as_deref().map_or(Path::new("."), base_dir);
    // Built before discovery, so that a bad config fails before any request.
    let mut pipeline = settings.build_fetch(&config_path, base, lists.clone())?;
    pipeline.set_output(settings.output.to_output());
    if !seeds.is_empty() {
        lists.extend(discover(&seeds, &discovery, &settings)?);
        let mut fetch = settings
            .fetch
            .build(&mut Vec::new())
            .context("[fetch] was checked when the pipeline was built")?;
        fetch.resume = settings.output.resume;
        pipeline.set_fetch(copydesk::FetchPlan::new(lists, fetch)?);
    }
    execute(&mut pipeline)
}

/// `fetch --sitemap/--feed`: the seeds (none without the flags) and the discovery limits.
fn discovery_of(
    args: &FetchArgs,
) -> (Vec<copydesk::fetch::Seed>, copydesk::fetch::DiscoverOptions) {
    use copydesk::fetch::{DiscoverOptions, Seed, SeedKind};
    let seeds = (args.sitemap.iter().map(|u| (SeedKind::Sitemap, u)))
        .chain(args.feed.iter().map(|u| (SeedKind::Feed, u)))
        .map(|(kind, url)| Seed {
            kind,
            url: url.clone(),
        })
        .collect();
    let options = DiscoverOptions {
        max_urls: args
            .max_urls
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        any_host: args.any_host,
    };
    (seeds, options)
}

/// `fetch --sitemap/--feed`: the article URLs the documents list, as URL arguments; the
/// summary goes to stderr.
fn discover(
    seeds: &[copydesk::fetch::Seed],
    options: &copydesk::fetch::DiscoverOptions,
    settings: &PipelineConfig,
) -> anyhow::Result<Vec<copydesk::fetch::ListSource>> {
    let fetch = settings
        .fetch
        .build(&mut Vec::new())
        .context("[fetch] was checked when the pipeline was built")?;
    let found = copydesk::fetch::discover(&fetch, seeds, options)?;
    eprintln!("copydesk: {found}");
    Ok(found
        .urls
        .into_iter()
        .map(copydesk::fetch::ListSource::Url)
        .collect())
}

/// `fetch example.com`: neither a list file nor a URL. A name that looks like a host (a dot,
/// no path separator before it) gets a hint that URLs need a scheme.
fn check_not_bare_host(arg: &str) -> anyhow::Result<()> {
    let lower = arg.to_ascii_lowercase();
    let has_scheme = lower.starts_with("http://") || lower.starts_with("https://");
    if arg == "-" || has_scheme || Path::new(arg).exists() {
        return Ok(());
    }
    let host = arg.split('/').next().unwrap_or("");
    if host.contains('.') && url::Url::parse(&format!("https://{arg}")).is_ok() {
        anyhow::bail!(
            "{arg} is neither a URL list file nor a URL: URLs need a scheme, e.g. https://{arg}"
        );
    }
    Ok(())
}

/// The `[output] format` name of a format (the inverse of `OutputFormat::by_name`).
fn format_name(format: copydesk::OutputFormat) -> &'static str {
    use copydesk::output::Compression;
    match format {
        copydesk::OutputFormat::Jsonl(Compression::None) => "jsonl",
        copydesk::OutputFormat::Jsonl(Compression::Gzip) => "jsonl.gz",
        copydesk::OutputFormat::Jsonl(Compression::Zstd) => "jsonl.zst",
        copydesk::OutputFormat::Parquet => "parquet",
        copydesk::OutputFormat::Csv => "csv",
        copydesk::OutputFormat::Markdown => "md",
        copydesk::OutputFormat::Text => "txt",
    }
}

/// `copydesk eval`: its options from the command line.
fn eval_command(args: EvalArgs) -> anyhow::Result<ExitCode> {
    use copydesk::eval::Part;
    let opts = copydesk::eval::EvalOptions {
        worst: args.worst,
        threads: args.threads,
        predictions_dir: args.predictions,
        part: match args.part {
            EvalPart::Tune => Part::Tune,
            EvalPart::Check => Part::Check,
            EvalPart::All => Part::All,
        },
        peer: args.peer,
    };
    eval(
        &args.dirs,
        args.floors.as_deref(),
        !args.no_filter,
        args.config.as_deref(),
        args.report.as_deref(),
        opts,
    )
}

/// `copydesk eval`: the processor's article against the datasets' gold. With the filter stage
/// on, a page the document-level checks reject scores as an empty extraction, as `run` would
/// write no record for it; `--no-filter` scores the extractor's article alone.
fn eval(
    dirs: &[PathBuf],
    floors: Option<&Path>,
    filter: bool,
    config: Option<&Path>,
    report_dir: Option<&Path>,
    mut opts: copydesk::eval::EvalOptions,
) -> anyhow::Result<ExitCode> {
    use copydesk::eval::{EvalOutput, Floors, evaluate};
    let (settings, config_path) = settings_from(config)?;
    let base = config.map_or(Path::new("."), base_dir);
    let processor = settings.build_processor(&config_path, base)?;
    let floors = floors
        .map(|path| Floors::load(path).with_context(|| format!("cannot load {}", path.display())))
        .transpose()?;
    let extract = |html: &str, url: Option<&url::Url>| {
        let page = copydesk::Page {
            seq: 0,
            source: String::new(),
            url: url.cloned(),
            kind: copydesk::ContentKind::Html,
            text: html.to_string(),
        };
        let (article, rejected) = if filter {
            let (article, audit) = processor.explain(&page).ok()?;
            (article, audit.rejected.map(|r| r.to_string()))
        } else {
            (processor.article(&page).ok()?, None)
        };
        let field = |v: Option<&str>| copydesk::normalize::normalize_field(v);
        Some(EvalOutput {
            body: copydesk::normalize::join_text(&article.blocks),
            title: field(article.meta.title.as_deref()),
            author: field(article.meta.author.as_deref()),
            published: field(article.meta.published.as_deref()),
            lang: field(article.meta.language.as_deref()),
            site_name: field(article.meta.site_name.as_deref()),
            page_type: Some(article.meta.signals.page_type.as_str().to_owned()),
            confidence: Some(copydesk::normalize::confidence(&article)),
            rejected,
        })
    };
    if opts.threads == 0 {
        opts.threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    }
    let started = std::time::Instant::now();
    let report = evaluate(dirs, &extract, &opts).context("evaluation failed")?;
    let pages: usize = report.sets.iter().map(|s| s.pages).sum();
    let secs = started.elapsed().as_secs_f64();
    print!("{report}");
    eprintln!(
        "{pages} pages in {secs:.1} s on {} threads ({:.0} pages/s)",
        opts.threads,
        pages as f64 / secs.max(1e-9)
    );
    if let Some(dir) = report_dir {
        report::eval_reports(&processor, dirs, &report, dir)?;
    }
    if let Some(floors) = floors {
        let violations = report.check_floors(&floors);
        if !violations.is_empty() {
            for v in &violations {
                eprintln!("below floor: {v}");
            }
            return Ok(ExitCode::from(1));
        }
        eprintln!("all figures at or above their floors");
    }
    Ok(ExitCode::SUCCESS)
}

/// Stage settings from `--config`, or the defaults; and the name to use in error messages.
fn settings_from(config: Option<&Path>) -> anyhow::Result<(PipelineConfig, PathBuf)> {
    Ok(match config {
        Some(path) => (load_config(path)?, path.to_path_buf()),
        None => (PipelineConfig::default(), PathBuf::from("<command line>")),
    })
}

fn load_config(path: &Path) -> anyhow::Result<PipelineConfig> {
    PipelineConfig::load(path).context("cannot load config")
}

fn base_dir(config: &Path) -> &Path {
    config.parent().unwrap_or(Path::new("."))
}

fn report(summary: &Summary) {
    eprint!("{summary}");
}

/// Exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

/// Runs a pipeline with Ctrl-C handling, prints the summary, and picks the exit code: the
/// first Ctrl-C (or SIGTERM) stops taking input, flushes what is in flight and exits 130
/// after the summary (the same command resumes); a second one exits at once (a kill is
/// safe too: resume reads the outputs back).
fn execute(pipeline: &mut copydesk::Pipeline) -> anyhow::Result<ExitCode> {
    let stop = pipeline.stop_flag();
    let handler = ctrlc::set_handler(move || {
        if stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
        eprintln!(
            "copydesk: interrupted: finishing the inputs in flight (Ctrl-C again to quit now)"
        );
    });
    if let Err(error) = handler {
        tracing::warn!(%error, "no Ctrl-C handler: an interrupted run loses its summary");
    }
    // Fault injection for the panic-isolation tests (see `Pipeline::inject_panic`).
    pipeline.inject_panic(std::env::var("COPYDESK_INJECT_PANIC").ok());
    let summary = pipeline.run()?;
    report(&summary);
    Ok(if summary.interrupted {
        ExitCode::from(EXIT_INTERRUPTED)
    } else {
        ExitCode::SUCCESS
    })
}
