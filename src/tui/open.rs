//! `o`: opening a link in the user's browser — `$BROWSER` (a `:`-separated list of commands,
//! `%s` standing for the link), else `xdg-open`, else macOS's `open`. No shell is involved,
//! and only http(s) links without spaces or control characters are opened, so a catalog's
//! `source` can neither run a command nor open a local file.

use std::process::{Command, Stdio};

/// Whether `url` is a link errdex opens (and may put in an OSC 8 hyperlink).
pub fn is_web_link(url: &str) -> bool {
    // A URL's scheme is case-insensitive (RFC 3986 §3.1): `HTTPS://` is a web link too.
    let scheme = |s: &str| {
        url.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    };
    (scheme("https://") || scheme("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
        && !url
            .chars()
            .any(|c| crate::sanitize::replacement(c).is_some())
}

/// The commands to try for `url`, in order: each entry of `browser` (`$BROWSER`), or the
/// system openers when it is empty.
pub fn commands(browser: &str, url: &str) -> Vec<Vec<String>> {
    let from_env: Vec<Vec<String>> = browser
        .split(':')
        .map(|entry| {
            let mut words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
            if words.iter().any(|w| w.contains("%s")) {
                for w in &mut words {
                    *w = w.replace("%s", url);
                }
            } else if !words.is_empty() {
                words.push(url.to_string());
            }
            words
        })
        .filter(|w| !w.is_empty())
        .collect();
    if !from_env.is_empty() {
        return from_env;
    }
    ["xdg-open", "open"]
        .iter()
        .map(|p| vec![p.to_string(), url.to_string()])
        .collect()
}

/// Opens `url`; says what ran, or why nothing could.
pub fn open(url: &str) -> Result<String, String> {
    if !is_web_link(url) {
        return Err("only http(s) links are opened".into());
    }
    let browser = std::env::var("BROWSER").unwrap_or_default();
    let mut failures = Vec::new();
    for words in commands(&browser, url) {
        let spawned = Command::new(&words[0])
            .args(&words[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match spawned {
            Ok(mut child) => {
                // Reaped in the background: a browser may run for hours.
                std::thread::spawn(move || child.wait());
                return Ok(words[0].clone());
            }
            Err(e) => failures.push(format!("{}: {e}", words[0])),
        }
    }
    Err(failures.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_entries_take_the_link_at_percent_s_or_last() {
        let url = "https://example.com/a";
        assert_eq!(
            commands("firefox --new-tab:lynx %s -dump", url),
            [
                vec!["firefox", "--new-tab", url],
                vec!["lynx", url, "-dump"],
            ]
        );
        assert_eq!(
            commands("", url),
            [vec!["xdg-open", url], vec!["open", url]]
        );
    }

    #[test]
    fn only_plain_web_links_are_opened() {
        assert!(is_web_link("https://doc.mantago.cc/x?y=1"));
        assert!(is_web_link("HTTPS://doc.mantago.cc/x"));
        assert!(is_web_link("Http://a.example/"));
        assert!(!is_web_link("httpx://a.example/"));
        assert!(!is_web_link("https://a.example/\u{202e}x"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("https://x\x1b]8;;evil"));
        assert!(!is_web_link("https://x y"));
        assert!(!is_web_link("; rm -rf /"));
        assert!(open("javascript:alert(1)").is_err());
    }
}
