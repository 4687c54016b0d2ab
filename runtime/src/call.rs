//! What a generated endpoint function does: [`Client::prepare`] starts a [`Call`]
//! of one operation, [`Call::query`], [`Call::body`] and [`Call::headers`] add what
//! the operation takes, and [`Call::send`] returns the call as a [`Pending`]
//! future, which sends it when awaited.
//!
//! Why generated functions are not `async fn`s: each `async fn` is a coroutine
//! rustc must type-check, borrow-check and lay out, and for Nova's 251 operations
//! those were about a quarter of the generated crate's first `cargo check`. A plain
//! function that prepares the call and returns this module's future is a few method
//! calls. The future owns everything it needs (the URL, the body's bytes, a clone
//! of the client, which shares the connection pool), so it borrows none of the
//! arguments: it can be stored or spawned.

use std::future::Future;
use std::pin::Pin;

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::{Client, append_query, caller_headers, cannot_serialize};
use crate::error::Error;
use crate::field_versions::FieldVersion;
use crate::microversion::Microversion;
use crate::operation::Operation;
use crate::response::Response;

/// A call on its way: awaiting it sends the request and reads the reply, the
/// body decoded as `R`. It borrows nothing and is `Send`.
pub type Pending<R> = Pin<Box<dyn Future<Output = Result<Response<R>, Error>> + Send>>;

/// A call being prepared: the operation, its filled path and what was added so
/// far. Everything is checked as it is added; the first mistake (a path argument
/// that is empty, a query that is not an object, a header value with a line
/// break) is what the [`Pending`] future returns, without sending anything.
#[must_use = "a call is sent by `send()` and awaiting what it returns"]
pub struct Call {
    client: Client,
    op: &'static Operation,
    microversion: Microversion,
    url: Result<reqwest::Url, Error>,
    body: Option<Vec<u8>>,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The query and the body as JSON values, with the fields of each that exist
    /// only in a range of microversions: checked once the version is known.
    field_checks: Vec<(&'static [FieldVersion], serde_json::Value)>,
    /// A mistake in the query, body or headers (the path's is in `url`).
    error: Option<Error>,
}

impl Client {
    /// Starts a call of `op` at `microversion`, its path filled from `path_args`
    /// (one per `{placeholder}`, in order, each percent-encoded as one segment).
    pub fn prepare(
        &self,
        op: &'static Operation,
        path_args: &[&str],
        microversion: Microversion,
    ) -> Call {
        Call {
            client: self.clone(),
            op,
            microversion,
            url: self.path_url(op, path_args),
            body: None,
            headers: Vec::new(),
            field_checks: Vec::new(),
            error: None,
        }
    }
}

impl Call {
    /// Adds the query string. `field_versions` lists the query parameters that
    /// exist only in a range of microversions (the generated `QUERY_FIELD_VERSIONS`,
    /// or `&[]`): setting one outside its range fails the call before it is sent.
    pub fn query<Q: Serialize + ?Sized>(
        mut self,
        query: &Q,
        field_versions: &'static [FieldVersion],
    ) -> Call {
        if let Ok(url) = &mut self.url
            && let Err(e) = append_query(url, query)
        {
            self.fail(e);
        }
        self.check_later(field_versions, "query", query);
        self
    }

    /// Adds the JSON body; `field_versions` as for [`query`](Call::query) (the
    /// generated `REQUEST_FIELD_VERSIONS`, or `&[]`).
    pub fn body<B: Serialize + ?Sized>(
        mut self,
        body: &B,
        field_versions: &'static [FieldVersion],
    ) -> Call {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => self.fail(cannot_serialize("body", e)),
        }
        self.check_later(field_versions, "body", body);
        self
    }

    /// The request body's media type when it is not `application/json` (a
    /// JSON-Patch document's `application/openstack-images-v2.1-json-patch`): the
    /// reference says which, so generated code passes it.
    pub fn content_type(mut self, media_type: &'static str) -> Call {
        match HeaderValue::from_str(media_type) {
            Ok(value) => self.headers.push((reqwest::header::CONTENT_TYPE, value)),
            Err(_) => self.fail(Error::InvalidArgument {
                name: "content_type".to_owned(),
                reason: format!(
                    "`{}` is not a media type a header can carry",
                    media_type.escape_debug()
                ),
            }),
        }
        self
    }

    /// Adds the caller's headers (name, value; `None` is not sent): the request
    /// headers an API reference lists beside the ones the client owns. A value
    /// that cannot be a header value is [`Error::InvalidArgument`] naming it.
    pub fn headers(mut self, headers: &[(&'static str, Option<&str>)]) -> Call {
        match caller_headers(headers) {
            Ok(headers) => self.headers.extend(headers),
            Err(e) => self.fail(e),
        }
        self
    }

    /// The call as a future: awaiting it checks the fields against the
    /// microversion (negotiating it first with [`Microversion::Negotiate`]), sends
    /// the request, and decodes a 2xx body into `R`, as [`Client::call`] does.
    pub fn send<R: DeserializeOwned + Serialize + Send + 'static>(self) -> Pending<R> {
        Box::pin(async move {
            let Call {
                client,
                op,
                microversion,
                url,
                body,
                headers,
                field_checks,
                error,
            } = self;
            let url = url?;
            if let Some(error) = error {
                return Err(error);
            }
            for (fields, value) in &field_checks {
                client
                    .check_field_value(op, fields, value, microversion)
                    .await?;
            }
            let version = client.resolve_microversion(op, microversion).await?;
            let response = client.execute(op, url, body, &headers, version).await?;
            client.report_unknown_fields(op, &response);
            Ok(response)
        })
    }

    /// Keeps the first mistake: it is the one the caller made first.
    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    /// Keeps `value` as JSON to check against `fields` once the version is known.
    fn check_later<T: Serialize + ?Sized>(
        &mut self,
        fields: &'static [FieldVersion],
        what: &str,
        value: &T,
    ) {
        if fields.is_empty() || self.op.service.microversion.is_none() {
            return;
        }
        match serde_json::to_value(value) {
            Ok(value) => self.field_checks.push((fields, value)),
            Err(e) => self.fail(cannot_serialize(what, e)),
        }
    }
}
