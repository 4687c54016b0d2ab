//! How requests are authenticated. Kept behind one small type so that Keystone
//! password / application-credential auth (with token renewal and retry-once-on-401)
//! can be added without touching the request path.

use reqwest::header::HeaderValue;

use crate::error::Error;
use crate::secret::Secret;

/// Secrets shorter than this are not scrubbed from error bodies: replacing a short
/// string would garble unrelated text, and real tokens are far longer.
const MIN_REDACTED_LEN: usize = 8;

#[derive(Clone, Debug)]
pub(crate) enum Auth {
    /// A pre-issued token sent as `X-Auth-Token`.
    Token(Secret),
}

impl Auth {
    pub(crate) const TOKEN_HEADER: &'static str = "x-auth-token";

    /// The `X-Auth-Token` value, marked sensitive so HTTP-layer debug output hides it.
    pub(crate) fn header_value(&self) -> Result<HeaderValue, Error> {
        match self {
            Auth::Token(token) => {
                let mut value = HeaderValue::from_str(token.expose()).map_err(|_| {
                    Error::Config("token contains characters not allowed in a header".to_owned())
                })?;
                value.set_sensitive(true);
                Ok(value)
            }
        }
    }

    /// Removes the secret from text that came from the server (a body echoing the
    /// token must not carry it into an error message).
    pub(crate) fn redact(&self, text: String) -> String {
        match self {
            Auth::Token(token) => {
                let secret = token.expose();
                if secret.len() >= MIN_REDACTED_LEN && text.contains(secret) {
                    text.replace(secret, "***")
                } else {
                    text
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_long_tokens_only() {
        let auth = Auth::Token(Secret::new("gAAAAABtoken"));
        assert_eq!(
            auth.redact("bad token gAAAAABtoken!".to_owned()),
            "bad token ***!"
        );
        let short = Auth::Token(Secret::new("ab"));
        assert_eq!(short.redact("abc".to_owned()), "abc");
    }

    #[test]
    fn header_is_sensitive_and_validated() {
        let value = Auth::Token(Secret::new("tok"))
            .header_value()
            .expect("valid");
        assert!(value.is_sensitive());
        assert!(matches!(
            Auth::Token(Secret::new("bad\ntoken")).header_value(),
            Err(Error::Config(_))
        ));
    }
}
