//! copydesk: scraped web pages in, clean article records out.
pub mod article;
pub mod eval;
pub mod extract;
