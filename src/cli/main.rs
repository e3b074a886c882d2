//! The `copydesk` command line: parses flags, loads the config, runs, reports.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use copydesk::config::OutputConfig;
use copydesk::{ArchiveKind, InputFormat, PipelineConfig, Shard, ShardBy, Summary};
use tracing_subscriber::EnvFilter;

/// mimalloc: html5ever and the extractor allocate a string or vector per node; with
/// glibc's malloc that was ~15 % of extraction's instructions (issue 6, bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code for usage, config and fatal output errors (clap uses 2 for usage errors too).
const EXIT_FATAL: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Scraped web pages in, clean article records out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log filter for stderr (e.g. `info`, `debug`, `copydesk=trace`); overrides RUST_LOG.
    #[arg(long, global = true)]
    log: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the pipeline described by a config file (the main job).
    Run {
        /// Path to pipeline.toml.
        #[arg(default_value = "pipeline.toml")]
        config: PathBuf,
        /// Start the output files afresh instead of resuming an interrupted run.
        #[arg(long)]
        fresh: bool,
        #[command(flatten)]
        sharding: Sharding,
    },
    /// Clean local HTML or text files, directories (recursive) or `-` (stdin).
    Clean {
        /// Files, directories or `-`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Records output (JSON Lines); `-` is stdout.
        #[arg(short, long, default_value = "-")]
        output: PathBuf,
        /// Rejects output (JSON Lines); default: next to --output, or stderr.
        #[arg(long)]
        rejects: Option<PathBuf>,
        /// Take stage settings ([extract], [filter], [limits], threads) from this pipeline.toml.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// Base URL of a single input (metadata, link resolution).
        #[arg(long)]
        url: Option<String>,
        /// How to read the inputs: auto, html or text.
        #[arg(long, default_value = "auto")]
        format: InputFormat,
        /// Worker threads (0 = one per core); overrides the config.
        #[arg(long)]
        threads: Option<usize>,
        /// Add a `markdown` field to each record.
        #[arg(long)]
        markdown: bool,
        /// Start the output files afresh instead of resuming an interrupted run.
        #[arg(long)]
        fresh: bool,
        /// How files are packed: auto (by name: *.warc[.gz], *.jsonl[.gz|.zst]), none, warc
        /// or jsonl.
        #[arg(long, default_value = "auto", value_parser = parse_archive)]
        archive: ArchiveKind,
        /// Start a new records file every N records (articles-00000.jsonl, ...).
        #[arg(long, value_name = "N")]
        rotate_records: Option<u64>,
        #[command(flatten)]
        sharding: Sharding,
    },
    /// Learn site profiles: lines that recur across many pages of one host (furniture), saved
    /// as JSON for `[filter.site_profiles] path`.
    Learn {
        /// Files or directories of pages from the sites to profile.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the profiles (JSON).
        #[arg(short, long)]
        output: PathBuf,
        /// Take extraction settings from this pipeline.toml.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// A line is furniture when it is on at least this many pages of a host ...
        #[arg(long, default_value_t = copydesk::filter::DEFAULT_PROFILE_MIN_PAGES)]
        min_pages: usize,
        /// ... and on at least this share of the host's pages.
        #[arg(long, default_value_t = copydesk::filter::DEFAULT_PROFILE_MIN_SHARE)]
        min_share: f64,
    },
    /// Show what the filter stage removes from one page, and which rule removed each line.
    Explain {
        /// The page (HTML or text).
        file: PathBuf,
        /// Take stage settings from this pipeline.toml.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// The page's URL (for host-scoped rules and site profiles).
        #[arg(long)]
        url: Option<String>,
        /// How to read the input: auto, html or text.
        #[arg(long, default_value = "auto")]
        format: InputFormat,
    },
    /// Fetch URLs and clean the pages: URL list files (lines, CSV with a `url` column, JSON
    /// lines with a `url` field), `-` for stdin, or URLs. Re-running with the same output
    /// resumes: URLs already written are not fetched again.
    Fetch {
        /// URL list files, `-`, or http(s) URLs.
        #[arg(required = true, value_name = "URLS")]
        lists: Vec<String>,
        /// Records output (JSON Lines); `-` is stdout (no resume then).
        #[arg(short, long, default_value = "-")]
        output: PathBuf,
        /// Rejects output (JSON Lines); default: next to --output, or stderr.
        #[arg(long)]
        rejects: Option<PathBuf>,
        /// Take [fetch] and stage settings ([extract], [filter], threads) from this pipeline.toml.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// Worker threads for extraction (0 = one per core); overrides the config.
        #[arg(long)]
        threads: Option<usize>,
        /// Add a `markdown` field to each record.
        #[arg(long)]
        markdown: bool,
        /// Also archive every fetched HTML response to this WARC file (`.warc.gz`).
        #[arg(long)]
        warc: Option<PathBuf>,
        /// Start the output files afresh instead of resuming an interrupted run.
        #[arg(long)]
        fresh: bool,
    },
    /// Score extraction on dataset folders (html/<id>.html.gz + ground-truth.jsonl): shingle
    /// P/R/F1 for body sets, snippet hit/leak for snippet sets, metadata accuracy per field.
    /// Exits 1 when a figure falls below a floor given with --floors.
    Eval {
        /// Dataset folders.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// List this many worst pages per body set.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Minimum figures (e.g. eval/floors.toml); any figure below its floor fails the run.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// Score extraction alone, without the filter stage's line rules.
        #[arg(long)]
        no_filter: bool,
        /// Take [extract] and [filter] settings from this pipeline.toml.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// Write each set's predictions as JSONL (the input format of score.py) into this folder.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Worker threads (0 = one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Pages to score: the tuning part, the check part (pages whose host hashes into
        /// bucket 0 of 4, never debugged one by one) or all (also printing both parts).
        #[arg(long, value_enum, default_value_t = EvalPart::All)]
        part: EvalPart,
        /// Score another tool's predictions beside ours: NAME=DIR, with DIR/<set>.jsonl in
        /// score.py's format (e.g. trafilatura=/work/cache/trafilatura).
        #[arg(long, value_name = "NAME=DIR", value_parser = parse_peer)]
        peer: Option<copydesk::eval::Peer>,
    },
    /// Check a config file and exit: 0 when it is valid.
    Check {
        /// Path to pipeline.toml.
        #[arg(default_value = "pipeline.toml")]
        config: PathBuf,
    },
}

/// Cluster sharding flags, shared by `run` and `clean`.
#[derive(Debug, clap::Args)]
struct Sharding {
    /// Process only shard K of N (K from 0): outputs get per-shard names, a completion marker
    /// is written, and a shard already complete is skipped.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// What a shard is made of: whole files (default) or single archive records.
    #[arg(long, default_value = "file", requires = "shard")]
    shard_by: ShardBy,
}

/// `copydesk eval --part`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum EvalPart {
    Tune,
    Check,
    All,
}

fn parse_peer(s: &str) -> Result<copydesk::eval::Peer, String> {
    match s.split_once('=') {
        Some((name, dir)) if !name.trim().is_empty() && !dir.is_empty() => {
            Ok(copydesk::eval::Peer {
                name: name.trim().to_owned(),
                dir: PathBuf::from(dir),
            })
        }
        _ => Err(format!("expected NAME=DIR, got {s:?}")),
    }
}

fn parse_archive(s: &str) -> Result<ArchiveKind, String> {
    match s {
        "auto" => Ok(ArchiveKind::Auto),
        "none" => Ok(ArchiveKind::None),
        "warc" => Ok(ArchiveKind::Warc),
        "jsonl" => Ok(ArchiveKind::Jsonl),
        other => Err(format!(
            "unknown archive kind {other:?}, expected auto, none, warc or jsonl"
        )),
    }
}

fn main() -> ExitCode {
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
        Command::Run {
            config,
            fresh,
            sharding,
        } => {
            let mut settings = load_config(&config)?;
            settings.output.resume &= !fresh;
            let mut pipeline = settings.build(&config, base_dir(&config))?;
            pipeline.set_shard(sharding.shard, sharding.shard_by);
            return execute(&mut pipeline);
        }
        Command::Clean {
            paths,
            output,
            rejects,
            config,
            url,
            format,
            threads,
            markdown,
            fresh,
            archive,
            rotate_records,
            sharding,
        } => {
            let (mut settings, config_path) = settings_from(config.as_deref())?;
            settings.source = Some(copydesk::input::source::SourceConfig {
                paths,
                urls: Vec::new(),
                format,
                url,
                archive,
            });
            settings.output = OutputConfig {
                path: output.clone(),
                rejects: rejects.clone(),
                markdown: markdown || settings.output.markdown,
                resume: !fresh,
                rotate_records: rotate_records.or(settings.output.rotate_records),
            };
            if let Some(threads) = threads {
                settings.threads = threads;
            }
            let base = config.as_deref().map_or(Path::new("."), base_dir);
            let mut pipeline = settings.build(&config_path, base)?;
            pipeline.set_output(settings.output.to_output());
            pipeline.set_shard(sharding.shard, sharding.shard_by);
            return execute(&mut pipeline);
        }
        Command::Learn {
            paths,
            output,
            config,
            min_pages,
            min_share,
        } => {
            let (mut settings, config_path) = settings_from(config.as_deref())?;
            settings.source = Some(copydesk::input::source::SourceConfig {
                paths,
                urls: Vec::new(),
                format: InputFormat::Auto,
                url: None,
                archive: ArchiveKind::Auto,
            });
            let base = config.as_deref().map_or(Path::new("."), base_dir);
            let pipeline = settings.build(&config_path, base)?;
            let (profiles, summary) = pipeline.learn(min_pages, min_share);
            profiles
                .save(&output)
                .with_context(|| format!("cannot save profiles to {}", output.display()))?;
            eprintln!(
                "{} pages read, {} with a known host; profiles for {} hosts written to {}",
                summary.pages,
                summary.attributed,
                profiles.hosts.len(),
                output.display()
            );
        }
        Command::Explain {
            file,
            config,
            url,
            format,
        } => {
            return explain(&file, config.as_deref(), url.as_deref(), format);
        }
        Command::Fetch {
            lists,
            output,
            rejects,
            config,
            threads,
            markdown,
            warc,
            fresh,
        } => {
            let (mut settings, config_path) = settings_from(config.as_deref())?;
            settings.output = OutputConfig {
                path: output,
                rejects,
                markdown: markdown || settings.output.markdown,
                resume: !fresh,
                rotate_records: settings.output.rotate_records,
            };
            if let Some(threads) = threads {
                settings.threads = threads;
            }
            if warc.is_some() {
                settings.fetch.warc = warc;
            }
            let lists = lists
                .iter()
                .map(|arg| copydesk::fetch::ListSource::from_arg(arg))
                .collect();
            let base = config.as_deref().map_or(Path::new("."), base_dir);
            let mut pipeline = settings.build_fetch(&config_path, base, lists)?;
            pipeline.set_output(settings.output.to_output());
            return execute(&mut pipeline);
        }
        Command::Eval {
            dirs,
            worst,
            floors,
            no_filter,
            config,
            predictions,
            threads,
            part,
            peer,
        } => {
            use copydesk::eval::Part;
            let opts = copydesk::eval::EvalOptions {
                worst,
                threads,
                predictions_dir: predictions,
                part: match part {
                    EvalPart::Tune => Part::Tune,
                    EvalPart::Check => Part::Check,
                    EvalPart::All => Part::All,
                },
                peer,
            };
            return eval(
                &dirs,
                floors.as_deref(),
                !no_filter,
                config.as_deref(),
                opts,
            );
        }
        Command::Check { config } => {
            load_config(&config)?.build(&config, base_dir(&config))?;
            eprintln!("{}: ok", config.display());
        }
    }
    Ok(ExitCode::SUCCESS)
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

/// `copydesk eval`: the processor's article against the datasets' gold. With the filter stage
/// on, a page the document-level checks reject scores as an empty extraction, as `run` would
/// write no record for it; `--no-filter` scores the extractor's article alone.
fn eval(
    dirs: &[PathBuf],
    floors: Option<&Path>,
    filter: bool,
    config: Option<&Path>,
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

fn report(summary: &Summary) {
    eprint!("{summary}");
}
