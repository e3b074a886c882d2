//! Dev driver: scores the extractor on dataset folders.
//!
//! `cargo run --release --example eval -- [--favor precision|balanced|recall] [--worst N]
//! [--predictions DIR] [--floors eval/floors.toml] DATASET_DIR...`
//!
//! Body text is the article's blocks joined with a blank line.

use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::eval::{EvalOptions, EvalOutput, Floors, evaluate};
use copydesk::extract::{ExtractConfig, Extractor, Favor};

fn main() -> ExitCode {
    let mut dirs = Vec::new();
    let mut opts = EvalOptions::default();
    let mut config = ExtractConfig::default();
    let mut floors: Option<PathBuf> = None;
    let mut dump: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--worst" => opts.worst = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--predictions" => opts.predictions_dir = args.next().map(PathBuf::from),
            "--floors" => floors = args.next().map(PathBuf::from),
            "--dump" => dump = args.next(),
            "--no-captions" => config.include_captions = false,
            "--no-tables" => config.include_tables = false,
            "--threads" => opts.threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(2),
            "--favor" => {
                config.favor = match args.next().as_deref() {
                    Some("precision") => Favor::Precision,
                    Some("recall") => Favor::Recall,
                    _ => Favor::Balanced,
                }
            }
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let extractor = Extractor::new(config);
    if let Some(file) = dump {
        // Print the blocks of one page (`--dump path/to/page.html.gz`).
        use std::io::Read;
        let mut bytes = Vec::new();
        let f = std::fs::File::open(&file).expect("page file");
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut bytes)
            .expect("gzip page");
        let html = copydesk::eval::decode_html(&bytes);
        match extractor.extract(&html, None) {
            Ok(a) => {
                println!("{:?}", a.meta);
                for b in a.blocks {
                    println!("[{:?}] {}", b.kind, b.text);
                }
            }
            Err(e) => println!("error: {e}"),
        }
        return ExitCode::SUCCESS;
    }
    let f = |html: &str, url: Option<&url::Url>| {
        let a = extractor.extract(html, url).ok()?;
        Some(EvalOutput {
            body: a
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
            title: a.meta.title,
            author: a.meta.author,
            published: a.meta.published,
            lang: a.meta.language,
            site_name: a.meta.site_name,
            ..EvalOutput::default()
        })
    };
    let report = match evaluate(&dirs, &f, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    print!("{report}");
    if let Some(path) = floors {
        match Floors::load(&path) {
            Ok(fl) => {
                let v = report.check_floors(&fl);
                for x in &v {
                    println!("FLOOR VIOLATION {x}");
                }
                if !v.is_empty() {
                    return ExitCode::from(1);
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
