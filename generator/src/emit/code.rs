//! Rust source text, written directly: identifiers checked, literals escaped.
//!
//! The emitter writes text, not proc-macro2 tokens. The macro runs in a debug
//! build unless the user asks otherwise, and there a large reference is hundreds
//! of thousands of tokens, each built and then printed again for the compiler;
//! writing the text costs a fraction of that. rustc lexes the text itself (the
//! macro), and the CLI parses it with syn and prints it with prettyplease, so
//! text that is not Rust is still caught: by the compiler or as an error, never
//! written out.

use std::fmt::{self, Display, Write as _};

use crate::names::{KEYWORDS, NOT_RAW};

/// A buffer of generated Rust.
#[derive(Debug, Default)]
pub struct Code(String);

impl Code {
    pub fn new() -> Self {
        Code::default()
    }

    /// What `write!(code, ...)` calls. Writing into a `String` cannot fail, so the
    /// emitter's `write!`s need no `?` (and a failure could not be lost: there is none).
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        // `String`'s `fmt::Write` always returns `Ok`.
        let _ = self.0.write_fmt(args);
    }

    pub fn push(&mut self, text: &str) {
        self.0.push_str(text);
    }

    pub fn append(&mut self, other: Code) {
        self.0.push_str(&other.0);
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An identifier the generator made, checked (`r#type` for raw ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident(String);

impl Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An identifier from a name the generator made. Names are ASCII by construction
/// (see [`crate::names`]); anything else is an error (a generator bug) rather
/// than text that does not lex or a made-up name.
pub fn ident(name: &str) -> Result<Ident, String> {
    let valid = |s: &str| {
        s.as_bytes()
            .first()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
            && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && s != "_"
    };
    match name.strip_prefix("r#") {
        Some(raw) if valid(raw) && !NOT_RAW.contains(&raw) => Ok(Ident(name.to_owned())),
        None if valid(name) && !is_reserved(name) => Ok(Ident(name.to_owned())),
        _ => Err(format!(
            "apiref made `{name}`, which is not a Rust identifier (a bug; please report it)"
        )),
    }
}

/// A keyword cannot be a plain identifier (the names module makes them raw, or
/// `self_` for those `r#` cannot escape).
fn is_reserved(name: &str) -> bool {
    // Every keyword is a short lowercase word (or `Self`): most names are not, and
    // are told so without comparing them with each.
    let short_word = name.len() <= 8 && !name.contains('_');
    short_word && (KEYWORDS.contains(&name) || NOT_RAW.contains(&name))
}

/// A string literal, escaped the way proc-macro2 prints one (so that text and
/// tokens of the same code print alike): `"`, `\` and what is not printable
/// are escaped, `'` is not.
pub struct Str<'a>(pub &'a str);

impl Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        escaped(f, self.0)?;
        f.write_char('"')
    }
}

/// The inside of a string literal holding `text`.
fn escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if !text.contains('\0') {
        // `str`'s `Debug` escapes as proc-macro2 does but for `\0` (the test below
        // holds them to it), and, part of the standard library, it is optimized
        // in the debug build a proc macro runs in. Without its quotes.
        let quoted = format!("{text:?}");
        return f.write_str(&quoted[1..quoted.len() - 1]);
    }
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // `\0` before a digit reads as an octal escape to a person.
            '\0' if chars.as_str().starts_with(|n: char| n.is_ascii_digit()) => {
                f.write_str("\\x00")?
            }
            '\'' => f.write_char('\'')?,
            c => write!(f, "{}", c.escape_debug())?,
        }
    }
    Ok(())
}

/// The items, separated by `, ` (no trailing comma).
pub fn join<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{item}");
    }
    out
}

/// `#[doc = "..."]` lines (prettyplease prints them as `///` comments). An
/// attribute rather than a `///` line, so that no character of the text can
/// end the comment or break the lexer (a stray carriage return would).
pub struct Doc<'a>(pub &'a str);

impl Display for Doc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.0.lines() {
            // A space after `///`, as a person writes one; none on an empty line.
            let line = crate::text::trim_end(line);
            f.write_str(if line.is_empty() {
                "#[doc = \""
            } else {
                "#[doc = \" "
            })?;
            escaped(f, line)?;
            f.write_str("\"]\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_proc_macro2_prints_them() {
        for text in [
            "plain",
            "a \"quoted\" \\ path",
            "it's",
            "tab\there\nnew line\r",
            "nul\0 and \0 7",
            "\u{7f} é \u{301} ✓",
            "\u{301}x \u{200b} \u{feff}",
        ] {
            assert_eq!(
                Str(text).to_string(),
                proc_macro2::Literal::string(text).to_string(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn identifiers_are_checked_and_raw_ones_kept() {
        assert_eq!(ident("r#type").unwrap().to_string(), "r#type");
        assert_eq!(ident("host_id").unwrap().to_string(), "host_id");
        for bad in ["type", "bad-name", "", "_", "1x", "r#self", "é"] {
            let err = ident(bad).unwrap_err();
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
    }

    #[test]
    fn docs_are_attributes_one_per_line() {
        let doc = Doc("First line.\n\n`code` \"quoted\"  ").to_string();
        assert_eq!(
            doc,
            "#[doc = \" First line.\"]\n#[doc = \"\"]\n#[doc = \" `code` \\\"quoted\\\"\"]\n"
        );
    }

    #[test]
    fn write_needs_no_question_mark() {
        let mut code = Code::new();
        let name = ident("Server").unwrap();
        write!(code, "pub struct {name};");
        assert_eq!(code.into_string(), "pub struct Server;");
    }
}
