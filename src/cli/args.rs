//! The command line's arguments (clap), kept apart from what the commands do (`main.rs`).

use std::path::PathBuf;

use anyhow::bail;
use clap::{Parser, Subcommand};
use copydesk::config::OutputConfig;
use copydesk::extract::Favor;
use copydesk::filter::{GopherConfig, QualityConfig, QualityPreset};
use copydesk::{ArchiveKind, InputFormat, OutputFormat, PipelineConfig, Shard, ShardBy};

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Scraped web pages in, clean article records out"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Log filter for stderr (e.g. `info`, `debug`, `copydesk=trace`); overrides RUST_LOG.
    #[arg(long, global = true)]
    pub log: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the pipeline described by a config file (the main job).
    Run(RunArgs),
    /// Clean local HTML or text files, directories (recursive) or `-` (stdin).
    Clean(CleanArgs),
    /// Learn site profiles: lines that recur across many pages of one host (furniture), saved
    /// as JSON for `[filter.site_profiles] path`.
    Learn(LearnArgs),
    /// Show what the filter stage removes from one page, and which rule removed each line.
    Explain(ExplainArgs),
    /// Write an HTML report of pages: metadata and every text block in page order, marked
    /// kept, dropped by the extractor (with the reason) or removed by the filter (with the
    /// rule). One self-contained file; open it in a browser.
    Report(ReportArgs),
    /// Fetch URLs and clean the pages: URL list files (lines, CSV with a `url` column, JSON
    /// lines with a `url` field), `-` for stdin, or URLs; or the articles a sitemap or feed
    /// lists (--sitemap, --feed). Re-running with the same output resumes: URLs already
    /// written are not fetched again.
    Fetch(FetchArgs),
    /// Score extraction on dataset folders (html/<id>.html.gz + ground-truth.jsonl): shingle
    /// P/R/F1 for body sets, snippet hit/leak for snippet sets, metadata accuracy per field.
    /// Exits 1 when a figure falls below a floor given with --floors.
    Eval(EvalArgs),
    /// Check a config file and exit: 0 when it is valid.
    Check {
        /// Path to pipeline.toml.
        #[arg(default_value = "pipeline.toml")]
        config: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Path to pipeline.toml.
    #[arg(default_value = "pipeline.toml")]
    pub config: PathBuf,
    /// Start the output files afresh instead of resuming an interrupted run.
    #[arg(long)]
    pub fresh: bool,
    #[command(flatten)]
    pub knobs: Knobs,
    #[command(flatten)]
    pub sharding: Sharding,
}

#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// Files, directories or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub records: RecordsOutput,
    /// Output format: jsonl, jsonl.gz, jsonl.zst, parquet, csv, md or txt (default: by the
    /// output's extension). For compatibility, auto, html and text still mean --input-format.
    #[arg(long, value_parser = parse_clean_format)]
    pub format: Option<CleanFormat>,
    /// How to read the inputs: auto, html or text.
    #[arg(long, default_value = "auto")]
    pub input_format: InputFormat,
    /// Take stage settings ([extract], [filter], [limits], threads) from this pipeline.toml.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// Base URL of a single input (metadata, link resolution).
    #[arg(long)]
    pub url: Option<String>,
    /// How files are packed: auto (by name: *.warc[.gz], *.jsonl[.gz|.zst]), none, warc
    /// or jsonl.
    #[arg(long, default_value = "auto", value_parser = parse_archive)]
    pub archive: ArchiveKind,
    /// Start a new records file every N records (articles-00000.jsonl, ...).
    #[arg(long, value_name = "N")]
    pub rotate_records: Option<u64>,
    #[command(flatten)]
    pub knobs: Knobs,
    #[command(flatten)]
    pub sharding: Sharding,
}

#[derive(Debug, clap::Args)]
pub struct LearnArgs {
    /// Files or directories of pages from the sites to profile.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Where to write the profiles (JSON).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Take extraction settings from this pipeline.toml.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// A line is furniture when it is on at least this many pages of a host ...
    #[arg(long, default_value_t = copydesk::filter::DEFAULT_PROFILE_MIN_PAGES)]
    pub min_pages: usize,
    /// ... and on at least this share of the host's pages.
    #[arg(long, default_value_t = copydesk::filter::DEFAULT_PROFILE_MIN_SHARE)]
    pub min_share: f64,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The page (HTML or text).
    pub file: PathBuf,
    #[command(flatten)]
    pub page: PageSettings,
}

/// How `explain` and `report` read their pages: the stage settings, the page's URL and the
/// input format.
#[derive(Debug, clap::Args)]
pub struct PageSettings {
    /// Take stage settings from this pipeline.toml.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// The page's URL (for host-scoped rules, site selectors and site profiles), when one page
    /// is given.
    #[arg(long)]
    pub url: Option<String>,
    /// How to read the input: auto, html or text.
    #[arg(long, default_value = "auto")]
    pub format: InputFormat,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Pages: HTML or text files (also `.gz`), folders (recursive), archives (WARC, JSON
    /// Lines), as `clean` reads them.
    #[arg(required = true, value_name = "PAGE")]
    pub paths: Vec<PathBuf>,
    /// The report file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub page: PageSettings,
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("discovery").args(["sitemap", "feed"]).multiple(true))]
pub struct FetchArgs {
    /// URL list files, `-`, or http(s) URLs.
    #[arg(required_unless_present = "discovery", value_name = "URLS")]
    pub lists: Vec<String>,
    /// Fetch the articles a sitemap lists: a sitemap, a sitemap index (its sitemaps are read
    /// too), or a site root (`https://example.com/`), whose robots.txt `Sitemap:` lines name
    /// them (else /sitemap.xml). gzip (.xml.gz) is read too. Repeatable.
    #[arg(long, value_name = "URL")]
    pub sitemap: Vec<String>,
    /// Fetch the articles an RSS or Atom feed links to. Repeatable.
    #[arg(long, value_name = "URL")]
    pub feed: Vec<String>,
    /// Fetch at most N of the URLs --sitemap and --feed discover (all together).
    #[arg(
        long,
        value_name = "N",
        requires = "discovery",
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_urls: Option<u64>,
    /// Keep discovered URLs on any host; by default only those on the sitemap's or feed's own
    /// host are fetched (hosts compared lower-cased, a leading `www.` ignored).
    #[arg(long, requires = "discovery")]
    pub any_host: bool,
    #[command(flatten)]
    pub records: RecordsOutput,
    /// Output format: jsonl, jsonl.gz, jsonl.zst, parquet, csv, md or txt (default: by the
    /// output's extension).
    #[arg(long, value_parser = parse_output_format)]
    pub format: Option<OutputFormat>,
    /// Take [fetch] and stage settings ([extract], [filter], threads) from this pipeline.toml.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// Also archive every fetched HTML response to this WARC file (`.warc.gz`).
    #[arg(long)]
    pub warc: Option<PathBuf>,
    #[command(flatten)]
    pub knobs: Knobs,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Dataset folders.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// List this many worst pages per body set.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Minimum figures (e.g. eval/floors.toml); any figure below its floor fails the run.
    #[arg(long)]
    pub floors: Option<PathBuf>,
    /// Score extraction alone, without the filter stage's line rules.
    #[arg(long)]
    pub no_filter: bool,
    /// Take [extract] and [filter] settings from this pipeline.toml.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// Write each set's predictions as JSONL (the input format of score.py) into this folder.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Worker threads (0 = one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Pages to score: the tuning part, the check part (pages whose host hashes into
    /// bucket 0 of 4, never debugged one by one) or all (also printing both parts).
    #[arg(long, value_enum, default_value_t = EvalPart::All)]
    pub part: EvalPart,
    /// Write an HTML report of each set's worst pages (those --worst lists) into this
    /// folder, `<set>.html`, with the gold beside copydesk's output.
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
    /// Score another tool's predictions beside ours: NAME=DIR, with DIR/<set>.jsonl in
    /// score.py's format (e.g. trafilatura=/work/cache/trafilatura).
    #[arg(long, value_name = "NAME=DIR", value_parser = parse_peer)]
    pub peer: Option<copydesk::eval::Peer>,
}

/// `copydesk eval --part`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum EvalPart {
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

/// Where the records go and how they are made, shared by `clean` and `fetch`; applied over
/// the config file's `[output]` and `threads`.
#[derive(Debug, clap::Args)]
pub struct RecordsOutput {
    /// Records output; `-` is stdout (no resume then). The extension picks the format
    /// (.jsonl, .jsonl.gz, .jsonl.zst, .parquet, .csv); a directory takes --format md|txt.
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// Rejects output (JSON Lines); default: next to --output, or stderr.
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    /// Worker threads for extraction (0 = one per core); overrides the config.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Add a `markdown` field to each record.
    #[arg(long)]
    pub markdown: bool,
    /// Start the output files afresh instead of resuming an interrupted run.
    #[arg(long)]
    pub fresh: bool,
}

impl RecordsOutput {
    /// Writes the outputs into `settings`, with the output format (a format name) and the
    /// records per file when the command line gives them.
    pub fn apply(
        self,
        settings: &mut PipelineConfig,
        format: Option<&str>,
        rotate_records: Option<u64>,
    ) {
        let out = &mut settings.output;
        *out = OutputConfig {
            path: self.output,
            rejects: self.rejects,
            markdown: self.markdown || out.markdown,
            resume: !self.fresh,
            rotate_records: rotate_records.or(out.rotate_records),
            format: format.map(str::to_string).or(out.format.take()),
        };
        if let Some(threads) = self.threads {
            settings.threads = threads;
        }
    }
}

/// Cluster sharding flags, shared by `run` and `clean`.
#[derive(Debug, clap::Args)]
pub struct Sharding {
    /// Process only shard K of N (K from 0): outputs get per-shard names, a completion marker
    /// is written, and a shard already complete is skipped.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// What a shard is made of: whole files (default) or single archive records.
    #[arg(long, default_value = "file", requires = "shard")]
    pub shard_by: ShardBy,
}

/// Stage settings on the command line, mirroring pipeline.toml; shared by `clean`, `fetch`
/// and `run`, applied over the config file's values.
#[derive(Debug, Default, clap::Args)]
pub struct Knobs {
    /// Precision/recall trade-off of extraction: precision, balanced or recall
    /// (`[extract] favor`).
    #[arg(long, value_parser = parse_favor)]
    pub favor: Option<Favor>,
    /// Optional parts to keep, comma-separated: tables, images (captions; images in
    /// Markdown), links (in Markdown), comments.
    #[arg(long, value_delimiter = ',', value_name = "PARTS", value_parser = parse_part)]
    pub include: Vec<Part>,
    /// Optional parts to leave out, as for --include.
    #[arg(long, value_delimiter = ',', value_name = "PARTS", value_parser = parse_part)]
    pub exclude: Vec<Part>,
    /// Keep only articles in these languages, comma-separated ISO 639-1 or 639-3 codes
    /// (`[filter.language] allow`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub lang: Vec<String>,
    /// Turn off the filter stage's line rules (built-in groups, `[[filter.rules]]`, site
    /// profiles); document checks (quality, language, duplicates) still apply.
    #[arg(long)]
    pub no_filter: bool,
    /// A bundle of settings for a purpose: `dataset` (training-data quality, as
    /// `[filter.quality] preset = "dataset"`: the Gopher document heuristics, at least 50
    /// words, lorem-ipsum and JavaScript-notice pages rejected, near-duplicate removal);
    /// values the config sets itself stay.
    #[arg(long, value_parser = parse_preset)]
    pub preset: Option<Preset>,
}

/// An optional part of an article (`--include` / `--exclude`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Comments,
    Tables,
    Images,
    Links,
}

/// `--preset` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Dataset,
}

impl Knobs {
    /// Writes the knobs given into `settings`.
    ///
    /// # Errors
    /// A part the extractor cannot keep.
    pub fn apply(&self, settings: &mut PipelineConfig) -> anyhow::Result<()> {
        if let Some(favor) = self.favor {
            settings.extract.favor = favor;
        }
        let parts = self.include.iter().map(|p| (p, true));
        for (part, on) in parts.chain(self.exclude.iter().map(|p| (p, false))) {
            match part {
                Part::Tables => settings.extract.include_tables = on,
                Part::Images => {
                    settings.extract.include_captions = on;
                    settings.extract.include_images = on;
                }
                Part::Links => settings.extract.include_links = on,
                Part::Comments if on => bail!(
                    "--include comments: copydesk drops comment sections by their markup \
                     and has no switch to keep them yet"
                ),
                Part::Comments => {} // already left out
            }
        }
        if !self.lang.is_empty() {
            settings.filter.language.allow.clone_from(&self.lang);
        }
        if self.no_filter {
            let builtin = &mut settings.filter.builtin;
            for group in [
                &mut builtin.credits,
                &mut builtin.meta,
                &mut builtin.promotion,
                &mut builtin.social,
                &mut builtin.ads,
                &mut builtin.legal,
                &mut builtin.comments,
                &mut builtin.navigation,
                &mut builtin.structure,
                &mut builtin.learned,
            ] {
                *group = false;
            }
            settings.filter.rules.clear();
            settings.filter.site_profiles.path = None;
        }
        if self.preset == Some(Preset::Dataset) {
            settings.filter.quality = dataset_quality(&settings.filter.quality);
        }
        Ok(())
    }
}

/// `--preset dataset`: the config's `[filter.quality]` moved to the `dataset` preset. A value
/// that differs from its own preset's was set in the file and stays; the others take the
/// dataset preset's (near-duplicate removal follows the preset unless `[filter.dedup] near`
/// is set).
fn dataset_quality(q: &QualityConfig) -> QualityConfig {
    fn pick<T: PartialEq + Copy>(set: T, preset: T, dataset: T) -> T {
        if set == preset { dataset } else { set }
    }
    let was = QualityConfig::preset(q.preset);
    let to = QualityConfig::preset(QualityPreset::Dataset);
    QualityConfig {
        preset: QualityPreset::Dataset,
        min_words: pick(q.min_words, was.min_words, to.min_words),
        max_non_alpha_share: pick(
            q.max_non_alpha_share,
            was.max_non_alpha_share,
            to.max_non_alpha_share,
        ),
        lorem_ipsum: pick(q.lorem_ipsum, was.lorem_ipsum, to.lorem_ipsum),
        javascript_page: pick(q.javascript_page, was.javascript_page, to.javascript_page),
        gopher: GopherConfig {
            enabled: pick(q.gopher.enabled, was.gopher.enabled, to.gopher.enabled),
            ..q.gopher
        },
    }
}

/// `clean --format`: an output format, or (as before) how to read the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanFormat {
    Output(OutputFormat),
    Input(InputFormat),
}

fn parse_clean_format(s: &str) -> Result<CleanFormat, String> {
    match s.parse::<InputFormat>() {
        Ok(input) => Ok(CleanFormat::Input(input)),
        Err(_) => parse_output_format(s).map(CleanFormat::Output),
    }
}

fn parse_output_format(s: &str) -> Result<OutputFormat, String> {
    OutputFormat::by_name(s).ok_or_else(|| {
        format!(
            "unknown output format {s:?}, expected {}",
            copydesk::output::sink::FORMAT_NAMES
        )
    })
}

fn parse_favor(s: &str) -> Result<Favor, String> {
    match s {
        "precision" => Ok(Favor::Precision),
        "balanced" => Ok(Favor::Balanced),
        "recall" => Ok(Favor::Recall),
        other => Err(format!(
            "unknown favor {other:?}, expected precision, balanced or recall"
        )),
    }
}

fn parse_part(s: &str) -> Result<Part, String> {
    match s.trim() {
        "comments" => Ok(Part::Comments),
        "tables" => Ok(Part::Tables),
        "images" => Ok(Part::Images),
        "links" => Ok(Part::Links),
        other => Err(format!(
            "unknown part {other:?}, expected comments, tables, images or links"
        )),
    }
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    match s {
        "dataset" => Ok(Preset::Dataset),
        other => Err(format!("unknown preset {other:?}, expected dataset")),
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
