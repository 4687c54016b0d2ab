//! The Keystone conformance run: the client generated from Keystone's v3 reference
//! (`crate::identity`, with `spec/keystone-reference/identity.api-ref.toml`) against
//! a real Keystone, as admin and as a member. `tests/keystone_conformance.rs` writes
//! this file into a downstream crate as its `src/main.rs` and runs it (here it is no
//! test target: its folder under `tests/` has no `main.rs`);
//! `scripts/conformance identity` prints its report.
//!
//! Every call goes through the operation's generated `OPERATION` with a body built
//! from (so checked against) its generated `Request`/`Query` type; the reply is kept
//! as JSON, decoded into the generated `Response` and serialized back, which must
//! give the same JSON. Each reply is also written to `$CONFORMANCE_REPLIES` (one
//! `{"op", "body"}` per line) so the test can check that no key lands in `extra`.
//!
//! Output: one line per operation of the reference, `<name> ok`,
//! `<name> removed (410)`, `<name> not servable: <why>`, `<name> not run: <why>` or
//! `<name> FAILED: <why>`, then `identity totals: ...`; and one `error <status> ...` line per
//! error reply provoked on purpose.

use std::collections::BTreeMap;
use std::io::Write as _;

use apiref::runtime::{
    Client, DomainRef, Error, KeystoneAuth, Microversion, Operation, Password, ProjectRef,
    Response, Secret, UserRef,
};
use keystone_conformance::OPERATIONS;
use keystone_conformance::identity as api;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What became of one operation.
enum Outcome {
    Ok,
    Removed,
    NotServable(String),
    Failed(String),
}

#[derive(Default)]
struct Report {
    outcomes: BTreeMap<&'static str, Outcome>,
    replies: Vec<Value>,
    errors: Vec<String>,
}

impl Report {
    /// The first outcome of an operation stands, unless a later call succeeds
    /// where an earlier one could not be served.
    fn record(&mut self, op: &Operation, outcome: Outcome) {
        let replace = match self.outcomes.get(op.name) {
            None => true,
            Some(Outcome::NotServable(_)) => matches!(outcome, Outcome::Ok | Outcome::Failed(_)),
            Some(_) => matches!(outcome, Outcome::Failed(_)),
        };
        if replace {
            self.outcomes.insert(op.name, outcome);
        }
    }
}

/// A request or query value, through its generated type: a field the type does not
/// know would be kept in `extra`, so the JSON must round-trip exactly too.
fn typed<T: DeserializeOwned + Serialize>(value: Value) -> Result<T, String> {
    let typed: T = serde_json::from_value(value.clone())
        .map_err(|e| format!("request {value} does not fit its generated type: {e}"))?;
    if serde_json::to_value(&typed).map_err(|e| e.to_string())? != value {
        return Err(format!("request {value} does not round-trip"));
    }
    Ok(typed)
}

/// [`typed`] for a value known to fit.
fn must<T: DeserializeOwned + Serialize>(value: Value) -> T {
    typed(value).unwrap_or_else(|e| panic!("{e}"))
}

/// Calls `op`, records the outcome, and returns the typed reply and its raw form.
async fn run<R, Q, B>(
    report: &mut Report,
    client: &Client,
    op: &'static Operation,
    args: &[&str],
    query: Option<&Q>,
    body: Option<&B>,
) -> Option<(R, Response<Value>)>
where
    R: DeserializeOwned + Serialize,
    Q: Serialize,
    B: Serialize,
{
    match client
        .call::<Q, B, Value>(op, args, query, body, Microversion::Default)
        .await
    {
        Ok(reply) => {
            report
                .replies
                .push(json!({"op": op.name, "body": reply.body.clone()}));
            match serde_json::from_value::<R>(reply.body.clone()) {
                Ok(decoded) => {
                    let back = serde_json::to_value(&decoded).expect("serializes");
                    if back == reply.body {
                        report.record(op, Outcome::Ok);
                        Some((decoded, reply))
                    } else {
                        report.record(op, Outcome::Failed("does not round-trip".into()));
                        None
                    }
                }
                Err(e) => {
                    report.record(op, Outcome::Failed(format!("does not decode: {e}")));
                    None
                }
            }
        }
        Err(e) => {
            let outcome = match e.status() {
                Some(410) => Outcome::Removed,
                Some(status) => Outcome::NotServable(format!("HTTP {status}: {}", short(&e))),
                None => Outcome::Failed(e.to_string()),
            };
            report.record(op, outcome);
            None
        }
    }
}

fn short(e: &Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_owned()
}

/// The id at `pointer` of a raw reply (`/project/id`).
fn id(reply: &Option<(impl Sized, Response<Value>)>, pointer: &str) -> String {
    reply
        .as_ref()
        .and_then(|(_, r)| r.body.pointer(pointer))
        .and_then(Value::as_str)
        .unwrap_or("missing")
        .to_owned()
}

macro_rules! call {
    // A reply without a body (201/204 with nothing, HEAD).
    (empty $report:expr, $client:expr, $($op:ident)::+, [$($arg:expr),*] $(, query $q:expr)? $(, body $b:expr)?) => {
        call!(@run (), $report, $client, $($op)::+, [$($arg),*], call!(@qv [$($op)::+] $($q)?), call!(@bv [$($op)::+] $($b)?))
    };
    // A reply with a body: decoded into the generated `Response`.
    ($report:expr, $client:expr, $($op:ident)::+, [$($arg:expr),*] $(, query $q:expr)? $(, body $b:expr)?) => {
        call!(@run api::$($op)::+::Response, $report, $client, $($op)::+, [$($arg),*], call!(@qv [$($op)::+] $($q)?), call!(@bv [$($op)::+] $($b)?))
    };
    (@run $r:ty, $report:expr, $client:expr, $($op:ident)::+, [$($arg:expr),*], $q:expr, $b:expr) => {
        match ($q, $b) {
            (Ok(q), Ok(b)) => {
                run::<$r, _, _>(&mut $report, &$client, &api::$($op)::+::OPERATION, &[$($arg),*], q.as_ref(), b.as_ref()).await
            }
            (Err(e), _) | (_, Err(e)) => {
                $report.record(&api::$($op)::+::OPERATION, Outcome::Failed(e));
                None
            }
        }
    };
    (@qv [$($op:ident)::+]) => { Ok::<Option<()>, String>(None) };
    (@qv [$($op:ident)::+] $q:expr) => { typed::<api::$($op)::+::Query>($q).map(Some) };
    (@bv [$($op:ident)::+]) => { Ok::<Option<()>, String>(None) };
    (@bv [$($op:ident)::+] $b:expr) => { typed::<api::$($op)::+::Request>($b).map(Some) };
}

/// The harness's output (`APIREF_KEYSTONE_OUT`): `KEY value` lines, some of them
/// `key=value` pairs.
struct Harness(BTreeMap<String, String>);

impl Harness {
    fn read() -> Harness {
        let path = std::env::var("APIREF_KEYSTONE_OUT").expect("APIREF_KEYSTONE_OUT");
        let text = std::fs::read_to_string(&path).expect("harness output");
        let mut fields = BTreeMap::new();
        for line in text.lines() {
            if let Some((key, rest)) = line.split_once(' ') {
                fields.insert(key.to_owned(), rest.trim().to_owned());
                for pair in rest.split_whitespace() {
                    if let Some((k, v)) = pair.split_once('=') {
                        fields.insert(format!("{key}.{k}"), v.to_owned());
                    }
                }
            }
        }
        Harness(fields)
    }

    fn get(&self, key: &str) -> &str {
        self.0
            .get(key)
            .unwrap_or_else(|| panic!("no {key} in the harness output"))
    }
}

fn password_auth(h: &Harness, who: &str) -> KeystoneAuth {
    let user = UserRef::name(h.get(&format!("{who}.user")), DomainRef::name("Default"));
    KeystoneAuth::new(
        h.get("AUTH_URL"),
        Password::new(user, h.get(&format!("{who}.password"))).project(ProjectRef::name(
            h.get(&format!("{who}.project")),
            DomainRef::name("Default"),
        )),
    )
}

async fn connect(h: &Harness, who: &str) -> Client {
    Client::builder_keystone(password_auth(h, who))
        .service(&api::SERVICE)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("{who} logs in: {e}"))
}

/// A password identity for `auth/tokens` bodies.
fn password_identity(h: &Harness, who: &str) -> Value {
    json!({"methods": ["password"], "password": {"user": {
        "name": h.get(&format!("{who}.user")),
        "domain": {"name": "Default"},
        "password": h.get(&format!("{who}.password")),
    }}})
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let h = Harness::read();
    let admin = connect(&h, "ADMIN").await;
    let member = connect(&h, "USER").await;
    let mut r = Report::default();
    let tag = std::process::id();

    tokens(&mut r, &h, &admin, &member).await;
    catalog_and_scopes(&mut r, &member).await;
    let ids = identities(&mut r, &h, &admin, tag).await;
    roles(&mut r, &admin, &ids, tag).await;
    catalog_admin(&mut r, &admin, tag).await;
    credentials_and_app_credentials(&mut r, &h, &admin, &member, tag).await;
    policies_and_domain_config(&mut r, &admin, &ids).await;
    errors(&mut r, &h, &admin, &member).await;
    cleanup(&mut r, &admin, &ids).await;

    print_report(&r);
}

async fn tokens(r: &mut Report, h: &Harness, admin: &Client, member: &Client) {
    let scoped = call!(*r, admin, auth::tokens::password_scoped, [],
        body json!({"auth": {"identity": password_identity(h, "USER"),
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}));
    let subject = scoped
        .as_ref()
        .and_then(|(_, reply)| reply.header("x-subject-token"))
        .map(Secret::new);
    if subject.is_none() {
        r.record(
            &api::auth::tokens::password_scoped::OPERATION,
            Outcome::Failed("no X-Subject-Token reached the caller".into()),
        );
    }
    call!(*r, admin, auth::tokens::password, [],
        body json!({"auth": {"identity": password_identity(h, "USER")}}));
    call!(*r, admin, auth::tokens::password_explicit_unscoped, [],
        body json!({"auth": {"identity": password_identity(h, "USER"), "scope": "unscoped"}}));
    let Some(subject) = subject else { return };
    // Revoked tokens (PKI, removed): asked as admin, so the answer is about the API.
    call!(empty * r, admin, auth::tokens::pki::revoked, []);
    call!(*r, admin, auth::tokens::token, [],
        body json!({"auth": {"identity": {"methods": ["token"], "token": {"id": subject.expose()}}}}));
    call!(*r, admin, auth::tokens::token_scoped, [],
        body json!({"auth": {"identity": {"methods": ["token"], "token": {"id": subject.expose()}},
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}));
    call!(*r, admin, auth::tokens::token_explicit_unscoped, [],
        body json!({"auth": {"identity": {"methods": ["token"], "token": {"id": subject.expose()}},
            "scope": "unscoped"}}));
    call!(*r, admin, auth::tokens::multi_factor, [],
        body json!({"auth": {"identity": {"methods": ["token"], "token": {"id": subject.expose()}},
            "scope": "unscoped"}}));
    call!(*r, admin, auth::tokens::application_credential, [],
        body json!({"auth": {"identity": {"methods": ["application_credential"],
            "application_credential": {"id": h.get("APP_CRED.id"), "secret": h.get("APP_CRED.secret")}}}}));

    // Validate, check and revoke the member's token, as admin, by X-Subject-Token.
    let about = admin
        .with_header("x-subject-token", &subject)
        .expect("header");
    call!(*r, about, auth::tokens::get, [], query json!({}));
    call!(empty * r, about, auth::tokens::check, []);
    call!(empty * r, about, auth::tokens::delete, []);
    // A revoked token: Keystone answers 404, typed and with its request id.
    // Through the generated function: the subject token is its typed header.
    let headers = api::auth::tokens::get::RequestHeaders {
        x_subject_token: subject.clone(),
    };
    match api::auth::tokens::get(
        &admin,
        &must(json!({})),
        &headers)
    .await
    {
        Err(e) => r.errors.push(error_line(
            "validate a revoked token",
            &e,
            &[subject.expose()],
        )),
        Ok(_) => r
            .errors
            .push("validate a revoked token: FAILED: accepted".into()),
    }
    let _ = member;
}

async fn catalog_and_scopes(r: &mut Report, member: &Client) {
    call!(*r, member, auth::catalog, []);
    call!(*r, member, auth::projects, []);
    call!(*r, member, auth::domains, []);
    call!(*r, member, auth::system, []);
}

/// What the identity lifecycles created, for the later ones and the cleanup.
struct Ids {
    domain: String,
    project: String,
    user: String,
    group: String,
    admin_user: String,
}

async fn identities(r: &mut Report, h: &Harness, admin: &Client, tag: u32) -> Ids {
    // Domains.
    let domain = call!(*r, admin, domains::create, [],
        body json!({"domain": {"name": format!("conf-domain-{tag}"), "description": "conformance"}}));
    let domain = id(&domain, "/domain/id");
    call!(*r, admin, domains::list, [], query json!({}));
    call!(*r, admin, domains::get, [&domain]);
    call!(*r, admin, domains::update, [&domain], body json!({"domain": {"description": "updated"}}));

    // Projects and their tags.
    let project = call!(*r, admin, projects::create, [],
        body json!({"project": {"name": format!("conf-project-{tag}"), "domain_id": "default",
            "description": "conformance", "enabled": true}}));
    let project = id(&project, "/project/id");
    call!(*r, admin, projects::list, [], query json!({}));
    call!(*r, admin, projects::get, [&project], query json!({}));
    call!(*r, admin, projects::update, [&project], body json!({"project": {"description": "updated"}}));
    call!(*r, admin, projects::tags::replace, [&project], body json!({"tags": ["a", "b"]}));
    call!(*r, admin, projects::tags::list, [&project]);
    call!(
        empty * r,
        admin,
        projects::tags::add,
        [&project, "c"]
    );
    call!(
        empty * r,
        admin,
        projects::tags::get,
        [&project, "c"]
    );
    call!(
        empty * r,
        admin,
        projects::tags::delete,
        [&project, "c"]
    );
    call!(empty * r, admin, projects::tags::delete_all, [&project]);

    // Users and passwords.
    let user = call!(*r, admin, users::create, [],
        body json!({"user": {"name": format!("conf-user-{tag}"), "domain_id": "default",
            "password": "first-Passw0rd", "default_project_id": project}}));
    let user = id(&user, "/user/id");
    call!(*r, admin, users::list, [], query json!({}));
    call!(*r, admin, users::get, [&user]);
    call!(*r, admin, users::update, [&user], body json!({"user": {"description": "updated"}}));
    call!(*r, admin, users::projects, [&user]);
    call!(empty *r, admin, users::password, [&user],
        body json!({"user": {"original_password": "first-Passw0rd", "password": "second-Passw0rd"}}));

    // Groups and membership.
    let group = call!(*r, admin, groups::create, [],
        body json!({"group": {"name": format!("conf-group-{tag}"), "domain_id": "default",
            "description": "conformance"}}));
    let group = id(&group, "/group/id");
    call!(*r, admin, groups::list, [], query json!({}));
    call!(*r, admin, groups::get, [&group]);
    call!(*r, admin, groups::update, [&group], body json!({"group": {"description": "updated"}}));
    call!(empty * r, admin, groups::users::add, [&group, &user]);
    call!(
        empty * r,
        admin,
        groups::users::check,
        [&group, &user]
    );
    call!(*r, admin, groups::users::list, [&group], query json!({}));
    call!(*r, admin, users::groups, [&user]);

    let admin_user = admin_user_id(h, admin).await;
    Ids {
        domain,
        project,
        user,
        group,
        admin_user,
    }
}

async fn admin_user_id(h: &Harness, admin: &Client) -> String {
    let mut scratch = Report::default();
    let users = call!(scratch, admin, users::list, [], query json!({"name": h.get("ADMIN.user")}));
    id(&users, "/users/0/id")
}

async fn roles(r: &mut Report, admin: &Client, ids: &Ids, tag: u32) {
    let role = call!(*r, admin, roles::create, [],
        body json!({"role": {"name": format!("conf-role-{tag}"), "description": "conformance"}}));
    let role = id(&role, "/role/id");
    let implied = call!(*r, admin, roles::create, [],
        body json!({"role": {"name": format!("conf-implied-{tag}")}}));
    let implied = id(&implied, "/role/id");
    call!(*r, admin, roles::list, [], query json!({}));
    call!(*r, admin, roles::get, [&role]);
    call!(*r, admin, roles::update, [&role], body json!({"role": {"description": "updated"}}));
    let (p, d, u, g) = (&ids.project, &ids.domain, &ids.user, &ids.group);

    call!(
        empty * r,
        admin,
        projects::users::roles::add,
        [p, u, &role]
    );
    call!(
        empty * r,
        admin,
        projects::users::roles::check,
        [p, u, &role]
    );
    call!(*r, admin, projects::users::roles::list, [p, u]);
    call!(
        empty * r,
        admin,
        projects::groups::roles::add,
        [p, g, &role]
    );
    call!(
        empty * r,
        admin,
        projects::groups::roles::check,
        [p, g, &role]
    );
    call!(
        *r,
        admin,
        projects::groups::roles::list,
        [p, g]
    );
    call!(
        empty * r,
        admin,
        domains::users::roles::add,
        [d, u, &role]
    );
    call!(
        empty * r,
        admin,
        domains::users::roles::check,
        [d, u, &role]
    );
    call!(*r, admin, domains::users::roles::list, [d, u]);
    call!(
        empty * r,
        admin,
        domains::groups::roles::add,
        [d, g, &role]
    );
    call!(
        empty * r,
        admin,
        domains::groups::roles::check,
        [d, g, &role]
    );
    call!(*r, admin, domains::groups::roles::list, [d, g]);
    call!(*r, admin, role_assignments_inherit, [], query json!({}));
    call!(*r, admin, role_assignments_roles, [], query json!({"user.id": u}));

    // Inherited assignments (OS-INHERIT).
    call!(
        empty * r,
        admin,
        inherit::domains::users::roles::inherited_to_projects::add,
        [d, u, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::domains::users::roles::inherited_to_projects::check,
        [d, u, &role]
    );
    call!(
        *r,
        admin,
        inherit::domains::users::roles::inherited_to_projects::list,
        [d, u]
    );
    call!(
        empty * r,
        admin,
        inherit::domains::users::roles::inherited_to_projects::delete,
        [d, u, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::domains::groups::roles::inherited_to_projects::add,
        [d, g, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::domains::groups::roles::inherited_to_projects::check,
        [d, g, &role]
    );
    call!(
        *r,
        admin,
        inherit::domains::groups::roles::inherited_to_projects::list,
        [d, g]
    );
    call!(
        empty * r,
        admin,
        inherit::domains::groups::roles::inherited_to_projects::delete,
        [d, g, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::projects::users::roles::inherited_to_projects::replace,
        [p, u, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::projects::users::roles::inherited_to_projects::check,
        [p, u, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::projects::users::roles::inherited_to_projects::delete,
        [p, u, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::projects::groups::roles::inherited_to_projects::add,
        [p, g, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::projects::groups::roles::inherited_to_projects::check,
        [p, g, &role]
    );
    call!(
        empty * r,
        admin,
        inherit::projects::groups::roles::inherited_to_projects::delete,
        [p, g, &role]
    );

    // System role assignments.
    call!(empty * r, admin, system::users::roles::add, [u, &role]);
    call!(
        empty * r,
        admin,
        system::users::roles::check,
        [u, &role]
    );
    call!(
        empty * r,
        admin,
        system::users::roles::get,
        [u, &role]
    );
    call!(*r, admin, system::users::roles::list, [u]);
    call!(
        empty * r,
        admin,
        system::users::roles::delete,
        [u, &role]
    );
    call!(
        empty * r,
        admin,
        system::groups::roles::add,
        [g, &role]
    );
    call!(
        empty * r,
        admin,
        system::groups::roles::check,
        [g, &role]
    );
    call!(
        empty * r,
        admin,
        system::groups::roles::get,
        [g, &role]
    );
    call!(*r, admin, system::groups::roles::list, [g]);
    call!(
        empty * r,
        admin,
        system::groups::roles::delete,
        [g, &role]
    );

    // Implied roles.
    call!(*r, admin, roles::implies::add, [&role, &implied]);
    call!(*r, admin, roles::implies::get, [&role, &implied]);
    call!(
        empty * r,
        admin,
        roles::implies::check,
        [&role, &implied]
    );
    call!(*r, admin, roles::implies::list, [&role]);
    call!(*r, admin, role_inferences, []);
    call!(
        empty * r,
        admin,
        roles::implies::delete,
        [&role, &implied]
    );

    call!(
        empty * r,
        admin,
        projects::users::roles::delete,
        [p, u, &role]
    );
    call!(
        empty * r,
        admin,
        projects::groups::roles::delete,
        [p, g, &role]
    );
    call!(
        empty * r,
        admin,
        domains::users::roles::delete,
        [d, u, &role]
    );
    call!(
        empty * r,
        admin,
        domains::groups::roles::delete,
        [d, g, &role]
    );
    call!(empty * r, admin, roles::delete, [&implied]);
    call!(empty * r, admin, roles::delete, [&role]);
    let _ = &ids.admin_user;
}

async fn catalog_admin(r: &mut Report, admin: &Client, tag: u32) {
    let region = format!("conf-region-{tag}");
    call!(*r, admin, regions::create, [], body json!({"region": {"id": region, "description": "conformance"}}));
    call!(*r, admin, regions::list, [], query json!({}));
    call!(*r, admin, regions::get, [&region]);
    call!(*r, admin, regions::update, [&region], body json!({"region": {"description": "updated"}}));

    let service = call!(*r, admin, services::create, [],
        body json!({"service": {"type": format!("conf-{tag}"), "name": "conformance",
            "description": "conformance", "enabled": true}}));
    let service = id(&service, "/service/id");
    call!(*r, admin, services::list, [], query json!({}));
    call!(*r, admin, services::get, [&service]);
    call!(*r, admin, services::update, [&service], body json!({"service": {"description": "updated"}}));
    let endpoint = call!(*r, admin, endpoints::create, [],
        body json!({"endpoint": {"interface": "public", "region_id": region,
            "url": "http://127.0.0.1:9/v1", "service_id": service, "enabled": true}}));
    let endpoint = id(&endpoint, "/endpoint/id");
    call!(*r, admin, endpoints::list, [], query json!({}));
    call!(*r, admin, endpoints::get, [&endpoint]);
    call!(*r, admin, endpoints::update, [&endpoint], body json!({"endpoint": {"url": "http://127.0.0.1:9/v2"}}));

    // Unified limits, on that service and region.
    call!(*r, admin, limits::model, []);
    let registered = call!(*r, admin, registered_limits::create, [],
        body json!({"registered_limits": [{"service_id": service, "region_id": region,
            "resource_name": "widgets", "default_limit": 10, "description": "conformance"}]}));
    let registered = id(&registered, "/registered_limits/0/id");
    call!(*r, admin, registered_limits::list, [], query json!({}));
    call!(*r, admin, registered_limits::get, [&registered]);
    call!(*r, admin, registered_limits::update, [&registered],
        body json!({"registered_limit": {"default_limit": 20}}));
    let mut scratch = Report::default();
    let projects = call!(scratch, admin, projects::list, [], query json!({"name": "demo"}));
    let demo = id(&projects, "/projects/0/id");
    let limit = call!(*r, admin, limits::create, [],
        body json!({"limits": [{"service_id": service, "region_id": region, "project_id": demo,
            "resource_name": "widgets", "resource_limit": 5, "description": "conformance"}]}));
    let limit = id(&limit, "/limits/0/id");
    call!(*r, admin, limits::list, [], query json!({}));
    call!(*r, admin, limits::get, [&limit]);
    call!(*r, admin, limits::update, [&limit], body json!({"limit": {"resource_limit": 6}}));
    call!(empty * r, admin, limits::delete, [&limit]);
    call!(empty * r, admin, registered_limits::delete, [&registered]);

    call!(empty * r, admin, endpoints::delete, [&endpoint]);
    call!(empty * r, admin, services::delete, [&service]);
    call!(empty * r, admin, regions::delete, [&region]);
}

async fn credentials_and_app_credentials(
    r: &mut Report,
    h: &Harness,
    admin: &Client,
    member: &Client,
    tag: u32,
) {
    let user = h.get("USER_ID").to_owned();
    let credential = call!(*r, admin, credentials::create, [],
        body json!({"credential": {"type": "ec2", "user_id": user, "project_id": h.get("PROJECT_ID"),
            "blob": format!("{{\"access\": \"a{tag}\", \"secret\": \"s{tag}\"}}")}}));
    let credential = id(&credential, "/credential/id");
    call!(*r, admin, credentials::list, [], query json!({}));
    call!(*r, admin, credentials::get, [&credential]);
    call!(*r, admin, credentials::update, [&credential],
        body json!({"credential": {"blob": format!("{{\"access\": \"b{tag}\", \"secret\": \"s{tag}\"}}")}}));
    call!(empty * r, admin, credentials::delete, [&credential]);

    let app = call!(*r, member, users::application_credentials::create, [&user],
        body json!({"application_credential": {"name": format!("conf-app-{tag}"),
            "description": "conformance",
            "access_rules": [{"service": "compute", "method": "GET", "path": "/v2.1/servers"}]}}));
    let app_id = id(&app, "/application_credential/id");
    let rule = id(&app, "/application_credential/access_rules/0/id");
    call!(*r, member, users::application_credentials::list, [&user], query json!({}));
    call!(
        *r,
        member,
        users::application_credentials::get,
        [&user, &app_id]
    );
    call!(*r, member, users::access_rules::list, [&user]);
    call!(*r, member, users::access_rules::get, [&user, &rule]);
    call!(
        empty * r,
        member,
        users::application_credentials::delete,
        [&user, &app_id]
    );
    call!(empty * r, member, users::access_rules::delete, [&user, &rule]);
}

async fn policies_and_domain_config(r: &mut Report, admin: &Client, ids: &Ids) {
    let policy = call!(*r, admin, policies::create, [],
        body json!({"policy": {"blob": "{\"default\": \"\"}", "type": "application/json"}}));
    let policy = id(&policy, "/policy/id");
    call!(*r, admin, policies::list, [], query json!({}));
    call!(*r, admin, policies::get, [&policy]);
    call!(*r, admin, policies::update, [&policy], body json!({"policy": {"blob": "{}"}}));
    call!(empty * r, admin, policies::delete, [&policy]);

    let d = &ids.domain;
    call!(*r, admin, domains::config::default, []);
    call!(*r, admin, domains::config::default_by_group, ["ldap"]);
    call!(*r, admin, domains::config::default_by_option, ["ldap", "url"]);
    call!(*r, admin, domains::config::replace, [d],
        body json!({"config": {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://127.0.0.1:9", "user_tree_dn": "ou=Users,dc=example"}}}));
    call!(*r, admin, domains::config::list, [d]);
    call!(*r, admin, domains::config::update, [d], body json!({"config": {"ldap": {"url": "ldap://127.0.0.1:10"}}}));
    call!(*r, admin, domains::config::get_by_group, [d, "ldap"]);
    call!(*r, admin, domains::config::update_by_group, [d, "ldap"], body json!({"config": {"ldap": {"url": "ldap://127.0.0.1:11"}}}));
    call!(
        *r,
        admin,
        domains::config::get_by_option,
        [d, "ldap", "url"]
    );
    call!(*r, admin, domains::config::update_by_option, [d, "ldap", "url"], body json!({"config": {"url": "ldap://127.0.0.1:12"}}));
    call!(
        empty * r,
        admin,
        domains::config::delete_by_option,
        [d, "ldap", "user_tree_dn"]
    );
    call!(
        empty * r,
        admin,
        domains::config::delete_by_group,
        [d, "ldap"]
    );
    call!(empty * r, admin, domains::config::delete_all, [d]);
}

/// One line about an error reply provoked on purpose: its status, variant, whether it
/// kept Keystone's title, message and request id, and that none of `secrets` shows.
fn error_line(what: &str, e: &Error, secrets: &[&str]) -> String {
    let variant = format!("{e:?}");
    let variant = variant.split('(').next().unwrap_or_default().to_owned();
    let api = match e {
        Error::BadRequest(a)
        | Error::Unauthorized(a)
        | Error::Forbidden(a)
        | Error::NotFound(a)
        | Error::Conflict(a)
        | Error::UnexpectedStatus(a)
        | Error::Auth(a) => Some(a),
        _ => None,
    };
    let text = format!("{e} {e:?}");
    let leaked = secrets.iter().any(|s| !s.is_empty() && text.contains(s));
    match api {
        Some(a) => format!(
            "error {} {variant} title={} message={} request_id={} secret_shown={leaked} ({what})",
            a.status,
            a.fault.is_some(),
            a.message.is_some(),
            a.request_id.is_some(),
        ),
        None => format!(
            "error none {variant} secret_shown={leaked} ({what}): {}",
            short(e)
        ),
    }
}

async fn errors(r: &mut Report, h: &Harness, admin: &Client, member: &Client) {
    let password = h.get("USER.password");
    // 400: a body Keystone's schema refuses (a user without a name).
    let bad = admin
        .call::<(), Value, Value>(
            &api::users::create::OPERATION,
            &[],
            None,
            Some(&json!({"user": {"password": password}})),
            Microversion::Default,
        )
        .await;
    if let Err(e) = &bad {
        r.errors
            .push(error_line("create a user without a name", e, &[password]))
    }
    // 401: a wrong password.
    let wrong = format!("{password}-wrong");
    let refused = Client::builder_keystone(KeystoneAuth::new(
        h.get("AUTH_URL"),
        Password::new(
            UserRef::name(h.get("USER.user"), DomainRef::name("Default")),
            wrong.as_str(),
        ),
    ))
    .service(&api::SERVICE)
    .connect()
    .await;
    if let Err(e) = &refused {
        r.errors
            .push(error_line("log in with a wrong password", e, &[&wrong]))
    }
    // 403: a member lists users.
    let forbidden = api::users::list(member, &must(json!({}))).await;
    if let Err(e) = &forbidden {
        r.errors.push(error_line("a member lists users", e, &[]))
    }
    // 404: a project that does not exist.
    let missing = api::projects::get(
        admin,
        "no-such-project",
        &must(json!({})))
    .await;
    if let Err(e) = &missing {
        r.errors.push(error_line("show a missing project", e, &[]))
    }
    // 409: a second domain of the same name.
    let name = format!("conf-dup-{}", std::process::id());
    let body: api::domains::create::Request = must(json!({"domain": {"name": name}}));
    let first = api::domains::create(admin, &body).await;
    let second = api::domains::create(admin, &body).await;
    if let Err(e) = &second {
        r.errors.push(error_line("create a domain twice", e, &[]))
    }
    if let Ok(first) = first {
        let json = serde_json::to_value(&first.body).expect("serializes");
        if let Some(id) = json.pointer("/domain/id").and_then(Value::as_str) {
            let disable: api::domains::update::Request = must(json!({"domain": {"enabled": false}}));
            let _ = api::domains::update(admin, id, &disable).await;
            let _ = api::domains::delete(admin, id).await;
        }
    }
}

async fn cleanup(r: &mut Report, admin: &Client, ids: &Ids) {
    call!(
        empty * r,
        admin,
        groups::users::delete,
        [&ids.group, &ids.user]
    );
    call!(empty * r, admin, groups::delete, [&ids.group]);
    call!(empty * r, admin, users::delete, [&ids.user]);
    call!(empty * r, admin, projects::delete, [&ids.project]);
    call!(*r, admin, domains::update, [&ids.domain], body json!({"domain": {"enabled": false}}));
    call!(empty * r, admin, domains::delete, [&ids.domain]);
}

fn print_report(r: &Report) {
    if let Ok(path) = std::env::var("CONFORMANCE_REPLIES") {
        let mut file = std::fs::File::create(path).expect("replies file");
        for reply in &r.replies {
            writeln!(file, "{reply}").expect("write");
        }
    }
    let (mut ok, mut removed, mut unservable, mut not_run, mut failed) = (0, 0, 0, 0, 0);
    for op in OPERATIONS {
        let line = match r.outcomes.get(op.name) {
            Some(Outcome::Ok) => {
                ok += 1;
                "ok".to_owned()
            }
            Some(Outcome::Removed) => {
                removed += 1;
                "removed (410)".to_owned()
            }
            Some(Outcome::NotServable(why)) => {
                unservable += 1;
                format!("not servable: {why}")
            }
            Some(Outcome::Failed(why)) => {
                failed += 1;
                format!("FAILED: {why}")
            }
            None => {
                not_run += 1;
                "not run: no call in this suite".to_owned()
            }
        };
        println!("{} {line}", op.name);
    }
    for line in &r.errors {
        println!("{line}");
    }
    // An operation the suite never called counts as failed: nothing proved it.
    println!(
        "identity totals: {} operations, {ok} ok, {removed} removed (410), {unservable} not \
         servable, {} failed",
        OPERATIONS.len(),
        failed + not_run
    );
}
