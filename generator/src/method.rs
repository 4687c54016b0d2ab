//! HTTP methods: the ones an endpoint can have, read once from the doc's text.
//!
//! This module is a leaf: it imports nothing from its siblings.

use std::fmt;

/// The HTTP methods an endpoint can have (what the runtime can send).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// Any other method a reference names (Swift's `COPY`): an RFC 7230 token,
    /// checked by [`Method::from_token`].
    Extension(String),
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
            Method::Extension(name) => name,
        }
    }

    /// One of the usual methods, exactly as written (upper case), if it is one.
    /// The grid-table docs only use these, so anything else there is a typo.
    pub fn from_doc(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// Any method a reference may name: one of the usual ones, or an extension
    /// method if `text` is an RFC 7230 token (case matters: `get` is not `GET`).
    pub fn from_token(text: &str) -> Option<Method> {
        let is_token = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
        Method::from_doc(text).or_else(|| is_token.then(|| Method::Extension(text.to_owned())))
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
        assert_eq!(
            Method::from_token("COPY"),
            Some(Method::Extension("COPY".into()))
        );
        assert_eq!(Method::from_token("GE(T)"), None);
        assert_eq!(Method::from_token(""), None);
        assert_eq!(Method::from_doc("COPY"), None);
        assert_eq!(Method::Extension("COPY".into()).to_string(), "COPY");
    }
}
