//! Objects no vendor's envelope names: a platform's error body (Kubernetes, Google), an HTTP
//! problem, or a code and a message under the usual keys.

use super::details::retry_info;
use crate::decode::envelope;
use crate::decode::lenient::Value;
use crate::decode::matching::{Identified, same_code, sort_ranked};
use crate::decode::report::{Confidence, FoundError, short};
use crate::decode::{Decoder, families, http_bodies, rpc_details};
use crate::index::messages::tokenize;
use crate::index::{Field, RowId};

impl Decoder<'_> {
    /// A Kubernetes `Status` or a Google API error (see [`http_bodies`]): the HTTP error the body
    /// states, and for Google the gRPC code its `status` names.
    pub(super) fn platform_errors(&self, obj: &Value, path: &str) -> Option<Vec<FoundError>> {
        let p = http_bodies::kubernetes(obj)
            .or_else(|| http_bodies::google(obj))
            .or_else(|| http_bodies::rpc_status(obj))?;
        let grpc = match &p.grpc {
            Some(code) => {
                let v = self.family(families::GRPC)?;
                let rows: Vec<RowId> = match code {
                    http_bodies::Grpc::Name(name) => self.index.by_name(v, name),
                    http_bodies::Grpc::Number(n) => self
                        .index
                        .by_code(n)
                        .into_iter()
                        .filter(|&r| self.index.row_vendor(r) == v)
                        .collect(),
                };
                if rows.is_empty() {
                    return None;
                }
                Some(rows)
            }
            None => None,
        };
        // A `RetryInfo` among the details is the wait, as a Retry-After header would be.
        let retry_after = rpc_details::retry_delay(&p.details).map(retry_info);
        let mut out = Vec::new();
        if let Some(status) = p.http_status {
            let mut e = self.http_error(
                status,
                p.message.clone(),
                path.to_string(),
                p.evidence.clone(),
                false,
            );
            e.details = p.details.clone();
            e.retry_after = retry_after.clone();
            out.push(e);
        }
        if let Some(rows) = grpc {
            let v = self.index.row_vendor(rows[0]);
            let evidence = match &p.grpc {
                Some(http_bodies::Grpc::Name(name)) => vec![format!("status: {name}")],
                _ => p.evidence.clone(),
            };
            out.push(FoundError {
                code: Some(self.index.code(rows[0]).to_string()),
                message: p.message,
                http_status: p.http_status,
                vendor: Some(self.vendor_id(v)),
                evidence,
                retry_after,
                details: p.details,
                match_rows: rows,
                ..FoundError::new(path.to_string(), Confidence::EnvelopeCode)
            });
        }
        Some(out)
    }

    /// An RFC 9457 problem (`{"type", "title", "status", "detail"}`) or a framework's error
    /// body that carries the HTTP status with its reason phrase (Spring Boot's
    /// `{"status": 404, "error": "Not Found"}`): an HTTP error.
    pub(super) fn problem(&self, obj: &Value, path: &str) -> Option<FoundError> {
        let (_, status) = obj.member("status")?;
        let status: u16 = status.scalar_text()?.trim().parse().ok()?;
        if !(400..=599).contains(&status) {
            return None;
        }
        let text = |k: &str| obj.member(k).and_then(|(_, v)| envelope::message_text(v));
        let title = text("title").or_else(|| text("error"));
        let problem = obj.member("type").is_some() && text("title").is_some();
        let phrase = title.as_deref().is_some_and(|t| {
            self.http_rows(status)
                .first()
                .and_then(|&r| self.index.field(r, Field::Message))
                .is_some_and(|m| m.eq_ignore_ascii_case(t.trim()))
        });
        if !(problem || phrase) {
            return None;
        }
        let mut evidence = vec![format!("status: {status}")];
        if let Some(t) = &title {
            evidence.push(format!("{}: {t}", if problem { "title" } else { "error" }));
        }
        Some(self.http_error(status, title, path.to_string(), evidence, phrase))
    }

    /// An object no envelope names, with a code under a usual key, or a message: identified
    /// only by a message naming exactly one entry; a code alone is a suggestion.
    pub(super) fn generic_error(
        &self,
        g: envelope::Generic,
        path: &str,
        status: Option<u16>,
    ) -> Option<FoundError> {
        let q = g.message.as_deref().map(|m| tokenize(m, false));
        let identified = q
            .as_ref()
            .map_or(Identified::None, |q| self.identify(q, None));
        let mut evidence = Vec::new();
        if let Some(c) = &g.code {
            evidence.push(format!("code: {c}"));
        }
        if let Some(m) = &g.message {
            evidence.push(format!("message: {}", short(m)));
        }
        let code = g.code.clone();
        let with_code = |rows: &[RowId]| -> Vec<RowId> {
            match &code {
                Some(c) => rows
                    .iter()
                    .copied()
                    .filter(|&r| same_code(self.index.code(r), c))
                    .collect(),
                None => rows.to_vec(),
            }
        };
        let (confidence, matches, suggestions) = match identified {
            Identified::One(rows) if !with_code(&rows).is_empty() => {
                let c = if code.is_some() {
                    Confidence::CodeMessage
                } else {
                    Confidence::MessageOnly
                };
                evidence.push("message names one entry".into());
                (c, rows, Vec::new())
            }
            Identified::Several(rows) if code.is_some() && with_code(&rows).len() == 1 => {
                evidence.push("message and code name one entry".into());
                (Confidence::CodeMessage, with_code(&rows), Vec::new())
            }
            Identified::Several(rows) if code.is_none() => {
                (Confidence::Ambiguous, Vec::new(), rows)
            }
            // A message naming an entry whose code is another: they contradict each other.
            Identified::One(_) | Identified::Several(_) | Identified::None => {
                let code = code.as_deref()?;
                let rows = self.rows_with_code(code, false);
                if rows.is_empty() {
                    if g.message.is_none() && !g.error_key {
                        return None;
                    }
                    let near = self.suggest(None, g.message.as_deref(), None);
                    (Confidence::NotInCatalog, Vec::new(), near)
                } else {
                    let mut ranked: Vec<(RowId, f32)> = rows
                        .iter()
                        .map(|&r| {
                            (
                                r,
                                self.score_row(r, q.as_ref().map(|q| q.toks.as_slice()), status),
                            )
                        })
                        .collect();
                    sort_ranked(&mut ranked);
                    let rows = ranked.into_iter().map(|(r, _)| r).collect();
                    (Confidence::CodeOnly, Vec::new(), rows)
                }
            }
        };
        let vendor = matches
            .first()
            .map(|&r| self.vendor_id(self.index.row_vendor(r)));
        Some(FoundError {
            code: g.code,
            message: g.message,
            http_status: status,
            vendor,
            evidence,
            match_rows: matches,
            suggestion_rows: suggestions,
            ..FoundError::new(path.to_string(), confidence)
        })
    }
}
