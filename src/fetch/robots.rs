//! robots.txt rules of one host, fetched once and kept for the run (texting_robots parses).
//!
//! Policy (RFC 9309): a 4xx, a missing file or an unparsable one allow everything; a 5xx
//! disallows everything for this run (the URLs become transient rejects, retried by a resumed
//! run); a network failure allows everything, since the page requests then report the
//! network error themselves.

use std::time::Duration;

use texting_robots::Robot;

/// The rules for one host.
#[derive(Debug)]
pub enum Robots {
    /// No rules: fetch anything.
    AllowAll,
    /// Parsed rules for our user agent.
    Rules(Box<Robot>),
    /// robots.txt answered 5xx: fetch nothing.
    Unavailable {
        /// The status it answered with.
        status: u16,
    },
}

impl Robots {
    /// Parses a robots.txt body for `agent`; unparsable files allow everything.
    pub fn parse(agent: &str, body: &[u8]) -> Self {
        // Match on the product token ("copydesk" of "copydesk/0.1 (+url)"), as robots.txt
        // groups name products, not full user-agent strings.
        let token = agent.split(['/', ' ']).next().unwrap_or(agent);
        Robot::new(token, body).map_or(Self::AllowAll, |r| Self::Rules(Box::new(r)))
    }

    /// Whether `url` may be fetched.
    pub fn allows(&self, url: &str) -> bool {
        match self {
            Self::AllowAll => true,
            Self::Rules(robot) => robot.allowed(url),
            Self::Unavailable { .. } => false,
        }
    }

    /// The `Crawl-delay` for our agent, capped at `cap`.
    pub fn crawl_delay(&self, cap: Duration) -> Option<Duration> {
        match self {
            Self::Rules(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f64(f64::from(d)).min(cap)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_our_product_token_apply() {
        let txt = b"User-agent: *\nDisallow: /private\n\nUser-agent: copydesk\nDisallow: /no\nCrawl-delay: 2.5\n";
        let robots = Robots::parse("copydesk/0.1 (+https://example.org)", txt);
        assert!(!robots.allows("http://h.test/no/x"));
        assert!(robots.allows("http://h.test/private"));
        assert_eq!(
            robots.crawl_delay(Duration::from_secs(60)),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(
            robots.crawl_delay(Duration::from_secs(1)),
            Some(Duration::from_secs(1))
        );
    }
}
