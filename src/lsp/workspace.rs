//! The workspace's settings: `.errdex.toml` at a workspace folder's root (`vendors =
//! ["tencent-im"]`: the catalogs a code is read in first), and the client's initialization
//! options (`{"inlayHints": true, "vendors": [...]}`), which add to it.

use toml::de::{DeTable, DeValue};

/// The settings file looked for at each workspace folder's root.
pub const FILE: &str = ".errdex.toml";

/// A workspace folder and the vendors its `.errdex.toml` names.
#[derive(Debug, Clone)]
pub struct Folder {
    /// `file:///home/me/app/`, with a trailing slash, for matching document URIs.
    pub uri: String,
    pub vendors: Vec<String>,
}

/// The vendors a `.errdex.toml` names, and what in it could not be read.
pub fn parse(text: &str) -> (Vec<String>, Vec<String>) {
    let mut warnings = Vec::new();
    let table = match DeTable::parse(text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let message = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            return (
                Vec::new(),
                vec![format!("{FILE}: {message}; the file is not used")],
            );
        }
    };
    let mut vendors = Vec::new();
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "vendors" => match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match item.get_ref() {
                            DeValue::String(s) => vendors.push(s.to_string()),
                            _ => warnings.push(format!(
                                "{FILE}: vendors: each item is a vendor id (a string)"
                            )),
                        }
                    }
                }
                DeValue::String(s) => vendors.push(s.to_string()),
                _ => warnings.push(format!("{FILE}: vendors is a list of vendor ids")),
            },
            other => warnings.push(format!(
                "{FILE}: unknown setting `{}` (errdex reads `vendors`)",
                crate::sanitize::line(other)
            )),
        }
    }
    (vendors, warnings)
}

/// The local path of a `file://` URI (percent-decoded); `None` for other schemes.
pub fn path_of(uri: &str) -> Option<std::path::PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://host/path`: only the local host is read.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(at) if &rest[..at] == "localhost" => &rest[at..],
        _ => return None,
    };
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(std::path::PathBuf::from(std::ffi::OsString::from_vec(out)))
    }
    #[cfg(not(unix))]
    {
        Some(std::path::PathBuf::from(
            String::from_utf8_lossy(&out).into_owned(),
        ))
    }
}

/// Reads the folder's `.errdex.toml`, if it has one (a regular file, at most 64 KB).
pub fn read(uri: &str) -> (Folder, Vec<String>) {
    let mut folder = Folder {
        uri: if uri.ends_with('/') {
            uri.to_string()
        } else {
            format!("{uri}/")
        },
        vendors: Vec::new(),
    };
    let Some(dir) = path_of(uri) else {
        return (folder, Vec::new());
    };
    let path = dir.join(FILE);
    let regular = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= 64 * 1024);
    if !regular {
        return (folder, Vec::new());
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let (vendors, warnings) = parse(&text);
            folder.vendors = vendors;
            (folder, warnings)
        }
        Err(e) => (folder, vec![format!("cannot read {}: {e}", path.display())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendors_are_read_and_the_rest_is_warned_about() {
        let (v, w) = parse("vendors = [\"tencent-im\", \"pixnet\"]\n");
        assert_eq!(
            (v, w.len()),
            (vec!["tencent-im".to_string(), "pixnet".to_string()], 0)
        );
        let (v, w) = parse("vendor = \"x\"\n");
        assert!(
            v.is_empty() && w[0].contains("unknown setting `vendor`"),
            "{w:?}"
        );
        let (_, w) = parse("vendors = [\n");
        assert!(w[0].contains("not used"), "{w:?}");
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            path_of("file:///a%20b/c").unwrap(),
            std::path::Path::new("/a b/c")
        );
        assert_eq!(path_of("untitled:1"), None);
    }
}
