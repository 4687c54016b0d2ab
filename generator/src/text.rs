//! Trimming that stays fast in an unoptimised build.
//!
//! The macro runs unoptimised in a default debug build, and so does `str::trim`
//! there: it is inlined into this crate and decodes every character of the ends to
//! ask Unicode whether it is whitespace, and a reference trims every line of its
//! `.inc` files and of `parameters.yaml` and every description. These give
//! `str::trim`'s answer, but look at bytes while the ends are ASCII, which they
//! nearly always are.

/// `s.trim()`.
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `s.trim_start()`.
pub fn trim_start(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() && is_ascii_space(bytes[at]) {
        at += 1;
    }
    match bytes.get(at) {
        Some(b) if !b.is_ascii() => s[at..].trim_start(),
        _ => &s[at..],
    }
}

/// `s.trim_end()`.
pub fn trim_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while end > 0 && is_ascii_space(bytes[end - 1]) {
        end -= 1;
    }
    match end.checked_sub(1).map(|last| bytes[last]) {
        Some(b) if !b.is_ascii() => s[..end].trim_end(),
        _ => &s[..end],
    }
}

/// The ASCII characters `char::is_whitespace` accepts (vertical tab included,
/// which `u8::is_ascii_whitespace` leaves out).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `- item`, `* item`, `+ item`, `1. item`, `#. item`: a line that starts an
/// item of an RST (and Markdown) list, which docs keep on a line of its own.
pub fn starts_list_item(line: &str) -> bool {
    if ["- ", "* ", "+ ", "#. "]
        .iter()
        .any(|b| line.starts_with(b))
    {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_trim() {
        for s in [
            "",
            " ",
            "plain",
            "  two words \t\r\n",
            "\x0bvertical tab\x0b",
            "\u{a0}no-break space\u{a0}",
            " \u{2003} em space inside \u{2003} ",
            "é at the ends é",
            "  ✓",
            "\u{3000}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
        }
    }
}
