//! When to try again, from the response's headers: `Retry-After` (seconds or an HTTP date) and
//! the common rate-limit reset headers (`X-RateLimit-Reset`, `RateLimit-Reset`,
//! `X-RateLimit-Reset-After`, `X-Rate-Limit-Reset`, OpenAI's `x-ratelimit-reset-requests: 6m0s`),
//! as `curl -i`, HTTPie, browsers and clients' printed header maps show them.

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A header saying when to retry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetryAfter {
    /// The header as written (`Retry-After`, `x-ratelimit-reset`).
    pub header: String,
    /// Its value as written (`30`, `Wed, 21 Oct 2015 07:28:00 GMT`, `1715595721`, `6m0s`).
    pub value: String,
    /// The wait in seconds, when the value is one (a number of seconds, or a duration).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_or_fraction"
    )]
    pub seconds: Option<f64>,
    /// The moment to retry at, when the value is one: an HTTP date as written, or a Unix time
    /// as an RFC 3339 UTC time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl RetryAfter {
    /// `retry after 30 s`, `retry at Wed, 21 Oct 2015 07:28:00 GMT`.
    pub fn describe(&self) -> String {
        match (&self.seconds, &self.at) {
            (Some(s), _) => format!("retry after {} s", trim_float(*s)),
            (None, Some(at)) => format!("retry at {at}"),
            (None, None) => format!("{}: {}", self.header, self.value),
        }
    }
}

/// `30`, not `30.0`, for a whole number of seconds.
fn whole_or_fraction<S: serde::Serializer>(s: &Option<f64>, out: S) -> Result<S::Ok, S::Error> {
    match *s {
        Some(v) if v.fract() == 0.0 && v < 9e15 => out.serialize_u64(v as u64),
        Some(v) => out.serialize_f64(v),
        None => out.serialize_none(),
    }
}

fn trim_float(s: f64) -> String {
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// A header name, the separator a printout puts after it (`: `, `=`, `': '`, `":["`), and
/// the value.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?-u:\b)(?:retry-after|x-ratelimit-reset(?:-after|-requests|-tokens)?|x-rate-limit-reset|ratelimit-reset)["']?[ \t]*[:=][ \t]*\[?[ \t]*["']?[^"'\r\n\];]{1,40}"#,
    )
    .expect("the header pattern is tested")
});

/// Every retry header in `text`, with its offset, in order.
pub fn find(text: &str) -> Vec<(usize, RetryAfter)> {
    HEADER
        .find_iter(text)
        .filter_map(|m| {
            // The match is the name, the separator and the value (no capture engine for the
            // many matches a transcript may hold).
            let all = m.as_str();
            let name_len = all
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(all.len());
            let header = &all[..name_len];
            let mut value = all[name_len..]
                .trim_start_matches(['"', '\'', ' ', '\t', ':', '=', '['])
                .trim();
            // Only an HTTP date holds a comma; elsewhere it ends the value (`{'a': '1', ...}`).
            if !value.ends_with("GMT") {
                value = value.split(',').next().unwrap_or("").trim();
            }
            let (seconds, at) = read_value(header, value)?;
            Some((
                m.start(),
                RetryAfter {
                    header: header.to_string(),
                    value: value.to_string(),
                    seconds,
                    at,
                },
            ))
        })
        .collect()
}

/// A Unix time: numbers this large are a moment, not a wait (2001 onwards).
const UNIX_TIME_FROM: u64 = 1_000_000_000;

/// The wait or the moment a value gives; `None` when it gives neither.
fn read_value(header: &str, value: &str) -> Option<(Option<f64>, Option<String>)> {
    if let Ok(n) = value.parse::<u64>() {
        // `X-RateLimit-Reset` is a Unix time at GitHub and many others, seconds elsewhere.
        return Some(if n >= UNIX_TIME_FROM {
            (None, Some(unix_time(n)))
        } else {
            (Some(n as f64), None)
        });
    }
    if let Ok(f) = value.parse::<f64>() {
        return (f.is_finite() && f >= 0.0).then_some((Some(f), None));
    }
    if let Some(s) = duration(value) {
        return Some((Some(s), None));
    }
    // An HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), as written: Retry-After's only other form.
    let date = header.eq_ignore_ascii_case("retry-after")
        && value.ends_with("GMT")
        && value.chars().any(|c| c.is_ascii_digit());
    date.then(|| (None, Some(value.to_string())))
}

/// A Go-style duration (`6m0s`, `1.5s`, `20ms`, `1h2m`) in seconds.
fn duration(value: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut rest = value;
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let n: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return None,
        };
        total += n * scale;
        rest = &rest[unit_len..];
        any = true;
    }
    any.then_some(total)
}

/// A Unix time as `2024-05-13T10:22:01Z`.
fn unix_time(t: u64) -> String {
    let days = (t / 86_400) as i64;
    let secs = t % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> RetryAfter {
        find(text).into_iter().next().expect("a header").1
    }

    #[test]
    fn seconds_dates_and_unix_times() {
        let r = first("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\n");
        assert_eq!((r.header.as_str(), r.seconds), ("Retry-After", Some(30.0)));
        assert_eq!(r.describe(), "retry after 30 s");
        let r = first("< retry-after: Wed, 21 Oct 2015 07:28:00 GMT\n");
        assert_eq!(r.at.as_deref(), Some("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(r.describe(), "retry at Wed, 21 Oct 2015 07:28:00 GMT");
        let r = first("x-ratelimit-reset: 1715595721\n");
        assert_eq!(r.at.as_deref(), Some("2024-05-13T10:22:01Z"));
        let r = first("x-ratelimit-reset-requests: 6m0s\n");
        assert_eq!(r.seconds, Some(360.0));
        let r = first("X-RateLimit-Reset-After: 1.5\n");
        assert_eq!(r.describe(), "retry after 1.5 s");
    }

    #[test]
    fn header_maps_as_clients_print_them() {
        // Python's dict, Go's http.Header, JSON.
        assert_eq!(
            first("{'Retry-After': '120', 'Server': 'x'}").seconds,
            Some(120.0)
        );
        assert_eq!(
            first("map[Retry-After:[60] Server:[x]]").seconds,
            Some(60.0)
        );
        assert_eq!(first(r#"{"retry-after": "5"}"#).seconds, Some(5.0));
    }

    #[test]
    fn other_values_are_not_a_time() {
        assert!(find("Retry-After: soon\n").is_empty());
        assert!(find("retry after a while").is_empty());
    }
}
