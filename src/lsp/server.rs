//! The protocol: the lifecycle (initialize, shutdown, exit), open documents kept in step with
//! the editor, and the requests errdex answers (hover, inlay hints, code actions and the
//! command they run). Requests are answered one at a time, in order, on the thread that reads
//! them: each takes well under a millisecond once the catalogs are loaded.

use super::actions;
use super::catalogs::Catalogs;
use super::document::{Document, Encoding};
use super::evidence::{self, Evidence};
use super::logs;
use super::render;
use super::resolve::{self, Choice, Resolved};
use super::scan::Scan;
use super::workspace::{self, Folder};
use crate::decode::Decoder;
use crate::index::Index;
use crate::snippet::Lang;
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeActionParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, ExecuteCommandParams, Hover, HoverContents, HoverParams, InlayHint,
    InlayHintLabel, InlayHintParams, MarkupContent, MarkupKind, Position,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::rc::Rc;

/// The command "show every catalog's CODE" runs.
pub const SHOW_EVERYWHERE: &str = "errdex.showEverywhere";
/// Inlay hints are worked out for at most this many lines of a request's range.
const MAX_HINT_LINES: usize = 5000;
/// In a log, lines are decoded for hints over at most this many lines.
const MAX_LOG_HINT_LINES: usize = 1000;

/// The catalogs, loading on a thread of their own until first needed.
enum Loader {
    Loading(std::thread::JoinHandle<Index>),
    /// Boxed: the decoding tables are large beside a thread handle.
    Ready(&'static Catalogs, Box<Decoder<'static>>),
    Taken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Running,
    ShutDown,
}

/// What to do after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Continue,
    /// `exit` was received: the process exits with this code (0 after `shutdown`).
    Exit(i32),
}

struct Open {
    doc: Document,
    /// Worked out on first need, dropped at each change.
    evidence: Option<Rc<Evidence>>,
    uri: lsp_types::Uri,
}

pub struct Server {
    loader: Loader,
    state: State,
    encoding: Encoding,
    docs: HashMap<String, Open>,
    folders: Vec<Folder>,
    /// Vendors the client's settings name, for every folder.
    option_vendors: Vec<String>,
    inlay_hints: bool,
    /// Messages to send: responses and notifications, in order.
    outbox: Vec<Value>,
}

impl Server {
    /// A server whose catalogs come from `load`, run on a thread of its own at once so that
    /// `initialize` is answered before they are ready.
    pub fn new(load: impl FnOnce() -> Index + Send + 'static) -> Server {
        let handle = std::thread::Builder::new()
            .name("errdex-lsp-load".into())
            .spawn(load)
            .expect("a thread to load the catalogs");
        Server {
            loader: Loader::Loading(handle),
            state: State::Waiting,
            encoding: Encoding::Utf16,
            docs: HashMap::new(),
            folders: Vec::new(),
            option_vendors: Vec::new(),
            inlay_hints: false,
            outbox: Vec::new(),
        }
    }

    /// The messages to send since the last call.
    pub fn take_outbox(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.outbox)
    }

    fn respond(&mut self, response: Response) {
        self.send(Message::Response(response));
    }

    fn send(&mut self, message: Message) {
        let mut value = serde_json::to_value(&message).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.insert("jsonrpc".into(), "2.0".into());
        }
        self.outbox.push(value);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn show_message(&mut self, kind: u8, text: &str) {
        self.notify("window/showMessage", json!({"type": kind, "message": text}));
    }

    fn catalogs(&mut self) -> Option<(&'static Catalogs, &Decoder<'static>)> {
        if let Loader::Loading(_) = self.loader {
            let Loader::Loading(handle) = std::mem::replace(&mut self.loader, Loader::Taken) else {
                return None;
            };
            match handle.join() {
                Ok(index) => {
                    let catalogs: &'static Catalogs = Box::leak(Box::new(Catalogs::new(index)));
                    self.loader = Loader::Ready(catalogs, Box::new(catalogs.decoder()));
                }
                Err(_) => {
                    self.show_message(1, "errdex: the catalogs could not be loaded");
                }
            }
        }
        match &self.loader {
            Loader::Ready(c, d) => Some((*c, &**d)),
            _ => None,
        }
    }

    /// Handles one message.
    pub fn handle(&mut self, message: Message) -> Step {
        match message {
            Message::Request(req) => {
                let id = req.id.clone();
                let method = req.method.clone();
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(req)));
                match outcome {
                    Ok(Ok(Some(result))) => self.respond(Response::new_ok(id, result)),
                    Ok(Ok(None)) => {}
                    Ok(Err((code, message))) => {
                        self.respond(Response::new_err(id, code as i32, message))
                    }
                    Err(_) => self.respond(Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("errdex failed on {method}; the server goes on"),
                    )),
                }
                Step::Continue
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Step::Exit(if self.state == State::ShutDown { 0 } else { 1 });
                }
                let _ =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n)));
                Step::Continue
            }
            // Answers to requests errdex never sends.
            Message::Response(_) => Step::Continue,
        }
    }

    /// The result of a request (`None`: answered already), or an error.
    fn request(&mut self, req: Request) -> Result<Option<Value>, (ErrorCode, String)> {
        match (self.state, req.method.as_str()) {
            (State::Waiting, "initialize") => {
                let result = self.initialize(&req.params);
                self.state = State::Running;
                return Ok(Some(result));
            }
            (State::Waiting, _) => {
                return Err((ErrorCode::ServerNotInitialized, "initialize first".into()));
            }
            (_, "initialize") => {
                return Err((
                    ErrorCode::InvalidRequest,
                    "initialize was received already".into(),
                ));
            }
            (State::ShutDown, _) => {
                return Err((ErrorCode::InvalidRequest, "the server is shut down".into()));
            }
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                return Ok(Some(Value::Null));
            }
            _ => {}
        }
        let params = req.params;
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        match req.method.as_str() {
            "textDocument/hover" => {
                let p: HoverParams = serde_json::from_value(params).map_err(bad)?;
                let hover = self.hover(&p);
                Ok(Some(serde_json::to_value(hover).unwrap_or(Value::Null)))
            }
            "textDocument/inlayHint" => {
                let p: InlayHintParams = serde_json::from_value(params).map_err(bad)?;
                let hints = self.inlay_hints(&p);
                Ok(Some(serde_json::to_value(hints).unwrap_or(Value::Null)))
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                let actions = self.code_actions(&p);
                Ok(Some(serde_json::to_value(actions).unwrap_or(Value::Null)))
            }
            "workspace/executeCommand" => {
                let p: ExecuteCommandParams = serde_json::from_value(params).map_err(bad)?;
                self.execute(&p).map(Some)
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("errdex does not answer {}", crate::sanitize::line(other)),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        if self.state != State::Running {
            return;
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let key = d.uri.as_str().to_string();
                    let doc = Document::new(&key, &d.language_id, d.version, d.text);
                    self.docs.insert(
                        key,
                        Open {
                            doc,
                            evidence: None,
                            uri: d.uri,
                        },
                    );
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let encoding = self.encoding;
                    if let Some(open) = self.docs.get_mut(p.text_document.uri.as_str()) {
                        for change in p.content_changes {
                            open.doc.apply(change, encoding);
                        }
                        open.doc.version = p.text_document.version;
                        open.evidence = None;
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.docs.remove(p.text_document.uri.as_str());
                }
            }
            "workspace/didChangeConfiguration" => {
                let settings = n.params.get("settings").cloned().unwrap_or(Value::Null);
                let settings = settings.get("errdex").cloned().unwrap_or(settings);
                self.apply_options(&settings);
            }
            _ => {}
        }
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let caps = &params["capabilities"];
        let encodings = caps["general"]["positionEncodings"].as_array();
        if encodings.is_some_and(|e| e.iter().any(|x| x == "utf-8")) {
            self.encoding = Encoding::Utf8;
        }
        let mut roots: Vec<String> = params["workspaceFolders"]
            .as_array()
            .map(|f| {
                f.iter()
                    .filter_map(|x| x["uri"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if roots.is_empty()
            && let Some(root) = params["rootUri"].as_str()
        {
            roots.push(root.to_string());
        }
        let mut warnings = Vec::new();
        for root in roots {
            let (folder, w) = workspace::read(&root);
            warnings.extend(w);
            self.folders.push(folder);
        }
        // The longest folder first: a document belongs to the innermost one.
        self.folders.sort_by_key(|f| std::cmp::Reverse(f.uri.len()));
        self.apply_options(&params["initializationOptions"]);
        for w in warnings {
            self.show_message(2, &format!("errdex: {w}"));
        }
        let encoding = match self.encoding {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        };
        json!({
            "capabilities": {
                "positionEncoding": encoding,
                "textDocumentSync": {"openClose": true, "change": 2},
                "hoverProvider": true,
                "inlayHintProvider": true,
                "codeActionProvider": {"codeActionKinds": ["quickfix", "refactor"]},
                "executeCommandProvider": {"commands": [SHOW_EVERYWHERE]},
            },
            "serverInfo": {"name": "errdex", "version": env!("CARGO_PKG_VERSION")},
        })
    }

    /// `{"inlayHints": true, "vendors": ["pixnet"]}` from the client.
    fn apply_options(&mut self, options: &Value) {
        let hints = options
            .get("inlayHints")
            .or_else(|| options.get("inlay_hints"));
        if let Some(on) = hints.and_then(|v| v.as_bool().or_else(|| v.get("enabled")?.as_bool())) {
            self.inlay_hints = on;
        }
        if let Some(list) = options.get("vendors").and_then(Value::as_array) {
            self.option_vendors = list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
        }
    }

    /// The vendors named for the document (its folder's `.errdex.toml` and the client's
    /// settings), as vendor indexes.
    fn workspace_vendors(&self, catalogs: &Catalogs, uri: &str) -> Vec<usize> {
        let folder = self.folders.iter().find(|f| uri.starts_with(&f.uri));
        folder
            .map(|f| f.vendors.as_slice())
            .unwrap_or_default()
            .iter()
            .chain(&self.option_vendors)
            .filter_map(|name| catalogs.index.find_vendor(name))
            .collect()
    }

    fn evidence(&mut self, uri: &str, catalogs: &Catalogs) -> Option<Rc<Evidence>> {
        let open = self.docs.get_mut(uri)?;
        if open.evidence.is_none() {
            let data = is_data(&open.doc);
            open.evidence = Some(Rc::new(evidence::evidence(&open.doc, catalogs, data)));
        }
        open.evidence.clone()
    }

    /// Everything known at a position of a document: the resolved code there and its span.
    pub fn at(
        &mut self,
        uri: &str,
        pos: Position,
    ) -> Option<(usize, std::ops::Range<usize>, Resolved)> {
        let (catalogs, _) = self.catalogs()?;
        let evidence = self.evidence(uri, catalogs)?;
        let workspace = self.workspace_vendors(catalogs, uri);
        let encoding = self.encoding;
        let Loader::Ready(_, decoder) = &self.loader else {
            return None;
        };
        let open = self.docs.get(uri)?;
        let doc = &open.doc;
        let n = pos.line as usize;
        if n >= doc.line_count() {
            return None;
        }
        let line = doc.line(n);
        let col = doc.column(line, pos.character, encoding);
        if logs::is_log(doc) {
            let found = logs::errors(doc, n, catalogs, decoder)
                .into_iter()
                .find(|e| e.span.start <= col && col <= e.span.end);
            if let Some(e) = found {
                return Some((n, e.span, e.resolved));
            }
        }
        let scan = Scan {
            hash_comments: super::lex::hash_comments(&doc.language),
            enum_types: &evidence.enum_types,
            go_prefixes: &evidence.go_prefixes,
        };
        let choice = Choice {
            workspace: &workspace,
            evidence: &evidence,
            lang: lang_of(doc),
        };
        scan.line(doc, n)
            .into_iter()
            .filter(|f| f.span.start <= col && col <= f.span.end)
            .find_map(|f| {
                let r = resolve::resolve(&f, catalogs, &choice)?;
                Some((n, f.span, r))
            })
    }

    fn hover(&mut self, p: &HoverParams) -> Option<Hover> {
        let uri = p.text_document_position_params.text_document.uri.as_str();
        let pos = p.text_document_position_params.position;
        let (n, span, resolved) = self.at(uri, pos)?;
        let (catalogs, _) = self.catalogs()?;
        let doc = &self.docs.get(uri)?.doc;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: render::hover(catalogs, &resolved),
            }),
            range: Some(doc.range(n, span.start, span.end, self.encoding)),
        })
    }

    fn inlay_hints(&mut self, p: &InlayHintParams) -> Vec<InlayHint> {
        if !self.inlay_hints {
            return Vec::new();
        }
        let uri = p.text_document.uri.as_str();
        let Some((catalogs, _)) = self.catalogs() else {
            return Vec::new();
        };
        let Some(evidence) = self.evidence(uri, catalogs) else {
            return Vec::new();
        };
        let workspace = self.workspace_vendors(catalogs, uri);
        let encoding = self.encoding;
        let Loader::Ready(_, decoder) = &self.loader else {
            return Vec::new();
        };
        let Some(open) = self.docs.get(uri) else {
            return Vec::new();
        };
        let doc = &open.doc;
        let first = p.range.start.line as usize;
        let last = (p.range.end.line as usize).min(doc.line_count().saturating_sub(1));
        let mut hints = Vec::new();
        let mut push = |n: usize, end: usize, label: String, tooltip: String| {
            let line = doc.line(n);
            hints.push(InlayHint {
                position: Position::new(n as u32, Document::character(line, end, encoding)),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: Some(lsp_types::InlayHintTooltip::String(tooltip)),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        };
        if logs::is_log(doc) {
            for n in first..=last.min(first + MAX_LOG_HINT_LINES) {
                for e in logs::errors(doc, n, catalogs, decoder) {
                    let written = &doc.line(n)[e.span.clone()];
                    if let Some(label) = render::hint_label(catalogs, &e.resolved, written) {
                        push(n, e.span.end, label, tooltip(catalogs, &e.resolved));
                    }
                }
            }
            return hints;
        }
        let scan = Scan {
            hash_comments: super::lex::hash_comments(&doc.language),
            enum_types: &evidence.enum_types,
            go_prefixes: &evidence.go_prefixes,
        };
        let choice = Choice {
            workspace: &workspace,
            evidence: &evidence,
            lang: lang_of(doc),
        };
        for n in first..=last.min(first + MAX_HINT_LINES) {
            for f in scan.line(doc, n) {
                if matches!(f.code, super::scan::Code::Member { .. }) {
                    continue;
                }
                let Some(r) = resolve::resolve(&f, catalogs, &choice) else {
                    continue;
                };
                if let Some(label) = render::hint_label(catalogs, &r, f.code.written()) {
                    push(n, f.span.end, label, tooltip(catalogs, &r));
                }
            }
        }
        hints
    }

    fn code_actions(&mut self, p: &CodeActionParams) -> Vec<Value> {
        let uri = p.text_document.uri.as_str();
        let Some((n, _, resolved)) = self.at(uri, p.range.start) else {
            return Vec::new();
        };
        let Some((catalogs, _)) = self.catalogs() else {
            return Vec::new();
        };
        let Some(open) = self.docs.get(uri) else {
            return Vec::new();
        };
        actions::actions(catalogs, &open.doc, &open.uri, n, &resolved, self.encoding)
    }

    fn execute(&mut self, p: &ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        if p.command != SHOW_EVERYWHERE {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command {}", crate::sanitize::line(&p.command)),
            ));
        }
        let Some(code) = p.arguments.first().and_then(Value::as_str) else {
            return Err((ErrorCode::InvalidParams, "the command takes a code".into()));
        };
        let Some((catalogs, _)) = self.catalogs() else {
            return Err((
                ErrorCode::InternalError,
                "the catalogs are not loaded".into(),
            ));
        };
        let text = render::everywhere(catalogs, code);
        self.show_message(3, &text);
        Ok(Value::String(text))
    }
}

/// A hint's tooltip: the catalog, code and what it means.
fn tooltip(catalogs: &Catalogs, r: &Resolved) -> String {
    let Some(row) = r.groups.first().and_then(|g| g.rows.first()) else {
        return String::new();
    };
    let e = catalogs.index.get(*row);
    let head = e
        .entry
        .summary_en
        .clone()
        .unwrap_or_else(|| e.entry.headline());
    crate::sanitize::line(&format!("{} {}: {head}", e.vendor.name, e.entry.code)).into_owned()
}

/// The snippet language of a document, from its language id (else its extension).
pub fn lang_of(doc: &Document) -> Option<Lang> {
    Lang::of_file(&doc.language, &doc.extension)
}

/// Data files (fixtures) the decoder reads whole for evidence.
fn is_data(doc: &Document) -> bool {
    matches!(
        doc.language.as_str(),
        "json" | "jsonc" | "jsonl" | "yaml" | "json5"
    ) || matches!(
        doc.extension.as_str(),
        "json" | "jsonl" | "ndjson" | "yaml" | "yml" | "har"
    )
}
