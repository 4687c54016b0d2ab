//! How requests are authenticated: a ready token sent as is, or a token that a
//! [`KeystoneSession`] gets from Keystone v3 (password, application credential, or
//! token re-scoping), caches, renews before it expires and once more after a 401.

mod application_credential;
mod expiry;
mod identity;
mod identity_api;
mod keystone;
mod password;
mod token;

use std::fmt;
use std::sync::Arc;

use reqwest::header::HeaderValue;

use crate::error::Error;
use crate::secret::Secret;

pub use application_credential::ApplicationCredential;
pub use identity::{DomainRef, ProjectRef, UserRef};
pub(crate) use keystone::KeystoneSession;
pub use password::Password;
pub(crate) use token::IssuedToken;

/// What a client sends as `X-Auth-Token`.
#[derive(Clone, Debug)]
pub(crate) enum Auth {
    /// A pre-issued token, sent as is; a 401 is returned to the caller.
    Token(Secret),
    /// Tokens from Keystone, fetched once, shared and renewed.
    Keystone(Arc<KeystoneSession>),
}

/// The token one request carries, and whether it came from Keystone (so a 401 can
/// trigger one renewal).
pub(crate) enum RequestToken {
    Fixed(Secret),
    Issued(Arc<IssuedToken>),
}

/// Keystone v3 credentials and where to present them.
///
/// ```
/// use apiref_runtime::{DomainRef, KeystoneAuth, Password, ProjectRef, UserRef};
///
/// let auth = KeystoneAuth::new(
///     "http://127.0.0.1:5000/v3",
///     Password::new(UserRef::name("demo", DomainRef::name("Default")), "secret")
///         .project(ProjectRef::name("demo", DomainRef::name("Default"))),
/// );
/// assert!(!format!("{auth:?}").contains("secret"));
/// ```
#[derive(Clone)]
pub struct KeystoneAuth {
    /// The identity endpoint, `http://host:5000/v3` (a URL without `/v3` gets it).
    pub auth_url: String,
    /// What to prove identity with.
    pub credentials: Credentials,
}

/// The ways to get a token from Keystone v3.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// `"methods": ["password"]`, optionally scoped to a project.
    Password(Password),
    /// `"methods": ["application_credential"]`; the scope is the credential's own.
    ApplicationCredential(ApplicationCredential),
    /// `"methods": ["token"]`: an existing token exchanged for one with a catalog,
    /// optionally re-scoped to a project.
    Token {
        /// The token held now.
        token: Secret,
        /// The project to scope the new token to; `None` keeps the old scope.
        project: Option<ProjectRef>,
    },
}

impl KeystoneAuth {
    /// Log-in settings for the identity endpoint `auth_url`.
    pub fn new(auth_url: impl Into<String>, credentials: impl Into<Credentials>) -> Self {
        KeystoneAuth {
            auth_url: auth_url.into(),
            credentials: credentials.into(),
        }
    }

    /// The request body of `POST /v3/auth/tokens`, built from the types generated
    /// from Keystone's reference ([`identity_api`]). It holds the secret: the session
    /// builds it for each request and drops it once sent.
    pub(crate) fn request_body(&self) -> Result<serde_json::Value, serde_json::Error> {
        match &self.credentials {
            Credentials::Password(p) => serde_json::to_value(p.request()),
            Credentials::ApplicationCredential(a) => serde_json::to_value(a.request()),
            Credentials::Token { token, project } => {
                use identity_api::auth::tokens::token_scoped as op;
                serde_json::to_value(op::Request {
                    auth: op::Auth {
                        identity: Some(op::Identity {
                            methods: Some(vec!["token".to_owned()]),
                            token: Some(op::IdentityToken {
                                id: Some(token.expose().to_owned()),
                                ..Default::default()
                            }),
                            ..Default::default()
                        }),
                        scope: project.as_ref().map(|p| {
                            identity::project_scope!(identity_api::auth::tokens::token_scoped, p)
                        }),
                        ..Default::default()
                    },
                    ..Default::default()
                })
            }
        }
    }

    /// The secrets these credentials hold, for scrubbing server text.
    pub(crate) fn secrets(&self) -> Vec<&Secret> {
        match &self.credentials {
            Credentials::Password(p) => vec![&p.password],
            Credentials::ApplicationCredential(a) => vec![a.secret()],
            Credentials::Token { token, .. } => vec![token],
        }
    }

    /// A short name for the method, for `Debug` output.
    pub(crate) fn method_name(&self) -> &'static str {
        match &self.credentials {
            Credentials::Password(_) => "password",
            Credentials::ApplicationCredential(_) => "application_credential",
            Credentials::Token { .. } => "token",
        }
    }
}

impl fmt::Debug for KeystoneAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An auth URL with `user:password@` is refused when used, but may be shown first.
        f.debug_struct("KeystoneAuth")
            .field("auth_url", &crate::redact::display_url(&self.auth_url))
            .field("credentials", &self.credentials)
            .finish()
    }
}

impl From<Password> for Credentials {
    fn from(value: Password) -> Self {
        Credentials::Password(value)
    }
}

impl From<ApplicationCredential> for Credentials {
    fn from(value: ApplicationCredential) -> Self {
        Credentials::ApplicationCredential(value)
    }
}

impl Auth {
    pub(crate) const TOKEN_HEADER: &'static str = "x-auth-token";

    /// The token for the next request: the fixed one, or Keystone's current one
    /// (fetched or renewed first if needed).
    pub(crate) async fn request_token(&self) -> Result<RequestToken, Error> {
        match self {
            Auth::Token(token) => Ok(RequestToken::Fixed(token.clone())),
            Auth::Keystone(session) => session.current().await.map(RequestToken::Issued),
        }
    }

    /// After a 401 for `used`: a new token to retry with, or `None` when the token
    /// cannot be renewed (a fixed one).
    pub(crate) async fn renew_after_401(
        &self,
        used: &RequestToken,
    ) -> Result<Option<RequestToken>, Error> {
        match (self, used) {
            (Auth::Keystone(session), RequestToken::Issued(token)) => session
                .renew_rejected(token)
                .await
                .map(|t| Some(RequestToken::Issued(t))),
            _ => Ok(None),
        }
    }
}

impl RequestToken {
    pub(crate) fn secret(&self) -> &Secret {
        match self {
            RequestToken::Fixed(secret) => secret,
            RequestToken::Issued(token) => &token.value,
        }
    }

    /// The `X-Auth-Token` value, marked sensitive so HTTP-layer debug output hides it.
    pub(crate) fn header_value(&self) -> Result<HeaderValue, Error> {
        header_value(self.secret())
    }
}

/// A token as a sensitive header value.
pub(crate) fn header_value(token: &Secret) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(token.expose()).map_err(|_| {
        Error::Config("token contains characters not allowed in a header".to_owned())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Removes `secret` from text that came from a server (a body echoing a token or a
/// password must not carry it into an error message), raw or JSON-escaped. A long
/// secret is replaced by `***`; text containing a short one is withheld entirely.
pub(crate) fn redact(secret: &Secret, text: String) -> String {
    crate::redact::scrub(&[secret.expose()], text)
}

impl fmt::Debug for RequestToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestToken(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_long_secrets_and_withholds_short_ones() {
        let long = Secret::new("gAAAAABtoken");
        assert_eq!(
            redact(&long, "bad token gAAAAABtoken!".to_owned()),
            "bad token ***!"
        );
        assert_eq!(redact(&long, "unrelated".to_owned()), "unrelated");
        let short = Secret::new("ab");
        let shown = redact(&short, "abc".to_owned());
        assert!(!shown.contains("ab"), "{shown}");
        assert_eq!(redact(&Secret::new(""), "x".to_owned()), "x");
    }

    #[test]
    fn header_is_sensitive_and_validated() {
        let value = header_value(&Secret::new("tok")).expect("valid");
        assert!(value.is_sensitive());
        assert!(matches!(
            header_value(&Secret::new("bad\ntoken")),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn password_body_by_name_and_by_id() {
        let auth = KeystoneAuth::new(
            "http://ks/v3",
            Password::new(UserRef::name("demo", DomainRef::name("Default")), "pw")
                .project(ProjectRef::name("demo", DomainRef::id("default"))),
        );
        assert_eq!(
            auth.request_body().expect("serializes"),
            serde_json::json!({"auth": {
                "identity": {"methods": ["password"], "password": {"user": {
                    "name": "demo", "domain": {"name": "Default"}, "password": "pw"}}},
                "scope": {"project": {"name": "demo", "domain": {"id": "default"}}}
            }})
        );
        let auth = KeystoneAuth::new(
            "http://ks/v3",
            Password::new(UserRef::id("u1"), "pw").project(ProjectRef::id("p1")),
        );
        assert_eq!(
            auth.request_body().expect("serializes"),
            serde_json::json!({"auth": {
                "identity": {"methods": ["password"], "password": {"user": {
                    "id": "u1", "password": "pw"}}},
                "scope": {"project": {"id": "p1"}}
            }})
        );
    }

    #[test]
    fn application_credential_bodies() {
        let by_id = KeystoneAuth::new("http://ks/v3", ApplicationCredential::id("ac1", "s3"));
        assert_eq!(
            by_id.request_body().expect("serializes"),
            serde_json::json!({"auth": {"identity": {
                "methods": ["application_credential"],
                "application_credential": {"id": "ac1", "secret": "s3"}}}})
        );
        let by_name = KeystoneAuth::new(
            "http://ks/v3",
            ApplicationCredential::name(
                "cred",
                UserRef::name("demo", DomainRef::id("default")),
                "s3",
            ),
        );
        assert_eq!(
            by_name.request_body().expect("serializes"),
            serde_json::json!({"auth": {"identity": {
                "methods": ["application_credential"],
                "application_credential": {"name": "cred", "secret": "s3",
                    "user": {"name": "demo", "domain": {"id": "default"}}}}}})
        );
    }

    #[test]
    fn token_body_and_debug_hide_secrets() {
        let auth = KeystoneAuth::new(
            "http://ks/v3",
            Credentials::Token {
                token: Secret::new("tok-secret-value"),
                project: Some(ProjectRef::id("p1")),
            },
        );
        assert_eq!(
            auth.request_body().expect("serializes"),
            serde_json::json!({"auth": {
                "identity": {"methods": ["token"], "token": {"id": "tok-secret-value"}},
                "scope": {"project": {"id": "p1"}}}})
        );
        assert!(!format!("{auth:?}").contains("tok-secret-value"));
        let pw = KeystoneAuth::new("http://ks/v3", Password::new(UserRef::id("u"), "hunter22"));
        assert!(!format!("{pw:?} {pw:#?}").contains("hunter22"));
        let ac = KeystoneAuth::new("http://ks/v3", ApplicationCredential::id("i", "acsecret9"));
        assert!(!format!("{ac:?} {ac:#?}").contains("acsecret9"));
    }
}
