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
}

impl Method {
    /// Every method, in the order messages list them.
    pub const ALL: [Method; 6] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Delete,
        Method::Patch,
        Method::Head,
    ];

    /// `GET`, `POST`, ... as a doc writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
        }
    }

    /// The method a doc names, exactly as written (upper case), if it is one.
    pub fn from_doc(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == text)
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
