//! What to read, and how it becomes a decoded [`Page`].
//!
//! - [`source`]: command-line paths and `[source]` -> [`Input`]s (directories walked in order,
//!   special files rejected); archives are streamed record by record by [`warc`] and
//!   [`jsonl`].
//! - [`load`] and [`charset`]: bytes -> [`Page`] (size caps, gzip, binary sniffing, charset
//!   decoding; never a silent lossy decode).
//! - [`text`]: a plain-text article -> [`crate::Article`] (the HTML path goes through
//!   [`crate::extract`]).

pub mod charset;
pub mod jsonl;
pub mod load;
pub mod source;
pub mod text;
pub mod url_list;
pub mod warc;

pub use load::{ContentKind, Limits, Page, decode_page, is_html_media_type};
pub use source::{ArchiveKind, Input, InputFormat, Origin, Source, SourceConfig};
