//! The `copydesk` command line: parses flags, loads the config, runs, reports.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use copydesk::config::OutputConfig;
use copydesk::{ArchiveKind, InputFormat, Output, PipelineConfig, Shard, ShardBy, Summary};
use tracing_subscriber::EnvFilter;

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
        || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
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
        Command::Run { config, sharding } => {
            let mut pipeline = load_config(&config)?.build(&config, base_dir(&config))?;
            pipeline.set_shard(sharding.shard, sharding.shard_by);
            report(&pipeline.run()?);
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
            archive,
            rotate_records,
            sharding,
        } => {
            let (mut settings, config_path) = match &config {
                Some(path) => (load_config(path)?, path.clone()),
                None => (PipelineConfig::default(), PathBuf::from("<command line>")),
            };
            settings.source = Some(copydesk::source::SourceConfig {
                paths,
                format,
                url,
                archive,
            });
            settings.output = OutputConfig {
                path: output.clone(),
                rejects: rejects.clone(),
                markdown: markdown || settings.output.markdown,
                rotate_records: rotate_records.or(settings.output.rotate_records),
            };
            if let Some(threads) = threads {
                settings.threads = threads;
            }
            let base = config.as_deref().map_or(Path::new("."), base_dir);
            let mut pipeline = settings.build(&config_path, base)?;
            pipeline.set_output(Output::from_config(&settings.output));
            pipeline.set_shard(sharding.shard, sharding.shard_by);
            report(&pipeline.run()?);
        }
        Command::Check { config } => {
            load_config(&config)?.build(&config, base_dir(&config))?;
            eprintln!("{}: ok", config.display());
        }
    }
    Ok(ExitCode::SUCCESS)
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
