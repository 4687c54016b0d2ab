//! Logging in to a real Keystone (the harness `scripts/services/keystone.sh` starts,
//! described by `APIREF_KEYSTONE_OUT`, with `totp` among its `[auth] methods`):
//! TOTP and multi-factor rules with receipts, application credentials by name,
//! token re-scoping, the catalog's regions and interfaces, and a debug trace of it
//! all that holds none of the secrets used.
//!
//! Each test makes its own users, regions and services through Keystone's API as
//! admin, so the demo user the other suites use keeps its plain password login.

#[path = "common/trace.rs"]
mod trace;

use std::time::{SystemTime, UNIX_EPOCH};

use apiref_runtime::{Client, CloudConfig, Error, Method, Microversion, Operation, Service};
use serde_json::{Value, json};

const IDENTITY: Service = Service {
    version_segments: &["v3"],
    ..Service::new("identity")
};

/// `GET /v3/auth/projects`: the projects the token may be scoped to.
const AUTH_PROJECTS: Operation = Operation {
    name: "getAvailableProjectScopes",
    method: Method::Get,
    path: "/v3/auth/projects",
    service: &IDENTITY,
    documented_statuses: &[200],
    min_microversion: None,
    max_microversion: None,
};

/// The harness's stdout: `KEY value` lines, some values `k=v` pairs.
struct Keystone {
    fields: std::collections::HashMap<String, String>,
}

impl Keystone {
    fn from_env() -> Keystone {
        let out = std::env::var("APIREF_KEYSTONE_OUT")
            .expect("APIREF_KEYSTONE_OUT: the saved stdout of the Keystone harness");
        let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
        let fields = text
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
            .collect();
        Keystone { fields }
    }

    fn field(&self, key: &str) -> &str {
        self.fields
            .get(key)
            .unwrap_or_else(|| panic!("no {key} line in APIREF_KEYSTONE_OUT"))
    }

    fn pair(&self, line: &str, key: &str) -> String {
        self.field(line)
            .split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_owned())
            .unwrap_or_else(|| panic!("no {key}= on the {line} line"))
    }

    fn auth_url(&self) -> &str {
        self.field("AUTH_URL")
    }

    /// An admin token, for setting up what a test needs.
    async fn admin(&self) -> Admin {
        let body = json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": "admin", "domain": {"name": "Default"},
                "password": self.pair("ADMIN", "password")}}},
            "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}});
        let http = reqwest::Client::new();
        let reply = http
            .post(format!("{}/auth/tokens", self.auth_url()))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("admin login");
        assert_eq!(reply.status().as_u16(), 201, "admin login");
        let token = reply
            .headers()
            .get("x-subject-token")
            .and_then(|v| v.to_str().ok())
            .expect("token")
            .to_owned();
        Admin {
            http,
            base: self.auth_url().to_owned(),
            token,
        }
    }
}

struct Admin {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Admin {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("x-auth-token", &self.token);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let reply = request.send().await.expect("admin call");
        let status = reply.status();
        let text = reply.text().await.unwrap_or_default();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// A new user of the demo project (role `member`) with `password`.
    async fn user(&self, name: &str, password: &str, project_id: &str) -> String {
        let user = self
            .call(
                reqwest::Method::POST,
                "/users",
                Some(json!({"user": {"name": name, "password": password,
                    "domain_id": "default", "default_project_id": project_id}})),
            )
            .await;
        let user_id = user["user"]["id"].as_str().expect("user id").to_owned();
        let roles = self
            .call(reqwest::Method::GET, "/roles?name=member", None)
            .await;
        let role = roles["roles"][0]["id"].as_str().expect("member role");
        self.call(
            reqwest::Method::PUT,
            &format!("/projects/{project_id}/users/{user_id}/roles/{role}"),
            None,
        )
        .await;
        user_id
    }

    /// A `totp` credential for `user_id` with the base32 `secret`.
    async fn totp_credential(&self, user_id: &str, secret: &str) {
        self.call(
            reqwest::Method::POST,
            "/credentials",
            Some(json!({"credential": {"type": "totp", "user_id": user_id, "blob": secret}})),
        )
        .await;
    }

    /// Makes `user_id` need password and totp together.
    async fn require_password_and_totp(&self, user_id: &str) {
        self.call(
            reqwest::Method::PATCH,
            &format!("/users/{user_id}"),
            Some(json!({"user": {"options": {
                "multi_factor_auth_enabled": true,
                "multi_factor_auth_rules": [["password", "totp"]]}}})),
        )
        .await;
    }
}

/// A name (and secret material) no earlier run of the suite used.
fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_nanos();
    format!("{prefix}-{nanos:x}-{}", std::process::id())
}

/// RFC 4648 base32 of `bytes`, unpadded, as authenticator apps are given it.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut out, mut buffer, mut bits) = (String::new(), 0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// A user that needs password + totp, and the secrets to log in as them.
struct MfaUser {
    name: String,
    password: String,
    totp_secret: String,
}

async fn mfa_user(keystone: &Keystone, admin: &Admin) -> MfaUser {
    let name = unique("apiref-mfa");
    let password = unique("pw-mfa");
    let totp_secret = base32(unique("totp-key").as_bytes());
    let user_id = admin
        .user(&name, &password, keystone.field("PROJECT_ID"))
        .await;
    admin.totp_credential(&user_id, &totp_secret).await;
    admin.require_password_and_totp(&user_id).await;
    MfaUser {
        name,
        password,
        totp_secret,
    }
}

fn cloud(yaml_auth: &str, extra: &str) -> CloudConfig {
    let yaml = format!("clouds:\n  c:\n{yaml_auth}{extra}");
    CloudConfig::from_yaml("c", &yaml, None).expect("a cloud")
}

fn multifactor_yaml(keystone: &Keystone, user: &MfaUser, methods: &str) -> String {
    format!(
        "    auth_type: v3multifactor\n    auth:\n      auth_url: {}\n      \
         auth_methods: [{methods}]\n      username: {}\n      user_domain_name: Default\n      \
         password: {}\n      totp_secret: {}\n      project_id: {}\n",
        keystone.auth_url(),
        user.name,
        user.password,
        user.totp_secret,
        keystone.field("PROJECT_ID")
    )
}

async fn projects(client: &Client) -> Value {
    client
        .call::<(), (), Value>(&AUTH_PROJECTS, &[], None, None, Microversion::Default)
        .await
        .expect("GET /v3/auth/projects")
        .body
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT (a Keystone with totp in [auth] methods; scripts/test starts one)"]
async fn password_and_totp_through_a_receipt_and_the_missing_method_named() {
    let keystone = Keystone::from_env();
    let admin = keystone.admin().await;
    let user = mfa_user(&keystone, &admin).await;

    // The password alone: Keystone's 401 with a receipt, and the rule it names.
    let password_only = cloud(&multifactor_yaml(&keystone, &user, "v3password"), "");
    let err = Client::builder_from_cloud(&password_only, &IDENTITY)
        .connect()
        .await
        .expect_err("the rule wants totp too");
    let Error::MissingAuthMethods(missing) = &err else {
        panic!("not MissingAuthMethods: {err:?}")
    };
    assert_eq!(missing.missing(), vec!["totp"], "{err}");
    assert_eq!(missing.proven, vec!["password"]);
    assert!(!format!("{err:?}").contains(&user.password));

    // Password, then the receipt and a passcode computed from the secret.
    let both = cloud(
        &multifactor_yaml(&keystone, &user, "v3password, v3totp"),
        "",
    );
    let client = Client::builder_from_cloud(&both, &IDENTITY)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("password + totp: {e}"));
    assert_eq!(
        client.project_id().await.expect("scoped"),
        keystone.field("PROJECT_ID")
    );
    let listed = projects(&client).await;
    assert_eq!(listed["projects"][0]["id"], keystone.field("PROJECT_ID"));
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT (a Keystone with totp in [auth] methods; scripts/test starts one)"]
async fn totp_alone_application_credential_by_name_and_token_rescoping() {
    let keystone = Keystone::from_env();
    let admin = keystone.admin().await;
    // A user with a TOTP credential and no multi-factor rule: totp alone suffices.
    let name = unique("apiref-totp");
    let secret = base32(unique("totp-key").as_bytes());
    let user_id = admin
        .user(&name, &unique("pw"), keystone.field("PROJECT_ID"))
        .await;
    admin.totp_credential(&user_id, &secret).await;
    let totp = cloud(
        &format!(
            "    auth_type: v3totp\n    auth:\n      auth_url: {}\n      username: {name}\n      \
             user_domain_name: Default\n      totp_secret: {secret}\n      project_id: {}\n",
            keystone.auth_url(),
            keystone.field("PROJECT_ID")
        ),
        "",
    );
    let client = Client::builder_from_cloud(&totp, &IDENTITY)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("totp: {e}"));
    let token = client.token().await.expect("token").expect("a token");

    // v3token: that token exchanged for one scoped to the demo project.
    let rescoped = cloud(
        &format!(
            "    auth_type: v3token\n    auth:\n      auth_url: {}\n      token: {}\n      \
             project_id: {}\n",
            keystone.auth_url(),
            token.expose(),
            keystone.field("PROJECT_ID")
        ),
        "",
    );
    let client = Client::builder_from_cloud(&rescoped, &IDENTITY)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("v3token: {e}"));
    assert_eq!(
        client.project_id().await.expect("scoped"),
        keystone.field("PROJECT_ID")
    );

    // v3applicationcredential by name and owner, not id.
    let by_name = cloud(
        &format!(
            "    auth_type: v3applicationcredential\n    auth:\n      auth_url: {}\n      \
             application_credential_name: {}\n      application_credential_secret: {}\n      \
             username: demo\n      user_domain_name: Default\n",
            keystone.auth_url(),
            keystone.pair("APP_CRED", "name"),
            keystone.pair("APP_CRED", "secret")
        ),
        "",
    );
    let client = Client::builder_from_cloud(&by_name, &IDENTITY)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("application credential by name: {e}"));
    projects(&client).await;
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT (a Keystone with totp in [auth] methods; scripts/test starts one)"]
async fn region_name_and_interface_choose_among_catalog_endpoints() {
    let keystone = Keystone::from_env();
    let admin = keystone.admin().await;
    let region = unique("RegionTwo");
    admin
        .call(
            reqwest::Method::POST,
            "/regions",
            Some(json!({"region": {"id": region}})),
        )
        .await;
    // A service of a type of its own, so this test's endpoints are the only ones.
    let service_type: &'static str = Box::leak(unique("apiref-probe").into_boxed_str());
    let service = admin
        .call(
            reqwest::Method::POST,
            "/services",
            Some(json!({"service": {"type": service_type, "name": service_type}})),
        )
        .await;
    let service_id = service["service"]["id"].as_str().expect("service id");
    for (interface, region_id, path) in [
        ("public", "RegionOne", "one-public"),
        ("internal", "RegionOne", "one-internal"),
        ("public", region.as_str(), "two-public"),
        ("internal", region.as_str(), "two-internal"),
    ] {
        admin
            .call(
                reqwest::Method::POST,
                "/endpoints",
                Some(
                    json!({"endpoint": {"service_id": service_id, "interface": interface,
                    "region_id": region_id, "url": format!("http://127.0.0.1:9/{path}")}}),
                ),
            )
            .await;
    }
    let probe: &'static Service = Box::leak(Box::new(Service::new(service_type)));
    let demo = |extra: &str| {
        cloud(
            &format!(
                "    auth:\n      auth_url: {}\n      username: demo\n      password: {}\n      \
                 user_domain_name: Default\n      project_name: demo\n      \
                 project_domain_name: Default\n",
                keystone.auth_url(),
                keystone.pair("USER", "password")
            ),
            extra,
        )
    };
    for (extra, want) in [
        (format!("    region_name: {region}\n"), "two-public"),
        (
            format!("    region_name: {region}\n    interface: internal\n"),
            "two-internal",
        ),
        (
            "    region_name: RegionOne\n    interface: internal\n".to_owned(),
            "one-internal",
        ),
        ("    region_name: RegionOne\n".to_owned(), "one-public"),
    ] {
        let cloud = demo(&extra);
        let client = Client::builder_from_cloud(&cloud, probe)
            .connect()
            .await
            .unwrap_or_else(|e| panic!("{extra}: {e}"));
        assert_eq!(
            client.endpoint().root(),
            format!("http://127.0.0.1:9/{want}"),
            "{extra}"
        );
    }
    // A region the catalog lacks: the error lists what it has.
    let err = Client::builder_from_cloud(&demo("    region_name: Nowhere\n"), probe)
        .connect()
        .await
        .expect_err("no such region");
    assert!(matches!(err, Error::Catalog(_)), "{err:?}");
    assert!(err.to_string().contains(&region), "{err}");
    // The endpoint override wins over the catalog.
    let overridden = demo(&format!(
        "    {}_endpoint_override: http://127.0.0.1:9/override\n",
        service_type.replace('-', "_")
    ));
    let client = Client::builder_from_cloud(&overridden, probe)
        .connect()
        .await
        .expect("override");
    assert_eq!(client.endpoint().root(), "http://127.0.0.1:9/override");
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT (a Keystone with totp in [auth] methods; scripts/test starts one)"]
async fn a_full_trace_of_real_logins_and_calls_holds_no_secret() {
    let keystone = Keystone::from_env();
    let admin = keystone.admin().await;
    let user = mfa_user(&keystone, &admin).await;
    let demo_password = keystone.pair("USER", "password");
    let app_secret = keystone.pair("APP_CRED", "secret");

    let (captured, guard) = trace::capture();
    let mut tokens = Vec::new();
    let clouds = [
        format!(
            "    auth:\n      auth_url: {}\n      username: demo\n      password: {demo_password}\n      \
             user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n",
            keystone.auth_url()
        ),
        format!(
            "    auth_type: v3applicationcredential\n    auth:\n      auth_url: {}\n      \
             application_credential_id: {}\n      application_credential_secret: {app_secret}\n",
            keystone.auth_url(),
            keystone.pair("APP_CRED", "id")
        ),
        multifactor_yaml(&keystone, &user, "v3password, v3totp"),
    ];
    for yaml in &clouds {
        let client = Client::builder_from_cloud(&cloud(yaml, ""), &IDENTITY)
            .connect()
            .await
            .unwrap_or_else(|e| panic!("login: {e}"));
        projects(&client).await;
        tokens.push(client.token().await.expect("token").expect("a token"));
    }
    // And a token login with one of those tokens.
    let rescope = format!(
        "    auth_type: v3token\n    auth:\n      auth_url: {}\n      token: {}\n      \
         project_id: {}\n",
        keystone.auth_url(),
        tokens[0].expose(),
        keystone.field("PROJECT_ID")
    );
    let client = Client::builder_from_cloud(&cloud(&rescope, ""), &IDENTITY)
        .connect()
        .await
        .expect("token login");
    projects(&client).await;
    tokens.push(client.token().await.expect("token").expect("a token"));
    drop(guard);

    let trace = captured.text();
    // Four logins (the multi-factor one twice: a 401 with a receipt, then 201)
    // and four calls, each a request and a reply, with bodies at TRACE.
    assert_eq!(
        trace.matches("apiref::http: request method").count(),
        9,
        "{trace}"
    );
    assert_eq!(
        trace.matches("apiref::http: reply method").count(),
        9,
        "{trace}"
    );
    assert!(trace.contains("status=401"), "{trace}");
    assert!(trace.contains("{SHA256}"), "{trace}");
    assert!(trace.contains("services elided"), "{trace}");
    let mut secrets = vec![
        demo_password.clone(),
        app_secret.clone(),
        user.password.clone(),
        user.totp_secret.clone(),
    ];
    secrets.extend(tokens.iter().map(|t| t.expose().to_owned()));
    for secret in &secrets {
        assert!(
            !trace.contains(secret.as_str()),
            "a secret ({} chars) is in the trace",
            secret.len()
        );
    }
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT (a Keystone with totp in [auth] methods; scripts/test starts one)"]
async fn a_second_client_with_the_token_cache_sends_keystone_no_login() {
    let keystone = Keystone::from_env();
    // Keystone's own access log: one line per request it answered.
    let access_log = std::path::Path::new(keystone.field("STATE")).join("access.log");
    let logins = || {
        std::fs::read_to_string(&access_log)
            .expect("Keystone's access log")
            .lines()
            .filter(|line| line.contains(" POST /v3/auth/tokens 201 "))
            .count()
    };
    let dir = std::env::temp_dir().join(unique("apiref-token-cache"));
    let yaml = format!(
        "    auth:\n      auth_url: {}\n      username: demo\n      password: {}\n      \
         user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n",
        keystone.auth_url(),
        keystone.pair("USER", "password")
    );
    let cached = cloud(&yaml, &format!("    token_cache: {}\n", dir.display()));
    let before = logins();
    let first = Client::builder_from_cloud(&cached, &IDENTITY)
        .connect()
        .await
        .expect("first login");
    projects(&first).await;
    assert_eq!(logins(), before + 1);
    // Another client (as another process would) finds the token in the cache.
    let second = Client::builder_from_cloud(&cached, &IDENTITY)
        .connect()
        .await
        .expect("from the cache");
    projects(&second).await;
    assert_eq!(logins(), before + 1, "the second client did not log in");
    assert_eq!(
        first
            .token()
            .await
            .expect("token")
            .map(|t| t.expose().to_owned()),
        second
            .token()
            .await
            .expect("token")
            .map(|t| t.expose().to_owned())
    );
    let _ = std::fs::remove_dir_all(&dir);
}
