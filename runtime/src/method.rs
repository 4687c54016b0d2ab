//! The HTTP methods OpenStack API references use. A leaf: [`Operation`](crate::Operation)
//! names its method and [`TransportError`](crate::TransportError) reports it, so it lives
//! apart from both.

use std::fmt;

/// The HTTP methods OpenStack API references use: the usual six, or an
/// extension method a reference names (Swift's `COPY`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: read a resource or a list.
    Get,
    /// `POST`: create a resource, or run an action (`/servers/{id}/action`).
    Post,
    /// `PUT`: replace or update a resource.
    Put,
    /// `DELETE`: remove a resource.
    Delete,
    /// `PATCH`: change part of a resource (Keystone, Placement).
    Patch,
    /// `HEAD`: check that a resource exists.
    Head,
    /// Any other method, by its name as sent (`COPY`): an RFC 7230 token. A
    /// name that is not one is refused before sending, as
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) (generated code
    /// only names tokens).
    Extension(&'static str),
}

impl Method {
    /// The method's name as sent on the wire, e.g. `PUT`.
    pub const fn as_str(self) -> &'static str {
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

    /// The method for reqwest; `None` for an extension method whose name is not
    /// a token.
    pub(crate) fn to_reqwest(self) -> Option<reqwest::Method> {
        Some(match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
            Method::Head => reqwest::Method::HEAD,
            Method::Extension(name) => reqwest::Method::from_bytes(name.as_bytes()).ok()?,
        })
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
    fn method_names() {
        assert_eq!(Method::Put.to_string(), "PUT");
        assert_eq!(Method::Head.to_reqwest(), Some(reqwest::Method::HEAD));
    }

    #[test]
    fn extension_methods_are_sent_by_name() {
        let copy = Method::Extension("COPY");
        assert_eq!(copy.to_string(), "COPY");
        assert_eq!(
            copy.to_reqwest().as_ref().map(reqwest::Method::as_str),
            Some("COPY")
        );
        assert_eq!(Method::Extension("NOT A TOKEN").to_reqwest(), None);
        assert_eq!(Method::Extension("").to_reqwest(), None);
    }
}
