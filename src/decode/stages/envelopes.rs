//! What one object of a document is: an error of the vendor whose envelope it shows, a success
//! body, or an error no envelope names (see `bodies`).

use super::documents::join_keys;
use crate::decode::envelope::{self, Fit, Spec, Verdict};
use crate::decode::lenient::Value;
use crate::decode::matching::{Identified, sort_ranked};
use crate::decode::report::{Confidence, FoundError};
use crate::decode::{Decoder, weigh};
use crate::index::RowId;
use crate::index::messages::tokenize;

/// The envelope an object showed: whose, and whether few other APIs share it.
#[derive(Clone, Copy)]
struct Shape {
    vendor: usize,
    distinctive: bool,
}

impl Decoder<'_> {
    /// Whether `obj` is an error (`Some`, with the errors it holds), a success body
    /// (`Some(empty)`: nothing to report, nothing to look into), or neither (`None`).
    pub(super) fn examine(
        &self,
        obj: &Value,
        path: &str,
        status_line: Option<u16>,
    ) -> Option<Vec<FoundError>> {
        let status = status_line.or_else(|| envelope::status_in(obj));
        let fits: Vec<Fit> = self.specs.iter().map(|s| s.fit(obj, status)).collect();

        // An envelope whose evidence the body shows names the vendor: the best of those.
        let best = fits
            .iter()
            .enumerate()
            .filter(|(_, f)| f.decides())
            .max_by_key(|(i, f)| (f.score, std::cmp::Reverse(*i)));
        if let Some((i, fit)) = best {
            let errors = self.vendor_errors(&self.specs[i], fit, path, status);
            // Not this vendor's after all: what the body says without its envelope.
            if errors
                .first()
                .is_some_and(|e| e.confidence == Confidence::Contradicted)
            {
                let other = self
                    .generic_error(envelope::generic(obj), path, status)
                    .filter(|e| e.confidence.identified());
                if let Some(e) = other {
                    return Some(vec![e]);
                }
            }
            return Some(errors);
        }
        let g = envelope::generic(obj);
        let success = fits.iter().any(|f| f.verdict == Verdict::Success)
            || g.message.as_deref().is_some_and(envelope::says_success)
            || (g.code.as_deref().is_some_and(envelope::looks_like_success) && !g.error_key);
        if success {
            return Some(Vec::new());
        }
        if let Some(errors) = self.platform_errors(obj, path) {
            return Some(errors);
        }
        if let Some(e) = self.problem(obj, path) {
            return Some(vec![e]);
        }
        let e = self.generic_error(g, path, status)?;
        // A status beside a code no catalog has (Twilio's `{"code": 20003, "status": 401}`):
        // the HTTP error is known even when the code is not.
        let beside = envelope::status_in(obj).filter(|s| (400..=599).contains(s));
        if let Some(s) =
            beside.filter(|_| e.confidence == Confidence::NotInCatalog && e.vendor.is_none())
        {
            let http = self.http_error(
                s,
                None,
                path.to_string(),
                vec![format!("status: {s}")],
                false,
            );
            return Some(vec![e, http]);
        }
        Some(vec![e])
    }

    /// The error (and its items) of an object whose envelope named the vendor.
    fn vendor_errors(
        &self,
        spec: &Spec,
        fit: &Fit,
        path: &str,
        status: Option<u16>,
    ) -> Vec<FoundError> {
        let vendor = spec.vendor;
        let shape = Shape {
            vendor,
            distinctive: spec.distinctive,
        };
        let mut out = vec![self.vendor_error(
            fit.code.clone(),
            fit.message.clone(),
            status,
            shape,
            join_keys(path, &fit.at),
            None,
            fit.evidence.clone(),
        )];
        if let (Some(items), Some((keys, list))) = (&spec.items, &fit.items) {
            let list_path = join_keys(path, keys);
            for (i, item) in list.iter().enumerate() {
                let get = |p: &Option<envelope::Path>| {
                    p.as_ref()
                        .and_then(|p| envelope::resolve(item, p))
                        .map(|(_, v)| v)
                };
                let code =
                    envelope::resolve(item, &items.code).and_then(|(_, v)| envelope::code_text(v));
                let message = get(&items.message).and_then(envelope::message_text);
                let field = get(&items.field).and_then(envelope::message_text);
                if code.is_none() && message.is_none() {
                    continue;
                }
                let mut evidence = fit.evidence.clone();
                evidence.push(format!("item {i} of {}", keys.join(".")));
                out.push(self.vendor_error(
                    code,
                    message,
                    status,
                    shape,
                    format!("{list_path}[{i}]"),
                    field,
                    evidence,
                ));
            }
        }
        out
    }

    /// An error of a vendor the envelope named: its entry by code (the message and status
    /// ranking a code listed twice), or without a code, by a message naming one entry. A
    /// message that shares nothing with the code's entry weighs against it (see [`weigh`]).
    #[allow(clippy::too_many_arguments)]
    fn vendor_error(
        &self,
        code: Option<String>,
        message: Option<String>,
        status: Option<u16>,
        shape: Shape,
        path: String,
        field: Option<String>,
        mut evidence: Vec<String>,
    ) -> FoundError {
        let vendor = shape.vendor;
        let q = message.as_deref().map(|m| tokenize(m, false));
        let mut note = None;
        let (confidence, ranked, suggestions) = match &code {
            Some(code) => {
                let mut ranked: Vec<(RowId, f32)> = self
                    .rows_with_code(code, true)
                    .into_iter()
                    .filter(|&r| self.index.row_vendor(r) == vendor)
                    .map(|r| {
                        let score =
                            self.score_row(r, q.as_ref().map(|q| q.toks.as_slice()), status);
                        (r, score)
                    })
                    .collect();
                sort_ranked(&mut ranked);
                match ranked.first() {
                    Some(&(top, _)) => {
                        let agrees = q.as_ref().is_some_and(|q| self.agrees(&q.toks, top));
                        let rows: Vec<RowId> = ranked.iter().map(|&(r, _)| r).collect();
                        let weight = match &message {
                            _ if agrees => weigh::Weight::Agrees,
                            Some(m) => weigh::weigh(m, weigh::entry_texts(self.index, &rows)),
                            None => weigh::Weight::Open,
                        };
                        match weight {
                            weigh::Weight::Agrees => {
                                evidence.push("message agrees with the catalog".into());
                                (Confidence::EnvelopeCodeMessage, ranked, Vec::new())
                            }
                            weigh::Weight::Open => (Confidence::EnvelopeCode, ranked, Vec::new()),
                            weigh::Weight::Contradicts => {
                                let says = weigh::entry_says(self.index, top);
                                evidence.push("message shares nothing with the catalog's".into());
                                if shape.distinctive {
                                    note = Some(format!("the message differs: {says}"));
                                    (Confidence::EnvelopeCodeMessageDiffers, ranked, Vec::new())
                                } else {
                                    let name = &self.index.vendor_table(vendor).vendor().name;
                                    note = Some(format!("shaped like {name}'s errors, but {says}"));
                                    let mut near = rows;
                                    for r in self.suggest(None, message.as_deref(), None) {
                                        if !near.contains(&r) {
                                            near.push(r);
                                        }
                                    }
                                    (Confidence::Contradicted, Vec::new(), near)
                                }
                            }
                        }
                    }
                    None => {
                        let near = self.suggest(Some(code), message.as_deref(), Some(vendor));
                        (Confidence::NotInCatalog, Vec::new(), near)
                    }
                }
            }
            None => match q.as_ref().map(|q| self.identify(q, Some(vendor))) {
                Some(Identified::One(rows)) => {
                    evidence.push("message names one entry".into());
                    let ranked = rows.into_iter().map(|r| (r, 1.0)).collect();
                    (Confidence::EnvelopeMessage, ranked, Vec::new())
                }
                Some(Identified::Several(rows)) => (Confidence::Ambiguous, Vec::new(), rows),
                _ => {
                    let near = self.suggest(None, message.as_deref(), Some(vendor));
                    (Confidence::NotInCatalog, Vec::new(), near)
                }
            },
        };
        let named = confidence != Confidence::Contradicted;
        FoundError {
            code,
            message,
            http_status: status,
            vendor: named.then(|| self.vendor_id(vendor)),
            field,
            evidence,
            note,
            match_rows: ranked.into_iter().map(|(r, _)| r).collect(),
            suggestion_rows: suggestions,
            ..FoundError::new(path, confidence)
        }
    }
}
