//! Calls through the generated client, each one checked and recorded.
//!
//! Every call goes to the service through the generated `OPERATION` (method, path,
//! documented statuses) with its request body and query first decoded into the
//! generated `Request`/`Query` types (a body that does not fit them is a failure,
//! not a call), and its reply kept as the service sent it, so the check can say more than
//! "it decoded": the reply is decoded into the generated `Response` type and
//! serialized back, and must equal what the service sent. The raw reply also goes to the
//! record, where the test checks that no key of it would land in `extra`.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::Mutex;
use std::time::Instant;

use apiref::runtime::{Client, Error, Json, Microversion, Operation, Version};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What a lifecycle step returns: any failure ends that lifecycle, is recorded as a
/// failed check, and the next lifecycle runs.
pub type Step<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A reply as the service sent it, or the typed error.
pub type Reply = Result<Json, Error>;

/// Every role of the project, for the reads all of them may make.
pub const ALL_ROLES: [Role; 3] = [Role::Admin, Role::Member, Role::Reader];

/// Who calls: the harness's tokens for one project, with the roles the services'
/// default policy distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// admin, member and reader.
    Admin,
    /// member and reader.
    Member,
    /// reader only.
    Reader,
    /// A member of a second project: the other side of a share or a transfer.
    Other,
}

/// What became of one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A 2xx reply that decoded and serialized back to exactly what the service sent.
    Ok,
    /// 410: the service removed the API (`Error::Gone`).
    Gone,
    /// Any other error reply or failure to call (expected or not: the caller says).
    Error,
    /// A 2xx reply the generated `Response` type does not decode.
    DecodeFailed,
    /// A 2xx reply that decoded but serialized back differently.
    NotExact,
    /// The request body or query did not fit the generated type; nothing was sent.
    RequestMismatch,
    /// A check of the conformance program itself failed (a lifecycle step, an
    /// error's fault name).
    CheckFailed,
    /// A check of the conformance program passed (typed errors, waiters).
    CheckPassed,
}

/// One line of the record the test reads.
#[derive(Debug, Serialize)]
pub struct Record {
    /// The operation's generated name (`servers::reboot`), or the check's name.
    pub op: String,
    /// Who called.
    pub role: Role,
    /// The microversion asked for (`2.1`, `2.96`, `latest`).
    pub microversion: String,
    /// The reply's status, if one came.
    pub status: Option<u16>,
    /// What became of it.
    pub outcome: Outcome,
    /// The error, decode path, or check message.
    pub detail: String,
    /// The reply body as the service sent it (`null` for errors and empty bodies).
    pub reply: Json,
}

/// The clients of the three roles, the record of every call, and the ids the
/// lifecycles leave for the sweep.
pub struct Ctx {
    admin: Client,
    member: Client,
    reader: Client,
    other: Option<Client>,
    /// The project of the tokens.
    pub project: String,
    /// Path arguments every call starts with (Cinder's project), before its own.
    leading_args: Vec<String>,
    records: Mutex<Vec<Record>>,
    /// Ids the sweep substitutes into paths, by path placeholder.
    ids: Mutex<BTreeMap<String, String>>,
}

/// `2.47` or `latest` as the runtime's microversion; empty for none (a service
/// without microversions, or its base version).
pub fn microversion(text: &str) -> Microversion {
    match text {
        "" => return Microversion::Default,
        "latest" => return Microversion::Latest,
        _ => {}
    }
    Microversion::Exact(
        text.parse::<Version>()
            .unwrap_or_else(|e| panic!("{text}: {e}")),
    )
}

impl Ctx {
    /// Clients for `url` with the harness's fixed tokens.
    pub fn new(url: &str, project: &str, tokens: [&str; 3]) -> Result<Ctx, Error> {
        let client = |token: &str| Client::builder(url).token(token).build();
        Ok(Ctx::with_clients(
            project,
            [client(tokens[0])?, client(tokens[1])?, client(tokens[2])?],
        ))
    }

    /// Clients built by the program, for a service whose tokens alone do not say
    /// the roles (Placement's noauth2 reads them from an `X-Roles` header).
    pub fn with_clients(project: &str, [admin, member, reader]: [Client; 3]) -> Ctx {
        Ctx {
            admin,
            member,
            reader,
            other: None,
            project: project.to_owned(),
            leading_args: Vec::new(),
            records: Mutex::new(Vec::new()),
            ids: Mutex::new(BTreeMap::new()),
        }
    }

    /// The same, for a service whose paths start with the project
    /// (`/v3/{project_id}/...`): [`Versioned`]'s calls put it first themselves.
    pub fn project_in_paths(mut self) -> Ctx {
        self.leading_args = vec![self.project.clone()];
        self
    }

    /// The same, with a second project's member token for [`Role::Other`].
    pub fn with_other(mut self, url: &str, token: &str) -> Result<Ctx, Error> {
        self.other = Some(Client::builder(url).token(token).build()?);
        Ok(self)
    }

    /// The client of `role`.
    pub fn client(&self, role: Role) -> &Client {
        match role {
            Role::Admin => &self.admin,
            Role::Member => &self.member,
            Role::Reader => &self.reader,
            Role::Other => self
                .other
                .as_ref()
                .expect("a call as Role::Other needs Ctx::with_other"),
        }
    }

    /// Appends a record.
    pub fn record(&self, record: Record) {
        self.records.lock().expect("records").push(record);
    }

    /// Records a call the program made through a generated function itself, for an
    /// operation whose body is not JSON (image data), so nothing was decoded: its
    /// status, and what went wrong if the call or the program's check of it failed.
    pub fn record_call(
        &self,
        op: &Operation,
        role: Role,
        status: Option<u16>,
        failure: Option<String>,
    ) {
        self.record(Record {
            op: op.name.to_owned(),
            role,
            microversion: String::new(),
            status,
            outcome: if failure.is_none() {
                Outcome::Ok
            } else {
                Outcome::Error
            },
            detail: failure.unwrap_or_default(),
            reply: Json::Null,
        });
    }

    /// Records a check of the program itself.
    pub fn check(&self, name: &str, passed: bool, detail: impl Into<String>) {
        self.record(Record {
            op: name.to_owned(),
            role: Role::Admin,
            microversion: String::new(),
            status: None,
            outcome: if passed {
                Outcome::CheckPassed
            } else {
                Outcome::CheckFailed
            },
            detail: detail.into(),
            reply: Json::Null,
        });
    }

    /// Runs one lifecycle of the program: prints how long it took, and records a
    /// failure as a failed check so the test reports it.
    pub async fn lifecycle(&self, name: &str, body: impl Future<Output = Step>) {
        let started = Instant::now();
        let outcome = body.await;
        let seconds = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => println!("{name:<24} done in {seconds:.1}s"),
            Err(e) => {
                println!("{name:<24} FAILED after {seconds:.1}s: {e}");
                self.check(name, false, e.to_string());
            }
        }
    }

    /// Writes the record to the file `CONFORMANCE_RECORDS` names, where the test
    /// reads it.
    pub fn write_records(&self) {
        let path = std::env::var("CONFORMANCE_RECORDS").expect("CONFORMANCE_RECORDS");
        std::fs::write(&path, self.records_jsonl())
            .unwrap_or_else(|e| panic!("write the records to {path}: {e}"));
    }

    /// The operations called so far (successfully or not), for a sweep that calls
    /// the rest.
    pub fn called(&self) -> BTreeSet<String> {
        let records = self.records.lock().expect("records");
        records
            .iter()
            .filter(|r| !matches!(r.outcome, Outcome::CheckPassed | Outcome::CheckFailed))
            .map(|r| r.op.clone())
            .collect()
    }

    /// Every record so far, one JSON object a line.
    pub fn records_jsonl(&self) -> String {
        let records = self.records.lock().expect("records");
        let mut out = String::new();
        for record in records.iter() {
            out.push_str(&serde_json::to_string(record).expect("record serializes"));
            out.push('\n');
        }
        out
    }

    /// One call of `op`, `Q`, `B` and `R` being its generated query, request and
    /// response types (`Json` where it has none), recorded, with the request body's
    /// media type when the reference names one other than JSON (Glance's
    /// JSON-Patch), as the generated function sends it. Returns the reply as the
    /// service sent it, for the lifecycles to read ids and statuses from.
    #[allow(clippy::too_many_arguments)]
    pub async fn exec<Q, B, R>(
        &self,
        op: &Operation,
        content_type: Option<&'static str>,
        role: Role,
        version: &str,
        args: &[&str],
        query: Option<Json>,
        body: Option<Json>,
    ) -> Reply
    where
        Q: DeserializeOwned + Serialize,
        B: DeserializeOwned + Serialize,
        R: DeserializeOwned + Serialize,
    {
        let mut record = Record {
            op: op.name.to_owned(),
            role,
            microversion: version.to_owned(),
            status: None,
            outcome: Outcome::Error,
            detail: String::new(),
            reply: Json::Null,
        };
        let query = match query.map(|q| retype::<Q>(q, "query")).transpose() {
            Ok(q) => q,
            Err(reason) => return Err(self.mismatch(record, reason)),
        };
        let body = match body.map(|b| retype::<B>(b, "body")).transpose() {
            Ok(b) => b,
            Err(reason) => return Err(self.mismatch(record, reason)),
        };
        let reply = self
            .client(role)
            .call_with_headers::<Q, B, Json>(
                op,
                args,
                query.as_ref(),
                body.as_ref(),
                &[("Content-Type", content_type)],
                microversion(version),
            )
            .await;
        match reply {
            Ok(reply) => {
                record.status = Some(reply.status);
                let raw = reply.body;
                match serde_path_to_error::deserialize::<_, R>(&raw) {
                    Ok(typed) => {
                        let back = serde_json::to_value(&typed).expect("typed reply serializes");
                        if same_json(&back, &raw) {
                            record.outcome = Outcome::Ok;
                        } else {
                            record.outcome = Outcome::NotExact;
                            record.detail = format!("serialized back as {back}");
                        }
                    }
                    Err(e) => {
                        record.outcome = Outcome::DecodeFailed;
                        record.detail = format!("{} at {}", e.inner(), e.path());
                    }
                }
                record.reply = raw.clone();
                self.record(record);
                Ok(raw)
            }
            Err(e) => {
                record.status = e.status();
                record.outcome = if matches!(e, Error::Gone(_)) {
                    Outcome::Gone
                } else {
                    Outcome::Error
                };
                record.detail = e.to_string();
                self.record(record);
                Err(e)
            }
        }
    }

    /// Calls `op` by name with its generated types (see `dispatch`) at `version`
    /// (empty: none), with every path argument.
    pub async fn call(
        &self,
        op: &str,
        role: Role,
        version: &str,
        args: &[&str],
        query: Option<Json>,
        body: Option<Json>,
    ) -> Reply {
        crate::dispatch::call(self, op, role, version, args, query, body).await
    }

    fn lead<'a>(&'a self, args: &[&'a str]) -> Vec<&'a str> {
        self.leading_args
            .iter()
            .map(String::as_str)
            .chain(args.iter().copied())
            .collect()
    }

    /// Remembers an id for the sweep, under its path placeholder (`server_id`).
    pub fn remember(&self, placeholder: &str, id: &str) {
        self.ids
            .lock()
            .expect("ids")
            .insert(placeholder.to_owned(), id.to_owned());
    }

    /// The sweep: calls every operation no lifecycle called (successfully or not)
    /// and `skip` (given the name and path) does not exclude, once, as admin at
    /// `version`, with the reference's own request sample (or `{}`) as the body
    /// of a POST, PUT or PATCH, so the report shows what the service said to each.
    /// A path placeholder takes `fixed`'s value, else the id a lifecycle
    /// remembered, else `fallback`.
    pub async fn sweep(
        &self,
        version: &str,
        fallback: &str,
        skip: impl Fn(&str, &str) -> bool,
        fixed: impl Fn(&str) -> Option<String>,
    ) -> Step {
        let called = self.called();
        let ids = self.ids.lock().expect("ids").clone();
        for (op, method, path) in crate::dispatch::OPERATIONS {
            if called.contains(*op) || skip(op, path) {
                continue;
            }
            let args = path_args(path, |name| {
                fixed(name)
                    .or_else(|| ids.get(name).cloned())
                    .unwrap_or_else(|| fallback.to_owned())
            });
            // The placeholders name every argument, the project's too.
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let body = matches!(*method, "POST" | "PUT" | "PATCH").then(|| {
                crate::dispatch::request_sample(op)
                    .unwrap_or_else(|| Json::Object(Default::default()))
            });
            let _ = crate::dispatch::call(self, op, Role::Admin, version, &args, None, body).await;
        }
        Ok(())
    }

    /// Checks that `result` failed with `status`, as the `Error` variant of that
    /// status, with `fault` as the fault name, a message and a `req-` request id;
    /// records the check as `typed error <status> (<name>)` and returns whether it
    /// passed.
    pub fn expect_error(&self, name: &str, result: &Reply, status: u16, fault: &str) -> bool {
        self.expect_typed(name, result, (status, fault), true)
    }

    /// [`Ctx::expect_error`] for a reply that comes before the service's
    /// request-id middleware runs (Glance's auth filter answers a 401 itself).
    pub fn expect_error_without_id(
        &self,
        name: &str,
        result: &Reply,
        status: u16,
        fault: &str,
    ) -> bool {
        self.expect_typed(name, result, (status, fault), false)
    }

    fn expect_typed(
        &self,
        name: &str,
        result: &Reply,
        (status, fault): (u16, &str),
        request_id: bool,
    ) -> bool {
        let passed = result.as_ref().err().is_some_and(|e| {
            variant_of(e) == Some(status)
                && e.api_error().is_some_and(|a| {
                    a.status == status
                        && a.fault.as_deref() == Some(fault)
                        && a.message.as_deref().is_some_and(|m| !m.trim().is_empty())
                        && (!request_id
                            || a.request_id
                                .as_deref()
                                .is_some_and(|id| id.starts_with("req-")))
                })
        });
        let detail = match result {
            Ok(reply) => format!("succeeded: {reply}"),
            Err(e) if passed => e.to_string(),
            Err(e) => format!(
                "expected {status} {fault} with a message{}, got {e:?}",
                if request_id { " and a request id" } else { "" }
            ),
        };
        let check = format!("typed error {status} ({name})");
        if passed {
            println!("{check}: {detail}");
        }
        self.check(&check, passed, detail);
        passed
    }

    fn mismatch(&self, mut record: Record, reason: String) -> Error {
        record.outcome = Outcome::RequestMismatch;
        record.detail = reason.clone();
        self.record(record);
        Error::InvalidArgument {
            name: "body".to_owned(),
            reason,
        }
    }
}

/// The status an error's variant stands for, so a check can tell that a status
/// arrived as its own variant; `UnexpectedStatus` stands for the rest.
fn variant_of(e: &Error) -> Option<u16> {
    Some(match e {
        Error::BadRequest(_) => 400,
        Error::Unauthorized(_) => 401,
        Error::Forbidden(_) => 403,
        Error::NotFound(_) => 404,
        Error::MethodNotAllowed(_) => 405,
        Error::Conflict(_) => 409,
        Error::Gone(_) => 410,
        Error::UnsupportedMediaType(_) => 415,
        Error::NotImplemented(_) => 501,
        Error::ServiceUnavailable(_) => 503,
        // Only a status no variant of its own stands for.
        Error::UnexpectedStatus(a) if !DEDICATED.contains(&a.status) => a.status,
        _ => return None,
    })
}

/// The statuses with a variant of their own.
const DEDICATED: [u16; 10] = [400, 401, 403, 404, 405, 409, 410, 415, 501, 503];

/// The calls a program makes, on its run state (`run.get(...)`) as on the
/// [`Ctx`] itself; the project leads the path arguments where
/// [`Ctx::project_in_paths`] says so.
#[allow(async_fn_in_trait)]
pub trait Versioned {
    /// Where the calls go.
    fn ctx(&self) -> &Ctx;

    /// A call with no query and no body.
    async fn get(&self, op: &str, role: Role, version: &str, args: &[&str]) -> Reply {
        let ctx = self.ctx();
        ctx.call(op, role, version, &ctx.lead(args), None, None)
            .await
    }

    /// A call with a query.
    async fn query(&self, op: &str, role: Role, version: &str, args: &[&str], q: Json) -> Reply {
        let ctx = self.ctx();
        ctx.call(op, role, version, &ctx.lead(args), Some(q), None)
            .await
    }

    /// A call with a body.
    async fn send(&self, op: &str, role: Role, version: &str, args: &[&str], body: Json) -> Reply {
        let ctx = self.ctx();
        ctx.call(op, role, version, &ctx.lead(args), None, Some(body))
            .await
    }

    /// [`Ctx::remember`].
    fn remember(&self, placeholder: &str, id: &str) {
        self.ctx().remember(placeholder, id);
    }
}

impl Versioned for Ctx {
    fn ctx(&self) -> &Ctx {
        self
    }
}

/// The calls of a service without microversions (Neutron, Glance): [`Ctx`]'s,
/// without the version argument.
#[allow(async_fn_in_trait)]
pub trait Unversioned {
    /// Where the calls go.
    fn ctx(&self) -> &Ctx;

    /// [`Versioned::get`] with no version.
    async fn get(&self, op: &str, role: Role, args: &[&str]) -> Reply {
        Versioned::get(self.ctx(), op, role, "", args).await
    }

    /// [`Versioned::query`] with no version.
    async fn query(&self, op: &str, role: Role, args: &[&str], query: Json) -> Reply {
        Versioned::query(self.ctx(), op, role, "", args, query).await
    }

    /// [`Versioned::send`] with no version.
    async fn send(&self, op: &str, role: Role, args: &[&str], body: Json) -> Reply {
        Versioned::send(self.ctx(), op, role, "", args, body).await
    }

    /// [`Ctx::remember`].
    fn remember(&self, placeholder: &str, id: &str) {
        self.ctx().remember(placeholder, id);
    }
}

/// `value` as the generated type `T`, serialized back: what the generated client
/// would send. Refused if `T` does not hold it exactly.
fn retype<T: DeserializeOwned + Serialize>(value: Json, what: &str) -> Result<T, String> {
    let typed: T = serde_path_to_error::deserialize(&value).map_err(|e| {
        format!(
            "{what} does not fit the generated type: {} at {}",
            e.inner(),
            e.path()
        )
    })?;
    let back = serde_json::to_value(&typed).expect("typed value serializes");
    if !same_json(&back, &value) {
        return Err(format!(
            "{what} does not round-trip: sent {value}, typed {back}"
        ));
    }
    Ok(typed)
}

/// JSON equality where numbers compare by value: with serde_json's
/// `arbitrary_precision` (which the runtime enables) a number keeps its digits, and
/// the services' Python writes `8.888888888888889e-09` where Rust writes `…e-9`. Integers
/// still compare digit for digit.
pub fn same_json(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => {
            x == y
                || (x.as_f64().is_some()
                    && x.as_f64() == y.as_f64()
                    && !x.is_i64()
                    && !y.is_i64()
                    && !x.is_u64()
                    && !y.is_u64())
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// The values of `path`'s placeholders (`{server_id}`), in path order, each from
/// `value` given the placeholder's name: the arguments a sweep calls an operation
/// with.
fn path_args(path: &str, value: impl Fn(&str) -> String) -> Vec<String> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(value)
        .collect()
}

/// A string field of a reply, or an error naming it.
pub fn text(value: &Json, pointer: &str) -> Step<String> {
    value
        .pointer(pointer)
        .and_then(Json::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("no string at {pointer} in {value}").into())
}
