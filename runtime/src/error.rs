//! Everything a call can fail with. Error replies keep the server's own words (fault
//! name, message, request id, raw body), statuses the doc lists get their own variant,
//! and nothing here ever holds a token.

use std::fmt;

use std::time::Duration;

use crate::catalog::{CatalogError, ParseInterfaceError};
use crate::method::Method;
use crate::operation::Operation;

/// Why a call failed.
#[non_exhaustive]
#[derive(Debug)]
pub enum Error {
    /// 400, documented for the operation.
    BadRequest(ApiError),
    /// 401, documented for the operation.
    Unauthorized(ApiError),
    /// 403, documented for the operation.
    Forbidden(ApiError),
    /// 404, documented for the operation.
    NotFound(ApiError),
    /// 405, documented for the operation.
    MethodNotAllowed(ApiError),
    /// 409, documented for the operation.
    Conflict(ApiError),
    /// 410, documented or not: the server removed the API (Nova answers 410 to the
    /// proxy APIs it dropped, such as `os-networks` and `os-cloudpipe`, whose docs
    /// stay in the reference but seldom list the status).
    Gone(ApiError),
    /// 415, documented for the operation.
    UnsupportedMediaType(ApiError),
    /// 501, documented for the operation.
    NotImplemented(ApiError),
    /// 503, documented for the operation.
    ServiceUnavailable(ApiError),
    /// A non-2xx status the operation's doc does not list (406 for an unsupported
    /// microversion, a 404 where none is documented, a 3xx, a 500, ...).
    UnexpectedStatus(ApiError),
    /// No usable reply: connection, timeout, TLS, or reading the body failed.
    Transport(TransportError),
    /// A 2xx reply whose body does not match the expected type.
    Decode(DecodeError),
    /// A reply (success or error) whose body is larger than the client's limit
    /// ([`ClientBuilder::max_reply_bytes`](crate::ClientBuilder::max_reply_bytes)).
    /// The body was not kept.
    ReplyTooLarge(ReplyTooLarge),
    /// A caller-supplied value cannot be sent (an empty or `..` path segment, a query
    /// that is not a flat object, ...). Nothing was sent.
    InvalidArgument {
        /// The argument's name as the generated function spells it (`server_id`).
        name: String,
        /// Why it cannot be sent.
        reason: String,
    },
    /// Bad client configuration (endpoint URL, header values, TLS setup).
    Config(String),
    /// [`Microversion::Negotiate`](crate::Microversion::Negotiate) found no common
    /// version, or the server's version document was unusable.
    Negotiation(String),
    /// Keystone refused to issue a token (`POST /v3/auth/tokens` got a non-2xx reply:
    /// a wrong password is a 401). Keeps Keystone's words, never the credentials.
    Auth(ApiError),
    /// The token's service catalog has no endpoint for the service, interface and
    /// region asked for; the error lists what the catalog offers.
    Catalog(CatalogError),
    /// Keystone's multi-factor rules for the user ask for methods the credentials
    /// do not hold (a 401 with an `Openstack-Auth-Receipt`).
    MissingAuthMethods(MissingAuthMethods),
    /// A download's bytes do not hash to the digest the caller gave
    /// ([`Download::verify`](crate::Download::verify)).
    DigestMismatch(DigestMismatch),
    /// The caller's side of a transfer failed: the file or reader an
    /// [`Upload`](crate::Upload) reads, or the writer a
    /// [`Download`](crate::Download) writes to.
    Io {
        /// What was being done, e.g. `opening cirros.qcow2`.
        what: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// What a multi-factor log-in lacked: Keystone's rules, the methods it accepted,
/// and those the credentials could offer. Never holds a receipt or a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingAuthMethods {
    /// Each rule Keystone named: all of one rule's methods together suffice.
    pub required: Vec<Vec<String>>,
    /// The methods Keystone accepted so far (the receipt's).
    pub proven: Vec<String>,
    /// The methods the credentials hold.
    pub configured: Vec<String>,
    /// The request id of the last reply.
    pub request_id: Option<String>,
}

impl MissingAuthMethods {
    /// The methods of the first rule that the credentials lack.
    pub fn missing(&self) -> Vec<&str> {
        self.required
            .first()
            .into_iter()
            .flatten()
            .filter(|m| !self.proven.contains(m) && !self.configured.contains(m))
            .map(String::as_str)
            .collect()
    }
}

impl fmt::Display for MissingAuthMethods {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules = self
            .required
            .iter()
            .map(|rule| rule.join("+"))
            .collect::<Vec<_>>()
            .join(" or ");
        write!(
            f,
            "Keystone needs more authentication methods: missing {} (rules: {rules}; \
             accepted: {}; configured: {})",
            self.missing().join(", "),
            self.proven.join(", "),
            self.configured.join(", ")
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

/// A non-2xx reply, as the server sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The fault name: Nova's top-level key (`itemNotFound`, `badRequest`, ...),
    /// Keystone's `title` (`Unauthorized`), Neutron's `type` (`NetworkNotFound`) or
    /// Placement's `code` (`placement.concurrent_update`). `None` if the body is not
    /// an OpenStack error document.
    pub fault: Option<String>,
    /// The human-readable explanation the server gave, if its body had one.
    pub message: Option<String>,
    /// `X-OpenStack-Request-Id`, else the service's own (`X-Compute-Request-Id`).
    pub request_id: Option<String>,
    /// The raw body (HTML, empty, anything), lossily decoded as UTF-8.
    pub body: String,
}

/// A failure to get a reply at all.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// What broke, for callers that retry on some kinds only.
    pub kind: TransportErrorKind,
    /// The request's method, so a message can say which call failed.
    pub method: Method,
    /// The request URL. Request URLs never carry credentials.
    pub url: String,
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// The broad class of a [`TransportError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The request (or the connect) took longer than the configured timeout.
    Timeout,
    /// The connection could not be established (refused, DNS, TLS handshake).
    Connect,
    /// Anything else: the body could not be read, a protocol error, a redirect loop.
    Other,
}

/// A reply body over the size limit: declared too long by `Content-Length`, or grown
/// past the limit while being read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyTooLarge {
    /// The request's method.
    pub method: Method,
    /// The request URL. Request URLs never carry credentials.
    pub url: String,
    /// The reply's status code (the body was refused, not the status).
    pub status: u16,
    /// The server's request id, redacted, to quote when reporting the problem.
    pub request_id: Option<String>,
    /// The limit in bytes.
    pub limit: u64,
    /// The `Content-Length` the server declared, if it declared one.
    pub declared_length: Option<u64>,
}

/// A digest that did not match: the bytes were received whole, but are not
/// the ones the caller expected. The writer holds them all.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DigestMismatch {
    /// The algorithm, as [`Digest::algorithm`](crate::Digest::algorithm) names it (`sha512`).
    pub algorithm: &'static str,
    /// What the caller expected, lowercase hex.
    pub expected: String,
    /// What the bytes hash to, lowercase hex.
    pub actual: String,
    /// How many bytes were hashed.
    pub bytes: u64,
}

/// A 2xx body that does not decode into the expected type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The (successful) status of the reply that did not decode.
    pub status: u16,
    /// The server's request id, to find the call in its logs.
    pub request_id: Option<String>,
    /// Where in the document decoding failed, e.g. `server.progress` (`.` for the root).
    pub path: String,
    /// serde_json's explanation (expected type, line and column).
    pub message: String,
    /// The raw body.
    pub body: String,
}

impl Error {
    /// Maps an error reply to its variant: the status's own variant if `op`'s doc lists
    /// it, [`Error::UnexpectedStatus`] otherwise.
    /// A 410 is always [`Error::Gone`]: a removed API is removed whatever its
    /// doc says.
    pub(crate) fn from_api_error(op: &Operation, api: ApiError) -> Error {
        if api.status == 410 {
            return Error::Gone(api);
        }
        if !op.documents(api.status) {
            return Error::UnexpectedStatus(api);
        }
        match api.status {
            400 => Error::BadRequest(api),
            401 => Error::Unauthorized(api),
            403 => Error::Forbidden(api),
            404 => Error::NotFound(api),
            405 => Error::MethodNotAllowed(api),
            409 => Error::Conflict(api),
            415 => Error::UnsupportedMediaType(api),
            501 => Error::NotImplemented(api),
            503 => Error::ServiceUnavailable(api),
            _ => Error::UnexpectedStatus(api),
        }
    }

    /// The reply's error details, for every status-carrying variant.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(e)
            | Error::Unauthorized(e)
            | Error::Forbidden(e)
            | Error::NotFound(e)
            | Error::MethodNotAllowed(e)
            | Error::Conflict(e)
            | Error::Gone(e)
            | Error::UnsupportedMediaType(e)
            | Error::NotImplemented(e)
            | Error::ServiceUnavailable(e)
            | Error::UnexpectedStatus(e)
            | Error::Auth(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, if a reply arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode(e) => Some(e.status),
            Error::ReplyTooLarge(e) => Some(e.status),
            Error::MissingAuthMethods(_) => Some(401),
            other => other.api_error().map(|e| e.status),
        }
    }

    /// Whether this is Placement's generation conflict (409
    /// `placement.concurrent_update`): another writer changed the resource provider
    /// since the caller read its `resource_provider_generation` (or the consumer's
    /// `consumer_generation`). Nothing was written; re-read the generation and
    /// send again.
    pub fn is_generation_conflict(&self) -> bool {
        matches!(self, Error::Conflict(e) | Error::UnexpectedStatus(e)
            if e.status == 409 && e.fault.as_deref() == Some("placement.concurrent_update"))
    }

    /// The server's request id, if a reply arrived and carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Decode(e) => e.request_id.as_deref(),
            Error::ReplyTooLarge(e) => e.request_id.as_deref(),
            Error::MissingAuthMethods(e) => e.request_id.as_deref(),
            other => other.api_error().and_then(|e| e.request_id.as_deref()),
        }
    }

    /// Whether the request timed out (connect or overall).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(e) if e.kind == TransportErrorKind::Timeout)
    }
}

impl From<ParseInterfaceError> for Error {
    /// A bad `interface` in a configuration is a configuration error.
    fn from(e: ParseInterfaceError) -> Error {
        Error::Config(e.to_string())
    }
}

impl ApiError {
    /// Reads an error reply. Understands Nova's `{"<fault>": {"message": ..}}` and
    /// Keystone's `{"error": {"title": .., "message": ..}}`; anything else keeps only
    /// the raw body.
    pub(crate) fn from_reply(status: u16, request_id: Option<String>, body: String) -> ApiError {
        let (fault, message) = parse_fault(&body);
        ApiError {
            status,
            fault,
            message,
            request_id,
            body,
        }
    }

    fn body_note(&self) -> &'static str {
        let trimmed = self.body.trim_start();
        if trimmed.is_empty() {
            "empty body"
        } else if trimmed.starts_with('<') {
            "HTML body"
        } else {
            "body is not an OpenStack error document"
        }
    }
}

/// The fault name and message of an OpenStack error document. The services agree
/// on little: Nova wraps one object in a key naming the fault (`{"itemNotFound":
/// {"message"}}`), Keystone in `error` with a `title`, Neutron in `NeutronError`
/// with the fault in `type`, and Placement (like the API-SIG guideline) lists
/// `errors` whose `code` names the fault and `detail` says why. Glance (and any
/// service's error raised by webob itself, such as an unknown URL) sends webob's
/// flat `{"message", "code": "404 Not Found", "title"}`.
fn parse_fault(body: &str) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str::<serde_json::Value>(body) else {
        return (None, None);
    };
    if let Some(fault) = webob_fault(&top) {
        return fault;
    }
    let mut entries = top.iter();
    let (Some((key, inner)), None) = (entries.next(), entries.next()) else {
        return (None, None);
    };
    let inner = match (key.as_str(), inner) {
        ("errors", serde_json::Value::Array(errors)) => match errors.first() {
            Some(serde_json::Value::Object(first)) => first,
            _ => return (None, None),
        },
        (_, serde_json::Value::Object(inner)) => inner,
        _ => return (None, None),
    };
    let text = |field: &str| inner.get(field).and_then(|v| v.as_str()).map(str::to_owned);
    match key.as_str() {
        "error" => (text("title"), text("message")),
        "NeutronError" => (text("type").or_else(|| Some(key.clone())), text("message")),
        // `placement.undefined_code` is the code of errors that have none.
        "errors" => (
            text("code")
                .filter(|code| code != "placement.undefined_code")
                .or_else(|| text("title")),
            text("detail"),
        ),
        _ => (Some(key.clone()), text("message")),
    }
}

/// webob's JSON error document: the title names the fault; the message is the
/// HTML template's text, whose `<br />` line breaks and trailing blank lines say
/// nothing.
fn webob_fault(
    top: &serde_json::Map<String, serde_json::Value>,
) -> Option<(Option<String>, Option<String>)> {
    let text = |field: &str| top.get(field).and_then(|v| v.as_str());
    let (Some(title), Some(message), Some(_), 3) =
        (text("title"), text("message"), text("code"), top.len())
    else {
        return None;
    };
    let message = message.replace("<br />", "\n");
    Some((Some(title.to_owned()), Some(message.trim().to_owned())))
}

impl TransportError {
    pub(crate) fn new(method: Method, url: &str, source: reqwest::Error) -> TransportError {
        let kind = if source.is_timeout() {
            TransportErrorKind::Timeout
        } else if source.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Other
        };
        TransportError {
            kind,
            method,
            url: url.to_owned(),
            source: Box::new(source),
        }
    }

    /// A transfer in which no byte moved for `limit` (the client's timeout).
    pub(crate) fn stalled(method: Method, url: &str, limit: Duration) -> TransportError {
        TransportError {
            kind: TransportErrorKind::Timeout,
            method,
            url: url.to_owned(),
            source: format!("no byte moved for {limit:?}").into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnexpectedStatus(e) => write!(f, "unexpected status {e}"),
            Error::Transport(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::ReplyTooLarge(e) => e.fmt(f),
            Error::InvalidArgument { name, reason } => {
                write!(f, "invalid argument {name}: {reason}")
            }
            Error::Config(msg) => write!(f, "configuration error: {msg}"),
            Error::Negotiation(msg) => write!(f, "microversion negotiation failed: {msg}"),
            Error::Auth(e) => write!(f, "Keystone refused authentication: {e}"),
            Error::Catalog(e) => e.fmt(f),
            Error::MissingAuthMethods(e) => e.fmt(f),
            Error::DigestMismatch(e) => e.fmt(f),
            Error::Io { what, source } => write!(f, "{what}: {source}"),
            other => match other.api_error() {
                Some(e) => e.fmt(f),
                None => f.write_str("error"),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Display is transparent, so the chain continues with the inner error's source.
            Error::Transport(e) => std::error::Error::source(e),
            Error::Catalog(e) => std::error::Error::source(e),
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        match &self.fault {
            Some(fault) => write!(f, " {fault}")?,
            None => {
                if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                {
                    write!(f, " {reason}")?;
                }
            }
        }
        match &self.message {
            Some(message) => write!(f, ": {}", message.trim())?,
            None if self.fault.is_none() => write!(f, " ({})", self.body_note())?,
            None => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Other => "failed",
        };
        write!(f, "{} {} {what}", self.method, self.url)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

impl fmt::Display for ReplyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: the {} reply's body ",
            self.method, self.url, self.status
        )?;
        match self.declared_length {
            Some(length) if length > self.limit => write!(f, "declares {length} bytes")?,
            _ => f.write_str("kept growing")?,
        }
        write!(
            f,
            ", over the {}-byte limit (ClientBuilder::max_reply_bytes)",
            self.limit
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (request {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReplyTooLarge {}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode {} reply at {}: {}",
            self.status, self.path, self.message
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (request {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

impl fmt::Display for DigestMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} bytes received hash to {} {}, not the expected {}",
            self.bytes, self.algorithm, self.actual, self.expected
        )
    }
}

impl std::error::Error for DigestMismatch {}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, body: &str) -> ApiError {
        ApiError::from_reply(status, Some("req-123".to_owned()), body.to_owned())
    }

    const THING: crate::service::Service = crate::service::Service::new("thing");

    #[test]
    fn nova_fault() {
        let e = api(
            404,
            r#"{"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}"#,
        );
        assert_eq!(e.fault.as_deref(), Some("itemNotFound"));
        assert_eq!(
            e.message.as_deref(),
            Some("Instance abc could not be found.")
        );
        assert_eq!(
            e.to_string(),
            "404 itemNotFound: Instance abc could not be found. (request req-123)"
        );
    }

    #[test]
    fn keystone_fault() {
        let e = api(
            401,
            r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#,
        );
        assert_eq!(e.fault.as_deref(), Some("Unauthorized"));
        assert_eq!(
            e.message.as_deref(),
            Some("The request you have made requires authentication.")
        );
    }

    #[test]
    fn neutron_fault_is_its_type() {
        let e = api(
            404,
            r#"{"NeutronError": {"type": "NetworkNotFound", "message": "Network x could not be found.", "detail": ""}}"#,
        );
        assert_eq!(e.fault.as_deref(), Some("NetworkNotFound"));
        assert_eq!(e.message.as_deref(), Some("Network x could not be found."));
    }

    #[test]
    fn webob_error_pages_give_their_title_and_message() {
        let body = r#"{"message": "This server could not verify that you are authorized.", "code": "401 Unauthorized", "title": "Unauthorized"}"#;
        let e = ApiError::from_reply(401, None, body.to_owned());
        assert_eq!(e.fault.as_deref(), Some("Unauthorized"));
        assert_eq!(
            e.message.as_deref(),
            Some("This server could not verify that you are authorized.")
        );
    }

    #[test]
    fn placement_fault_is_its_code_and_conflicts_are_retryable() {
        let body = r#"{"errors": [{"status": 409, "title": "Conflict", "detail": "resource provider generation conflict", "code": "placement.concurrent_update", "request_id": "req-9"}]}"#;
        let e = api(409, body);
        assert_eq!(e.fault.as_deref(), Some("placement.concurrent_update"));
        assert_eq!(
            e.message.as_deref(),
            Some("resource provider generation conflict")
        );
        assert!(Error::Conflict(e.clone()).is_generation_conflict());
        assert!(!Error::BadRequest(e).is_generation_conflict());
        let other = api(
            409,
            r#"{"errors": [{"status": 409, "title": "Conflict", "detail": "in use", "code": "placement.undefined_code"}]}"#,
        );
        assert_eq!(other.fault.as_deref(), Some("Conflict"));
        assert!(!Error::Conflict(other).is_generation_conflict());
        assert_eq!(api(400, r#"{"errors": []}"#).fault, None);
    }

    #[test]
    fn webob_fault_is_its_title_and_message_without_markup() {
        let e = api(
            404,
            "{\"message\": \"No image found with ID abc<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}",
        );
        assert_eq!(e.fault.as_deref(), Some("Not Found"));
        assert_eq!(e.message.as_deref(), Some("No image found with ID abc"));
        let two_lines = api(
            400,
            r#"{"message": "Bad input<br />at name<br /><br />\n\n\n", "code": "400 Bad Request", "title": "Bad Request"}"#,
        );
        assert_eq!(two_lines.message.as_deref(), Some("Bad input\nat name"));
        // A document with more keys is not webob's.
        let other = api(
            400,
            r#"{"message": "m", "code": "c", "title": "t", "more": 1}"#,
        );
        assert_eq!(other.fault, None);
    }

    #[test]
    fn html_and_empty_bodies() {
        let html = "<html><body><h1>404 Not Found</h1>lots of markup</body></html>";
        let e = api(404, html);
        assert_eq!((e.fault.as_deref(), e.message.as_deref()), (None, None));
        assert_eq!(e.body, html);
        let shown = e.to_string();
        assert_eq!(shown, "404 Not Found (HTML body) (request req-123)");

        let e = ApiError::from_reply(503, None, String::new());
        assert_eq!((e.fault.as_deref(), e.message.as_deref()), (None, None));
        assert_eq!(e.to_string(), "503 Service Unavailable (empty body)");

        for other in [r#"{"a": {}, "b": {}}"#, r#"["x"]"#, r#"{"x": "y"}"#, "oops"] {
            let e = api(500, other);
            assert_eq!((e.fault, e.message), (None, None), "{other}");
        }
    }

    #[test]
    fn maps_documented_statuses_only() {
        let op = Operation {
            name: "t",
            method: Method::Get,
            path: "/v2.1/x",
            service: &THING,
            documented_statuses: &[200, 404],
            min_microversion: None,
            max_microversion: None,
        };
        assert!(matches!(
            Error::from_api_error(&op, api(404, "")),
            Error::NotFound(_)
        ));
        let e = Error::from_api_error(&op, api(403, ""));
        assert!(matches!(e, Error::UnexpectedStatus(_)));
        assert_eq!(e.status(), Some(403));
        assert_eq!(e.request_id(), Some("req-123"));
        assert!(e.to_string().starts_with("unexpected status 403"));
    }

    #[test]
    fn gone_whether_documented_or_not() {
        let body = r#"{"itemNotFound": {"code": 410, "message": "This API is removed."}}"#;
        for documented in [&[200, 410][..], &[200]] {
            let op = Operation {
                name: "t",
                method: Method::Get,
                path: "/v2.1/os-networks",
                service: &THING,
                documented_statuses: documented,
                min_microversion: None,
                max_microversion: None,
            };
            let e = Error::from_api_error(&op, api(410, body));
            let Error::Gone(api) = &e else {
                panic!("{documented:?}: {e:?}")
            };
            assert_eq!(api.message.as_deref(), Some("This API is removed."));
            assert_eq!(e.status(), Some(410));
            assert_eq!(e.request_id(), Some("req-123"));
        }
    }
}
