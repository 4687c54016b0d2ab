//! The send loop: one request of an operation out, with the client's token (a
//! Keystone token renewed once after a 401, and the request sent again), the
//! microversion and caller headers, retries and tracing; then its reply read
//! within the size limit, scrubbed of every secret the request carried,
//! recorded when the client records replies, and turned into a [`Response`] or
//! the [`Error`] for its status.

use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Client;
use super::wire::{append_query, decode, reply_microversion, request_id, sensitive_marked};
use crate::auth::{Auth, RequestToken};
use crate::body::{ReadContext, read_limited};
use crate::error::{ApiError, DecodeError, Error, TransportError};
use crate::microversion::Version;
use crate::operation::Operation;
use crate::path::render_path;
use crate::response::Response;
use crate::transfer::{Download, Moved, ReadFailure, Upload, within_stall};

// A `HeaderName` constant: a `&str` name would be parsed on every request.
const TOKEN_HEADER: HeaderName = HeaderName::from_static(Auth::TOKEN_HEADER);

/// What a transfer's request is given in place of the client's whole-request
/// timeout (which reqwest applies to the reply's body too): none; the stall
/// watch (`transfer::within_stall`, and the download's wait for each chunk)
/// bounds it instead.
const NO_WHOLE_REQUEST_TIMEOUT: Duration = Duration::MAX;

/// One request, checked and ready to go out: the operation, its full URL, what
/// it carries, the caller's headers and the microversion header.
pub(crate) struct Outgoing {
    pub(crate) op: Operation,
    pub(crate) url: reqwest::Url,
    pub(crate) body: Option<RequestBody>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) microversion: Option<(HeaderName, HeaderValue)>,
}

impl Outgoing {
    /// A request with no body and no caller headers (a version document, the
    /// next page of a list).
    pub(crate) fn plain(
        op: Operation,
        url: reqwest::Url,
        microversion: Option<(HeaderName, HeaderValue)>,
    ) -> Outgoing {
        Outgoing {
            op,
            url,
            body: None,
            headers: Vec::new(),
            microversion,
        }
    }
}

/// What a request carries.
pub(crate) enum RequestBody {
    /// JSON (or another small body), kept to be sent again after a 401.
    Bytes(Vec<u8>),
    /// Raw data read as it is sent, once.
    Stream(Upload),
}

/// A reply's head, read before its body: what the JSON and download paths
/// share, to trace the reply, type an error reply or give the [`Response`].
struct ReplyHead {
    headers: HeaderMap,
    status: u16,
    request_id: Option<String>,
    microversion: Option<Version>,
    traced: crate::trace::Sent,
    scrub: Scrub,
}

impl ReplyHead {
    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The [`Response`] of this head with `body`.
    fn into_response<T>(self, body: T, raw: Option<Vec<u8>>) -> Response<T> {
        Response {
            body,
            status: self.status,
            request_id: self.request_id,
            microversion: self.microversion,
            headers: self.headers,
            raw,
        }
    }
}

/// What a reply's text is scrubbed of: the token the request carried, and the
/// secrets in its body and credential headers.
struct Scrub {
    token: Option<RequestToken>,
    body_secrets: Vec<String>,
}

impl Scrub {
    fn scrub(&self, client: &Client, text: String) -> String {
        let text = client.redact(self.token.as_ref(), text);
        if self.body_secrets.is_empty() {
            return text;
        }
        let secrets: Vec<&str> = self.body_secrets.iter().map(String::as_str).collect();
        crate::redact::scrub(&secrets, text)
    }
}

impl Client {
    /// The URL a call of `op` is sent to: the endpoint, the filled path, and `query`
    /// after any query the endpoint itself carries.
    pub(crate) fn request_url<Q: Serialize + ?Sized>(
        &self,
        op: &Operation,
        path_args: &[&str],
        query: Option<&Q>,
    ) -> Result<reqwest::Url, Error> {
        let mut url = self.path_url(op, path_args)?;
        if let Some(query) = query {
            append_query(&mut url, query)?;
        }
        Ok(url)
    }

    /// The endpoint and the filled path, no query yet.
    pub(crate) fn path_url(
        &self,
        op: &Operation,
        path_args: &[&str],
    ) -> Result<reqwest::Url, Error> {
        self.inner.endpoint.url(&render_path(op.path, path_args)?)
    }

    /// Sends one request and interprets the reply.
    pub(crate) async fn execute<R: DeserializeOwned>(
        &self,
        request: Outgoing,
    ) -> Result<Response<R>, Error> {
        self.execute_with(request, decode::<R>).await
    }

    /// [`execute`](Client::execute) with its own reading of a 2xx body (a page reads
    /// its next link too): `decode` gives the value, or the JSON path and message
    /// of what is wrong, which becomes an [`Error::Decode`] like any decode failure.
    pub(crate) async fn execute_with<T>(
        &self,
        mut request: Outgoing,
        decode: impl FnOnce(&[u8]) -> Result<T, (String, String)>,
    ) -> Result<Response<T>, Error> {
        // The version asked for, as the recording of replies keeps it.
        let asked = request
            .microversion
            .as_ref()
            .and_then(|(_, value)| value.to_str().ok())
            .map(str::to_owned);
        let (reply, head) = self.exchange(&mut request, false).await?;
        let (op, url) = (&request.op, &request.url);
        let bytes = self.read_body(op, url, reply, &head).await?;
        self.trace_reply(op, url, &head, &bytes);
        if !head.is_success() {
            return Err(self.error_reply(op, head, &bytes));
        }
        let redact = |text: String| head.scrub.scrub(self, text);
        if let Some(recorder) = &self.inner.recorder {
            let reply = crate::record::Reply {
                operation: op,
                asked: asked.as_deref(),
                answered: head.microversion,
                status: head.status,
                body: &bytes,
            };
            recorder.record(reply, redact);
        }
        match decode(&bytes) {
            Ok(body) => {
                let raw = self.inner.keep_raw_bodies.then(|| bytes.to_vec());
                Ok(head.into_response(body, raw))
            }
            Err((path, message)) => Err(Error::Decode(DecodeError {
                status: head.status,
                request_id: head.request_id,
                path,
                message: redact(message),
                body: redact(String::from_utf8_lossy(&bytes).into_owned()),
            })),
        }
    }

    /// Sends one request whose 2xx reply is raw data: the reply's body is left
    /// on the connection for the [`Download`] to read; an error reply is read
    /// (within the size limit) and becomes its [`Error`] as any other.
    pub(crate) async fn execute_download(
        &self,
        mut request: Outgoing,
    ) -> Result<Response<Download>, Error> {
        let (reply, head) = self.exchange(&mut request, true).await?;
        let (op, url) = (&request.op, &request.url);
        // A 2xx body is the caller's to read, so the trace shows the head alone.
        self.trace_reply(op, url, &head, &[]);
        if !head.is_success() {
            let bytes = self.read_body(op, url, reply, &head).await?;
            return Err(self.error_reply(op, head, &bytes));
        }
        let body = Download::new(reply, op.method, url.as_str(), self.inner.timeout);
        Ok(head.into_response(body, None))
    }

    /// Sends one request (a Keystone token renewed once after a 401, when the
    /// body can be sent again) and reads its reply's head, the body left on the
    /// reply. `raw_reply`: a 2xx body will be raw data, read as long as it takes.
    /// The request's body and microversion header go out with it; the rest stays
    /// for reading the reply.
    async fn exchange(
        &self,
        request: &mut Outgoing,
        raw_reply: bool,
    ) -> Result<(reqwest::Response, ReplyHead), Error> {
        let body = request.body.take();
        let microversion = request.microversion.take();
        let Outgoing {
            op, url, headers, ..
        } = &*request;
        // Secrets the body carries (a new user's password) and the caller's credential
        // headers (a token to validate), scrubbed from the reply like the token is: a
        // server may quote the request in an error.
        let mut body_secrets = match &body {
            Some(RequestBody::Bytes(bytes)) => crate::redact::secrets_in_body(bytes),
            _ => Vec::new(),
        };
        body_secrets.extend(
            headers
                .iter()
                .filter(|(_, value)| value.is_sensitive())
                .filter_map(|(_, value)| value.to_str().ok().map(str::to_owned)),
        );
        // A fixed token's header is ready; a Keystone token is fetched (or renewed)
        // here and may be renewed once after a 401, so the body is kept for a retry.
        let mut token = match &self.inner.auth {
            Some(auth @ Auth::Keystone(_)) => Some(auth.request_token().await?),
            _ => None,
        };
        let (mut bytes, mut stream) = match body {
            Some(RequestBody::Bytes(bytes)) => (Some(bytes), None),
            Some(RequestBody::Stream(upload)) => (None, Some(upload)),
            None => (None, None),
        };
        // A transfer (an upload, or a reply of raw data) is timed by its stalls,
        // not its length.
        let transfer = stream.is_some() || raw_reply;
        let moved = Moved::default();
        let read_failure = ReadFailure::default();
        let mut renewed = false;
        let method = op
            .method
            .to_reqwest()
            .ok_or_else(|| Error::InvalidArgument {
                name: "method".to_owned(),
                reason: format!("`{}` is not an HTTP method (an RFC 7230 token)", op.method),
            })?;
        let (reply, traced) = loop {
            let mut request = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .header(ACCEPT, HeaderValue::from_static("application/json"));
            if let Some(token) = &token {
                request = request.header(TOKEN_HEADER, token.header_value()?);
            } else if let Some(value) = &self.inner.fixed_token_header {
                request = request.header(TOKEN_HEADER, value.clone());
            }
            if let Some((name, value)) = &microversion {
                request = request.header(name.clone(), value.clone());
            }
            if let Some(extra) = &self.extra_headers {
                for (name, value) in &extra.headers {
                    request = request.header(name, value.clone());
                }
            }
            for (name, value) in headers {
                request = request.header(name.clone(), value.clone());
            }
            // A stream is read as it is sent, so it is sent once.
            let can_retry = token.is_some() && !renewed && stream.is_none();
            let sent = if can_retry {
                bytes.clone()
            } else {
                bytes.take()
            };
            let traced = crate::trace::request(
                op.method,
                url.as_str(),
                token
                    .as_ref()
                    .map(RequestToken::secret)
                    .or(match &self.inner.auth {
                        Some(Auth::Token(fixed)) => Some(fixed),
                        _ => None,
                    }),
                microversion.as_ref().and_then(|(_, v)| v.to_str().ok()),
                sent.as_deref(),
                &body_secrets,
            );
            let names_type = headers.iter().any(|(name, _)| name == CONTENT_TYPE);
            if let Some(sent) = sent {
                // JSON unless the call named its own media type.
                if !names_type {
                    request =
                        request.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }
                request = request.body(sent);
            }
            if let Some(upload) = stream.take() {
                if !names_type {
                    request = request.header(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/octet-stream"),
                    );
                }
                if let Some(length) = upload.length() {
                    request = request.header(CONTENT_LENGTH, length);
                }
                request = request.body(upload.into_body(moved.clone(), read_failure.clone()));
            }
            if transfer {
                request = request.timeout(NO_WHOLE_REQUEST_TIMEOUT);
            }
            let sending = crate::retry::send(&self.inner.retry, op.method, request);
            let reply = if transfer {
                within_stall(self.inner.timeout, &moved, sending)
                    .await
                    .ok_or_else(|| {
                        Error::Transport(TransportError::stalled(
                            op.method,
                            url.as_str(),
                            self.inner.timeout,
                        ))
                    })?
            } else {
                sending.await
            };
            let reply = reply.map_err(|e| {
                // The upload's own reader failing is the caller's side, not the
                // connection's.
                match read_failure.lock().ok().and_then(|mut slot| slot.take()) {
                    Some(source) => Error::Io {
                        what: format!("reading the body of {} {url}", op.method),
                        source,
                    },
                    None => Error::Transport(TransportError::new(op.method, url.as_str(), e)),
                }
            })?;
            // A Keystone token the service rejects is renewed once and the call sent
            // once more; a second 401 (or one for a fixed token) goes to the caller.
            if reply.status() == reqwest::StatusCode::UNAUTHORIZED
                && can_retry
                && let (Some(auth), Some(used)) = (&self.inner.auth, &token)
                && let Some(fresh) = auth.renew_after_401(used).await?
            {
                token = Some(fresh);
                renewed = true;
                continue;
            }
            break (reply, traced);
        };
        let scrub = Scrub {
            token,
            body_secrets,
        };
        let mut reply = reply;
        let headers = sensitive_marked(std::mem::take(reply.headers_mut()));
        let status = reply.status().as_u16();
        let request_id = request_id(&headers, op.service).map(|id| scrub.scrub(self, id));
        let microversion = reply_microversion(&headers, op.service);
        let head = ReplyHead {
            headers,
            status,
            request_id,
            microversion,
            traced,
            scrub,
        };
        Ok((reply, head))
    }

    /// Traces the reply of `head` with `body` (empty when it is not read).
    fn trace_reply(&self, op: &Operation, url: &reqwest::Url, head: &ReplyHead, body: &[u8]) {
        let reply = crate::trace::Reply {
            method: op.method,
            url: url.as_str(),
            status: head.status,
            request_id: head.request_id.as_deref(),
            microversion: head.microversion,
            body,
        };
        crate::trace::reply(&head.traced, reply, |text| head.scrub.scrub(self, text));
    }

    /// Reads a reply's whole body within the client's size limit.
    async fn read_body(
        &self,
        op: &Operation,
        url: &reqwest::Url,
        reply: reqwest::Response,
        head: &ReplyHead,
    ) -> Result<Vec<u8>, Error> {
        let read = ReadContext {
            method: op.method,
            url: url.as_str(),
            status: head.status,
            request_id: head.request_id.as_deref(),
            limit: self.inner.max_reply_bytes,
        };
        read_limited(reply, read).await
    }

    /// The [`Error`] for a non-2xx reply with body `bytes`, its text scrubbed.
    fn error_reply(&self, op: &Operation, head: ReplyHead, bytes: &[u8]) -> Error {
        let redact = |text: String| head.scrub.scrub(self, text);
        let body = redact(String::from_utf8_lossy(bytes).into_owned());
        let mut api = ApiError::from_reply(head.status, head.request_id, body);
        api.message = api.message.map(redact);
        api.fault = api.fault.map(redact);
        Error::from_api_error(op, api)
    }

    /// Tells the client's hook, if it has one, what fields of `response` its
    /// types did not know.
    pub(crate) fn report_unknown_fields<R: Serialize>(
        &self,
        op: &Operation,
        response: &Response<R>,
    ) {
        let Some(hook) = &self.inner.on_unknown_fields else {
            return;
        };
        let paths = crate::drift::unknown_fields(&response.body);
        if !paths.is_empty() {
            hook(&crate::UnknownFields {
                operation: op.name,
                microversion: response.microversion,
                paths,
            });
        }
    }

    /// Scrubs the token a request carried, and any Keystone credential, from text
    /// that came from the server.
    fn redact(&self, token: Option<&RequestToken>, text: String) -> String {
        let text = match (token, &self.inner.auth) {
            (Some(token), _) => crate::auth::redact(token.secret(), text),
            (None, Some(Auth::Token(fixed))) => crate::auth::redact(fixed, text),
            (None, _) => text,
        };
        let text = match &self.inner.auth {
            Some(Auth::Keystone(session)) => session.redact(text),
            _ => text,
        };
        match &self.extra_headers {
            Some(extra) => extra
                .secrets
                .iter()
                .fold(text, |text, secret| crate::auth::redact(secret, text)),
            None => text,
        }
    }
}
