//! Calls through the generated client, each one checked and recorded.
//!
//! Every call goes to the service through the generated `OPERATION` (method, path,
//! documented statuses) with its request body and query first decoded into the
//! generated `Request`/`Query` types (a body that does not fit them is a failure,
//! not a call), and its reply kept as the service sent it, so the check can say more than
//! "it decoded": the reply is decoded into the generated `Response` type and
//! serialized back, and must equal what the service sent. The raw reply also goes to the
//! record, where the test checks that no key of it would land in `extra`.

use std::future::Future;
use std::sync::Mutex;
use std::time::Instant;

use apiref::runtime::{Client, Error, Json, Microversion, Operation, Version};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What a lifecycle step returns: any failure ends that lifecycle, is recorded as a
/// failed check, and the next lifecycle runs.
pub type Step<T = ()> = Result<T, Box<dyn std::error::Error>>;

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

/// The clients of the three roles and the record of every call.
pub struct Ctx {
    admin: Client,
    member: Client,
    reader: Client,
    other: Option<Client>,
    /// The project of the tokens.
    pub project: String,
    records: Mutex<Vec<Record>>,
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
        Ok(Ctx {
            admin: client(tokens[0])?,
            member: client(tokens[1])?,
            reader: client(tokens[2])?,
            other: None,
            project: project.to_owned(),
            records: Mutex::new(Vec::new()),
        })
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
            records: Mutex::new(Vec::new()),
        }
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
    pub fn record_call(&self, op: &Operation, role: Role, status: Option<u16>, failure: Option<String>) {
        self.record(Record {
            op: op.name.to_owned(),
            role,
            microversion: String::new(),
            status,
            outcome: if failure.is_none() { Outcome::Ok } else { Outcome::Error },
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
    pub fn called(&self) -> std::collections::BTreeSet<String> {
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
    /// response types (`Json` where it has none), recorded. Returns the reply as
    /// the service sent it, for the lifecycles to read ids and statuses from.
    #[allow(clippy::too_many_arguments)]
    pub async fn exec<Q, B, R>(
        &self,
        op: &Operation,
        role: Role,
        version: &str,
        args: &[&str],
        query: Option<Json>,
        body: Option<Json>,
    ) -> Result<Json, Error>
    where
        Q: DeserializeOwned + Serialize,
        B: DeserializeOwned + Serialize,
        R: DeserializeOwned + Serialize,
    {
        self.exec_as::<Q, B, R>(op, None, role, version, args, query, body)
            .await
    }

    /// [`exec`](Ctx::exec) with the request body's media type when the reference
    /// names one other than JSON (Glance's JSON-Patch), as the generated function
    /// sends it.
    #[allow(clippy::too_many_arguments)]
    pub async fn exec_as<Q, B, R>(
        &self,
        op: &Operation,
        content_type: Option<&'static str>,
        role: Role,
        version: &str,
        args: &[&str],
        query: Option<Json>,
        body: Option<Json>,
    ) -> Result<Json, Error>
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
pub fn path_args(path: &str, value: impl Fn(&str) -> String) -> Vec<String> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(value)
        .collect()
}

/// The body a sweep sends with `method`: the reference's own request sample, else
/// an empty object, for the methods that carry one.
pub fn sweep_body(method: &str, sample: Option<Json>) -> Option<Json> {
    matches!(method, "POST" | "PUT" | "PATCH").then(|| sample.unwrap_or_else(|| Json::Object(Default::default())))
}
