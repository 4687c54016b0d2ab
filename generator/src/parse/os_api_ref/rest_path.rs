//! Reading the path of a `rest_method` line as Sphinx shows it: a reader sees the
//! path the reference writes, so that path is the one sent, except for what a URL
//! cannot hold or what is plainly not part of the path. Each such change is a
//! [`Fix`] the caller reports as a warning at its column:
//!
//! - a query written into the path (`.../websso?origin=...`) is left out: its
//!   parameters are in the `rest_parameters` list;
//! - invisible characters (zero-width space U+200B, joiners U+200C/U+200D, the
//!   byte-order mark U+FEFF) are left out: a reader cannot see them and a URL
//!   cannot hold them;
//! - a path without a leading `/` gets one: paths are relative to the endpoint;
//! - an unclosed `{` is closed at the end of its segment (before the next `/`,
//!   `{` or the end): `/shares/{share_id/export` reads as
//!   `/shares/{share_id}/export`. A placeholder that spans a `/`
//!   (`{tap_service_id/name}`) is closed and stays one placeholder.
//!
//! This module is a leaf: it imports nothing from its siblings.

/// The characters a path may hold that no one can see.
const INVISIBLE: [char; 4] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}'];

/// A path as it will be sent, with what was changed from the written one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CleanPath {
    pub path: String,
    /// For each byte of `path`, the byte offset in the written path it comes from
    /// (an inserted character points at where it was inserted).
    origin: Vec<usize>,
    written_len: usize,
    pub fixes: Vec<Fix>,
}

/// One change: where in the written path (byte offset) and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fix {
    pub offset: usize,
    pub message: String,
}

impl CleanPath {
    /// The byte offset in the written path of byte `at` of the cleaned one.
    pub fn written_offset(&self, at: usize) -> usize {
        self.origin.get(at).copied().unwrap_or(self.written_len)
    }

    fn push(&mut self, c: char, origin: usize) {
        self.path.push(c);
        self.origin
            .extend(std::iter::repeat_n(origin, c.len_utf8()));
    }
}

/// Cleans `written` as the module says.
pub(crate) fn clean(written: &str) -> CleanPath {
    let mut out = CleanPath {
        path: String::with_capacity(written.len() + 1),
        origin: Vec::with_capacity(written.len() + 1),
        written_len: written.len(),
        fixes: Vec::new(),
    };
    let (before_query, query) = match written.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (written, None),
    };
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(before_query.len());
    for (at, c) in before_query.char_indices() {
        if INVISIBLE.contains(&c) {
            out.fixes.push(Fix {
                offset: at,
                message: format!(
                    "the path holds an invisible character (U+{:04X}) that a URL cannot hold; \
                     it is left out",
                    u32::from(c)
                ),
            });
        } else {
            chars.push((at, c));
        }
    }
    if chars.first().is_none_or(|&(_, c)| c != '/') {
        out.fixes.push(Fix {
            offset: 0,
            message: "the path does not start with `/`; paths are relative to the endpoint, \
                      so one is added"
                .to_string(),
        });
        out.push('/', 0);
    }
    let end = before_query.len();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '{' {
            let next_brace = chars[i + 1..]
                .iter()
                .position(|&(_, c)| c == '}' || c == '{')
                .map(|k| i + 1 + k);
            if next_brace.is_none_or(|k| chars[k].1 != '}') {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&(_, c)| c == '/' || c == '{')
                    .map_or(chars.len(), |k| i + 1 + k);
                for &(at, c) in &chars[i..close] {
                    out.push(c, at);
                }
                let close_at = chars.get(close).map_or(end, |&(at, _)| at);
                out.push('}', close_at);
                let name: String = chars[i + 1..close].iter().map(|&(_, c)| c).collect();
                out.fixes.push(Fix {
                    offset: at,
                    message: format!(
                        "unclosed `{{`: the placeholder is read up to the end of its segment, \
                         as `{{{name}}}`"
                    ),
                });
                i = close;
                continue;
            }
        }
        out.push(c, at);
        i += 1;
    }
    if let Some(query) = query {
        out.fixes.push(Fix {
            offset: end,
            message: format!(
                "the query `?{query}` written in the path is not part of it; generating `{}`",
                out.path
            ),
        });
    }
    out.fixes.sort_by_key(|f| f.offset);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_is_kept() {
        let c = clean("/v3/default-types/{project-id}");
        assert_eq!(c.path, "/v3/default-types/{project-id}");
        assert!(c.fixes.is_empty());
        assert_eq!(c.written_offset(18), 18);
    }

    #[test]
    fn invisible_characters_are_left_out_each_with_a_fix() {
        let written = "/v2/shares/{share_id}/\u{200B}{id}\u{FEFF}";
        let c = clean(written);
        assert_eq!(c.path, "/v2/shares/{share_id}/{id}");
        let offsets: Vec<usize> = c.fixes.iter().map(|f| f.offset).collect();
        assert_eq!(offsets, [22, 29]);
        assert!(c.fixes[0].message.contains("U+200B"), "{:?}", c.fixes);
        assert!(c.fixes[1].message.contains("U+FEFF"), "{:?}", c.fixes);
        // `{id}` starts after the 3-byte U+200B in the written path.
        assert_eq!(c.written_offset(22), 25);
    }

    #[test]
    fn an_unclosed_brace_closes_at_the_end_of_its_segment() {
        let c = clean("/shares/{share_id/export");
        assert_eq!(c.path, "/shares/{share_id}/export");
        assert_eq!(c.fixes.len(), 1);
        assert_eq!(c.fixes[0].offset, 8);
        assert!(c.fixes[0].message.contains("`{share_id}`"), "{:?}", c.fixes);
        let c = clean("/a/{x{y}");
        assert_eq!(c.path, "/a/{x}{y}");
        let c = clean("/a/{x");
        assert_eq!(c.path, "/a/{x}");
    }

    #[test]
    fn a_placeholder_may_span_a_slash() {
        let c = clean("/v2.0/taas/tap_services/{tap_service_id/name}");
        assert_eq!(c.path, "/v2.0/taas/tap_services/{tap_service_id/name}");
        assert!(c.fixes.is_empty());
    }

    #[test]
    fn a_missing_slash_is_added_and_a_query_dropped() {
        let c = clean("v3/{project_id}/workers/cleanup");
        assert_eq!(c.path, "/v3/{project_id}/workers/cleanup");
        assert_eq!(c.fixes.len(), 1);
        assert_eq!(c.written_offset(1), 0);
        let c = clean("/v3/auth/websso?origin=x");
        assert_eq!(c.path, "/v3/auth/websso");
        assert_eq!(c.fixes[0].offset, 15);
        assert!(c.fixes[0].message.contains("`?origin=x`"));
    }
}
