//! What a generated endpoint function does: [`Client::prepare`] starts a [`Call`]
//! of one operation, [`Call::query`], [`Call::body`] (or [`Call::upload`]) and
//! [`Call::headers`] add what the operation takes, and [`Call::send`] (or
//! [`Call::download`], for a reply of raw data) turns it into a [`Pending`]
//! call: the endpoint function's return value. A caller may choose its microversion
//! ([`Pending::microversion`]; the client's default otherwise), then awaits it,
//! which sends the request and reads the reply. [`Client::call`] takes the same
//! path in one step, so every call is checked and sent by [`Call`]'s code.
//!
//! Why generated functions are not `async fn`s: each `async fn` is a coroutine
//! rustc must type-check, borrow-check and lay out, and a reference with hundreds
//! of operations would pay for hundreds of them in its first `cargo check`. A
//! plain function that prepares the call and returns this module's `Pending` is a
//! few method calls. The call owns everything it needs (the URL, the body's bytes,
//! a clone of the client, which shares the connection pool), so it borrows none
//! of the arguments: it can be stored, or spawned once turned into its future.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::{
    Client, Outgoing, RequestBody, append_query, caller_headers, cannot_serialize,
};
use crate::error::Error;
use crate::field_versions::FieldVersion;
use crate::microversion::Microversion;
use crate::operation::Operation;
use crate::response::Response;
use crate::transfer::{Download, Upload};

/// A call ready to send, what an endpoint function returns: `.await` it to send
/// the request and read the reply, the body decoded as `R`. It borrows nothing.
///
/// ```no_run
/// # async fn f(client: &apiref_runtime::Client, call: apiref_runtime::Pending<serde_json::Value>)
/// # -> Result<(), apiref_runtime::Error> {
/// use apiref_runtime::{Microversion, Version};
/// let reply = call.microversion(Microversion::Exact(Version::new(2, 96))).await?;
/// # Ok(()) }
/// ```
#[must_use = "a call is sent when it is awaited"]
pub struct Pending<R> {
    call: Call,
    /// How the reply is read: decoded as JSON ([`Call::send`]) or left on the
    /// connection ([`Call::download`]).
    finish: fn(Call) -> Sending<R>,
    reply: PhantomData<fn() -> R>,
}

/// A call on its way: the future [`Pending`] becomes when awaited (or
/// [`Pending::send`] gives, to spawn it). It borrows nothing and is `Send`.
pub type Sending<R> = Pin<Box<dyn Future<Output = Result<Response<R>, Error>> + Send>>;

impl<R> Pending<R> {
    /// Sends this call at `microversion` instead of the client's default
    /// ([`ClientBuilder::microversion`](crate::ClientBuilder::microversion)). A
    /// service without microversions refuses any but [`Microversion::Default`].
    pub fn microversion(mut self, microversion: Microversion) -> Self {
        self.call.microversion = microversion;
        self
    }
}

impl<R> Pending<R> {
    /// The call as a future, to spawn or store; awaiting [`Pending`] does the same.
    pub fn send(self) -> Sending<R> {
        (self.finish)(self.call)
    }
}

impl<R> IntoFuture for Pending<R> {
    type Output = Result<Response<R>, Error>;
    type IntoFuture = Sending<R>;

    fn into_future(self) -> Sending<R> {
        self.send()
    }
}

/// A call being prepared: the operation, its filled path and what was added so
/// far. Everything is checked as it is added; the first mistake (a path argument
/// that is empty, a query that is not an object, a header value with a line
/// break) is what the [`Pending`] future returns, without sending anything.
#[must_use = "a call is sent by `send()` and awaiting what it returns"]
pub struct Call {
    client: Client,
    /// A copy of the operation: it is a few words, and a copy lets
    /// [`Client::call`] take an operation that is not `'static`.
    op: Operation,
    microversion: Microversion,
    url: Result<reqwest::Url, Error>,
    body: Option<RequestBody>,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The query and the body as JSON values, with the fields of each that exist
    /// only in a range of microversions: checked once the version is known.
    field_checks: Vec<(&'static [FieldVersion], serde_json::Value)>,
    /// A mistake in the query, body or headers (the path's is in `url`).
    error: Option<Error>,
}

impl Client {
    /// What generated endpoint functions call (hand-written code uses
    /// [`Client::call`]): starts a call of `op`, its path filled from `path_args` (one per
    /// `{placeholder}`, in order, each percent-encoded as one segment), at the
    /// client's default microversion unless [`Pending::microversion`] says otherwise.
    #[doc(hidden)]
    pub fn prepare(&self, op: &Operation, path_args: &[&str]) -> Call {
        Call {
            client: self.clone(),
            op: *op,
            microversion: Microversion::Default,
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
            Ok(bytes) => self.body = Some(RequestBody::Bytes(bytes)),
            Err(e) => self.fail(cannot_serialize("body", e)),
        }
        self.check_later(field_versions, "body", body);
        self
    }

    /// A body the operation always sends as written (an action that takes
    /// nothing but its name, `{"shelve":null}`): JSON text, unchecked.
    pub fn json_body(mut self, json: &'static str) -> Call {
        self.body = Some(RequestBody::Bytes(json.as_bytes().to_vec()));
        self
    }

    /// A body of raw data, read as it is sent (`Content-Type:
    /// application/octet-stream` unless [`content_type`](Call::content_type)
    /// names another).
    pub fn upload(mut self, upload: Upload) -> Call {
        self.body = Some(RequestBody::Stream(upload));
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

    /// The call, ready to send: awaiting it checks the fields against the
    /// microversion (negotiating it first with [`Microversion::Negotiate`]), sends
    /// the request, and decodes a 2xx body into `R`, as [`Client::call`] does.
    pub fn send<R: DeserializeOwned + Serialize + Send + 'static>(self) -> Pending<R> {
        Pending {
            call: self,
            finish: Call::into_sending::<R>,
            reply: PhantomData,
        }
    }

    /// The call, ready to send, for an operation whose 2xx reply is raw data:
    /// awaiting it gives the reply with its body not read yet, a [`Download`].
    /// An error reply is read and typed as [`send`](Call::send)'s are.
    pub fn download(self) -> Pending<Download> {
        Pending {
            call: self,
            finish: Call::into_download,
            reply: PhantomData,
        }
    }

    fn into_download(self) -> Sending<Download> {
        Box::pin(async move {
            let (client, request) = self.checked().await?;
            client.execute_download(request).await
        })
    }

    fn into_sending<R: DeserializeOwned + Serialize + Send + 'static>(self) -> Sending<R> {
        Box::pin(async move {
            let client = self.client.clone();
            let op = self.op;
            let response = self.run().await?;
            client.report_unknown_fields(&op, &response);
            Ok(response)
        })
    }

    /// Sets the microversion, for [`Client::call`], which takes it as an argument.
    pub(crate) fn at(mut self, microversion: Microversion) -> Call {
        self.microversion = microversion;
        self
    }

    /// Checks what was added against the microversion, sends the request and
    /// reads the reply: what awaiting a [`Pending`] and [`Client::call`] both do.
    pub(crate) async fn run<R: DeserializeOwned>(self) -> Result<Response<R>, Error> {
        let (client, request) = self.checked().await?;
        client.execute(request).await
    }

    /// Checks what was added against the microversion (negotiating it first if
    /// asked): what is left to send, and the microversion header to send it at.
    async fn checked(self) -> Result<(Client, Outgoing), Error> {
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
        // Negotiation stays within what the fields this call sets exist in,
        // as it stays within the operation's own range.
        let mut bounded = op;
        for (fields, value) in &field_checks {
            let (min, max) = crate::field_versions::set_range(fields, value);
            bounded.min_microversion = bounded.min_microversion.max(min);
            bounded.max_microversion = match (bounded.max_microversion, max) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        for (fields, value) in &field_checks {
            client
                .check_field_value(&bounded, fields, value, microversion)
                .await?;
        }
        let version = client.resolve_microversion(&bounded, microversion).await?;
        let request = Outgoing {
            op,
            url,
            body,
            headers,
            microversion: version,
        };
        Ok((client, request))
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
