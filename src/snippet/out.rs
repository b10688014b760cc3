//! Where a writer's text goes: into a string (the explorer's preview, a copy), or on to a
//! stream in pieces, so that the enum of a large catalog is never held whole.

use std::fmt;
use std::io;

/// Text held before it goes on to the stream.
const PIECE: usize = 1 << 16;

pub(super) struct Out<'w> {
    text: String,
    sink: Option<&'w mut dyn io::Write>,
    /// The first write that failed; what comes after it is dropped.
    failed: Option<io::Error>,
}

impl<'w> Out<'w> {
    /// Text kept whole, for [`Out::into_string`].
    pub fn string() -> Out<'static> {
        Out {
            text: String::new(),
            sink: None,
            failed: None,
        }
    }

    /// Text written on to `sink` as it comes (see [`Out::finish`]).
    pub fn stream(sink: &'w mut dyn io::Write) -> Out<'w> {
        Out {
            text: String::with_capacity(PIECE + PIECE / 4),
            sink: Some(sink),
            failed: None,
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        if self.text.len() >= PIECE {
            self.pass_on();
        }
    }

    pub fn push(&mut self, c: char) {
        self.text.push(c);
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// Writes what is still held; the first error of the whole stream, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.pass_on();
        match self.failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn pass_on(&mut self) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        if self.failed.is_none()
            && let Err(e) = sink.write_all(self.text.as_bytes())
        {
            self.failed = Some(e);
        }
        self.text.clear();
    }
}

impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    fn fill(out: &mut Out) {
        for i in 0..50_000 {
            let _ = writeln!(out, "line {i}");
            out.push('·');
            out.push_str("end\n");
        }
    }

    #[test]
    fn a_stream_gets_what_a_string_holds() {
        let mut whole = Out::string();
        fill(&mut whole);
        let whole = whole.into_string();
        let mut bytes: Vec<u8> = Vec::new();
        let mut streamed = Out::stream(&mut bytes);
        fill(&mut streamed);
        streamed.finish().unwrap();
        assert!(whole.len() > 4 * PIECE);
        assert_eq!(String::from_utf8(bytes).unwrap(), whole);
    }

    #[test]
    fn the_first_write_error_is_reported() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::StorageFull, "full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut sink = Full;
        let mut out = Out::stream(&mut sink);
        fill(&mut out);
        assert_eq!(out.finish().unwrap_err().kind(), io::ErrorKind::StorageFull);
    }
}
