//! A doc's bytes as numbered lines.
//!
//! The UTF-8 check happens once, here, so it can point at the exact bad byte; every
//! later step works on `&str` lines and counts columns in characters, which is what
//! an editor shows (the corpus has `±` inside tables).

use crate::diagnostic::Diagnostic;
use crate::text::trim;

/// One line of the doc, without its line ending.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based.
    pub number: usize,
    pub text: &'a str,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        trim(self.text).is_empty()
    }

    /// The 1-based column just past the line's last character, for "ends here" errors.
    pub fn end_column(&self) -> usize {
        self.text.chars().count() + 1
    }
}

/// Splits the doc into lines, accepting `\n` and `\r\n` endings and a leading BOM.
pub(crate) fn split_lines<'a>(file: &str, bytes: &'a [u8]) -> Result<Vec<Line<'a>>, Diagnostic> {
    let text = std::str::from_utf8(bytes).map_err(|e| bad_utf8(file, bytes, e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            number: i + 1,
            text: raw.strip_suffix('\r').unwrap_or(raw),
        })
        .collect())
}

fn bad_utf8(file: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let valid = bytes.get(..valid_up_to).unwrap_or_default();
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let valid = std::str::from_utf8(valid).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
    let column = valid.get(line_start..).unwrap_or_default().chars().count() + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
    Diagnostic::error(
        file,
        line,
        column,
        format!(
            "the doc is not valid UTF-8: byte 0x{byte:02X} cannot start or continue a character here"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lf_give_the_same_lines() {
        let lines = split_lines("a.rst", b"one\r\ntwo\nthree").unwrap();
        let texts: Vec<_> = lines.iter().map(|l| (l.number, l.text)).collect();
        assert_eq!(texts, [(1, "one"), (2, "two"), (3, "three")]);
    }

    #[test]
    fn bad_utf8_points_at_the_byte_in_characters() {
        let err = split_lines("a.rst", b"ok\n\xC2\xB1x\xFFy").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("0xFF"), "{}", err.message);
        assert!(err.is_error());
    }

    #[test]
    fn truncated_multibyte_char_at_the_end_is_reported() {
        let err = split_lines("a.rst", b"ab\xC2").unwrap_err();
        assert_eq!((err.line, err.column), (1, 3));
    }
}
