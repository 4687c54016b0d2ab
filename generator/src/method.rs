//! HTTP methods: the ones an endpoint can have, read once from the doc's text.
//!
//! This module is a leaf: it imports nothing from its siblings.

use std::fmt;

/// The HTTP methods an endpoint can have (what the runtime can send).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
    /// Any other method a reference names (Swift's `COPY`).
    Extension(MethodToken),
}

/// An extension method's name: an RFC 7230 token of at most
/// [`MethodToken::MAX_LEN`] bytes, kept inline so that [`Method`] stays `Copy`
/// (naming and the model pass methods around by value).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MethodToken {
    bytes: [u8; MethodToken::MAX_LEN],
    len: u8,
}

impl MethodToken {
    /// The longest extension method kept; real ones (`COPY`, `PROPFIND`) are short.
    pub const MAX_LEN: usize = 32;

    /// `text` if it is a token no longer than [`MethodToken::MAX_LEN`].
    pub fn new(text: &str) -> Option<MethodToken> {
        let is_token = !text.is_empty()
            && text.len() <= Self::MAX_LEN
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
        if !is_token {
            return None;
        }
        let mut bytes = [0; Self::MAX_LEN];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(MethodToken {
            bytes,
            len: u8::try_from(text.len()).ok()?,
        })
    }

    /// The name as written (`COPY`).
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Debug for MethodToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Method {
    /// The usual methods, in the order messages list them.
    pub const ALL: [Method; 6] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Delete,
        Method::Patch,
        Method::Head,
    ];

    /// `GET`, `POST`, ... as a doc writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Extension(token) => token.as_str(),
        }
    }

    /// One of the usual methods, exactly as written (upper case), if it is one.
    /// The grid-table docs only use these, so anything else there is a typo.
    pub fn from_doc(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// Any method a reference may name: one of the usual ones, or an extension
    /// method if `text` is an RFC 7230 token (case matters: `get` is not `GET`)
    /// of at most [`MethodToken::MAX_LEN`] bytes.
    pub fn from_token(text: &str) -> Option<Method> {
        Method::from_doc(text).or_else(|| MethodToken::new(text).map(Method::Extension))
    }

    /// The accepted methods, for messages: `GET, POST, PUT, DELETE, PATCH or HEAD`.
    pub fn accepted() -> String {
        let names: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_methods_and_the_usual_ones_their_variants() {
        assert_eq!(Method::from_token("PATCH"), Some(Method::Patch));
        let copy = Method::from_token("COPY").expect("a token");
        assert_eq!(copy.to_string(), "COPY");
        assert!(matches!(copy, Method::Extension(t) if t.as_str() == "COPY"));
        assert_eq!(Method::from_token("GE(T)"), None);
        assert_eq!(Method::from_token(""), None);
        assert_eq!(Method::from_token(&"X".repeat(33)), None);
        assert!(Method::from_token(&"X".repeat(32)).is_some());
        assert_eq!(Method::from_doc("COPY"), None);
    }
}
