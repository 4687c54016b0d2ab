//! The HTTP methods OpenStack API references use. A leaf: [`Operation`](crate::Operation)
//! names its method and [`TransportError`](crate::TransportError) reports it, so it lives
//! apart from both.

use std::fmt;

/// The HTTP methods OpenStack API references use.
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
        }
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
            Method::Head => reqwest::Method::HEAD,
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
    fn method_names() {
        assert_eq!(Method::Put.to_string(), "PUT");
        assert_eq!(Method::Head.to_reqwest(), reqwest::Method::HEAD);
    }
}
