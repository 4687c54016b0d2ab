//! Logging in and connecting the way OpenStack users configure it, against servers on
//! loopback written here: a Keystone that answers multi-factor logins with receipts
//! (wiremock), a token cache shared by child processes of this test binary, TLS with
//! a CA made in the test (rustls), an HTTPS proxy, and the debug trace.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod common;

use apiref_runtime::{
    Client, CloudConfig, DomainRef, Error, KeystoneAuth, Password, ProjectRef, TokenCache, Totp,
    UserRef,
};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use common::{COMPUTE, show_server};

const PASSWORD: &str = "loopback-password-7f3a";
const RECEIPT: &str = "receipt-value-never-shown-91c2";
/// Base32 of "12345678901234567890", RFC 6238's SHA-1 test key.
const TOTP_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const FAR_FUTURE: &str = "2999-01-01T00:00:00.000000Z";

// ---------------------------------------------------------------- child processes

/// The entry point of the child processes the tests below start (this binary run
/// again with `APIREF_TEST_CHILD` set); a no-op in a normal run.
#[tokio::test]
async fn child_process() {
    let Ok(role) = std::env::var("APIREF_TEST_CHILD") else {
        return;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("child needs {name}"));
    match role.as_str() {
        "cache" => {
            let auth = password_auth(&var("APIREF_TEST_AUTH_URL"));
            let client = Client::builder(&var("APIREF_TEST_ENDPOINT"))
                .keystone(auth)
                .token_cache(TokenCache::new(var("APIREF_TEST_CACHE_DIR")))
                .build()
                .expect("client");
            let project = client.project_id().await.expect("a token");
            println!("CHILD-OK project={project}");
        }
        "tls" => {
            // Everything from the OS_* variables the parent set (OS_CACERT, ...),
            // proxies from HTTPS_PROXY / NO_PROXY as reqwest reads them.
            let cloud = CloudConfig::from_env().expect("cloud from OS_*");
            let client = Client::builder_from_cloud(&cloud, &COMPUTE)
                .build()
                .expect("client");
            let body = show_server(&client).await.expect("the call goes through");
            println!("CHILD-OK {body}");
        }
        other => panic!("unknown child role {other}"),
    }
}

/// Starts this test binary again as a child running [`child_process`] as `role`.
fn spawn_child(role: &str, env: &[(&str, &str)]) -> tokio::process::Child {
    let exe = std::env::current_exe().expect("test binary");
    let mut command = tokio::process::Command::new(exe);
    command
        .args([
            "child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("APIREF_TEST_CHILD", role)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for name in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ] {
        command.env_remove(name);
    }
    for name in std::env::vars()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("OS_"))
    {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command.spawn().expect("spawn the child")
}

async fn child_output(child: tokio::process::Child) -> String {
    let out = child.wait_with_output().await.expect("child ran");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.contains("CHILD-OK"),
        "child failed: {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

// ---------------------------------------------------------------- a loopback Keystone

fn password_auth(auth_url: &str) -> KeystoneAuth {
    KeystoneAuth::new(
        auth_url,
        Password::new(UserRef::name("demo", DomainRef::name("Default")), PASSWORD)
            .project(ProjectRef::id("p1")),
    )
}

fn token_reply(token: &str, methods: &[&str], expires_at: &str) -> ResponseTemplate {
    ResponseTemplate::new(201)
        .insert_header("x-subject-token", token)
        .insert_header("x-openstack-request-id", "req-login")
        .set_body_json(json!({"token": {
            "methods": methods,
            "expires_at": expires_at,
            "project": {"id": "p1", "name": "demo", "domain": {"id": "default"}},
            "catalog": [{"type": "compute", "endpoints": [
                {"interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:9/v2.1"}]}]
        }}))
}

/// The passcodes RFC 6238 gives for the current and the previous 30-second step
/// (a login may straddle a step boundary), computed here independently.
fn passcodes_now() -> Vec<String> {
    let key = b"12345678901234567890";
    let step = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
        / 30;
    [step, step - 1]
        .iter()
        .map(|counter| {
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("any key length");
            mac.update(&counter.to_be_bytes());
            let d = mac.finalize().into_bytes();
            let o = usize::from(d[19] & 0xf);
            let word = u32::from_be_bytes([d[o] & 0x7f, d[o + 1], d[o + 2], d[o + 3]]);
            format!("{:06}", word % 1_000_000)
        })
        .collect()
}

/// Keystone with a user whose rule is password + totp: the password alone gets a
/// 401 with a receipt; the receipt and a right passcode get a token. Records each
/// request's receipt header and body.
#[derive(Clone, Default)]
struct MfaKeystone {
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// A token request's `Openstack-Auth-Receipt` header and body.
type Seen = (Option<String>, Value);

impl Respond for MfaKeystone {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let receipt = request
            .headers
            .get("openstack-auth-receipt")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        self.seen
            .lock()
            .expect("lock")
            .push((receipt.clone(), body.clone()));
        let identity = &body["auth"]["identity"];
        let methods: Vec<&str> = identity["methods"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let password_ok = identity["password"]["user"]["password"] == PASSWORD;
        let passcode = identity["totp"]["user"]["passcode"].as_str().unwrap_or("");
        let totp_ok = passcodes_now().iter().any(|p| p == passcode);
        let with_receipt = receipt.as_deref() == Some(RECEIPT);
        match methods.as_slice() {
            ["password"] if password_ok && !with_receipt => ResponseTemplate::new(401)
                .insert_header("openstack-auth-receipt", RECEIPT)
                .insert_header("x-openstack-request-id", "req-receipt")
                .set_body_json(json!({
                    "receipt": {"methods": ["password"], "user": {"id": "u1"},
                                "expires_at": FAR_FUTURE},
                    "required_auth_methods": [["totp", "password"]]})),
            ["totp"] if totp_ok && with_receipt => {
                token_reply("tok-mfa-issued-5d1e", &["totp", "password"], FAR_FUTURE)
            }
            _ => ResponseTemplate::new(401).set_body_json(json!({"error": {
                "code": 401, "title": "Unauthorized",
                "message": "The request you have made requires authentication."}})),
        }
    }
}

async fn mfa_keystone() -> (MockServer, MfaKeystone) {
    let server = MockServer::start().await;
    let keystone = MfaKeystone::default();
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(keystone.clone())
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2.1/p1/servers/s1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"server": {"id": "s1"}})))
        .mount(&server)
        .await;
    (server, keystone)
}

fn multifactor_cloud(auth_url: &str, methods: &str) -> CloudConfig {
    let yaml = format!(
        "clouds:\n  mfa:\n    auth_type: v3multifactor\n    auth:\n      auth_url: {auth_url}/v3\n      \
         auth_methods: [{methods}]\n      username: demo\n      user_domain_name: Default\n      \
         password: {PASSWORD}\n      totp_secret: {TOTP_SECRET}\n      project_id: p1\n    \
         compute_endpoint_override: {auth_url}/v2.1/p1\n"
    );
    CloudConfig::from_yaml("mfa", &yaml, None).expect("a multi-factor cloud")
}

// ---------------------------------------------------------------- tests

#[tokio::test]
async fn multi_factor_login_continues_with_the_receipt_and_the_next_method() {
    let (server, keystone) = mfa_keystone().await;
    let cloud = multifactor_cloud(&server.uri(), "v3password, v3totp");
    let client = Client::builder_from_cloud(&cloud, &COMPUTE)
        .connect()
        .await
        .expect("logged in with password, then the receipt and totp");
    assert_eq!(client.project_id().await.expect("scoped"), "p1");
    let seen = keystone.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    // First the password alone, scoped; then the receipt and totp, scoped alike.
    assert_eq!(seen[0].0, None);
    assert_eq!(
        seen[0].1["auth"]["identity"]["methods"],
        json!(["password"])
    );
    assert_eq!(seen[0].1["auth"]["scope"], json!({"project": {"id": "p1"}}));
    assert_eq!(seen[1].0.as_deref(), Some(RECEIPT));
    assert_eq!(seen[1].1["auth"]["identity"]["methods"], json!(["totp"]));
    assert_eq!(
        seen[1].1["auth"]["identity"]["totp"]["user"]["name"],
        json!("demo")
    );
    assert_eq!(seen[1].1["auth"]["scope"], json!({"project": {"id": "p1"}}));
}

#[tokio::test]
async fn a_rule_the_credentials_cannot_meet_is_a_typed_error_naming_the_missing_method() {
    let (server, keystone) = mfa_keystone().await;
    // Only the password: Keystone's rule wants totp as well.
    let err = Client::builder(&format!("{}/v2.1/p1", server.uri()))
        .keystone(password_auth(&format!("{}/v3", server.uri())))
        .connect()
        .await
        .expect_err("totp is missing");
    let Error::MissingAuthMethods(missing) = &err else {
        panic!("not MissingAuthMethods: {err:?}")
    };
    assert_eq!(missing.missing(), vec!["totp"]);
    assert_eq!(missing.proven, vec!["password"]);
    assert_eq!(missing.request_id.as_deref(), Some("req-receipt"));
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("missing totp"), "{shown}");
    for secret in [RECEIPT, PASSWORD] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert_eq!(keystone.seen.lock().expect("lock").len(), 1);

    // A multi-factor cloud whose methods are all spent stops too, with no loop.
    let cloud = multifactor_cloud(&server.uri(), "v3password");
    let err = Client::builder_from_cloud(&cloud, &COMPUTE)
        .connect()
        .await
        .expect_err("no totp configured");
    assert!(matches!(err, Error::MissingAuthMethods(_)), "{err:?}");
}

#[tokio::test]
async fn totp_alone_with_a_passcode_or_a_secret() {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Vec::<Value>::new()));
    let recorded = Arc::clone(&seen);
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(move |request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
            recorded.lock().expect("lock").push(body);
            token_reply("tok-totp-only-77aa", &["totp"], FAR_FUTURE)
        })
        .mount(&server)
        .await;
    let auth_url = format!("{}/v3", server.uri());
    for totp in [
        Totp::secret(UserRef::id("u1"), TOTP_SECRET),
        Totp::passcode(UserRef::id("u1"), "000042"),
    ] {
        Client::builder(&format!("{}/v2.1/p1", server.uri()))
            .keystone(KeystoneAuth::new(&auth_url, totp))
            .connect()
            .await
            .expect("a token");
    }
    let seen = seen.lock().expect("lock").clone();
    let passcode = |i: usize| seen[i]["auth"]["identity"]["totp"]["user"]["passcode"].clone();
    assert!(passcodes_now().contains(&passcode(0).as_str().unwrap_or("").to_owned()));
    assert_eq!(passcode(1), json!("000042"));
    assert_eq!(seen[0]["auth"]["identity"]["methods"], json!(["totp"]));
}

/// A Keystone that counts logins and is slow to answer, so processes that start
/// together are all waiting for a token at once.
async fn counting_keystone(issued: Arc<AtomicUsize>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(move |_: &Request| {
            let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
            token_reply(
                &format!("tok-cached-{n}-aaaaaaaa"),
                &["password"],
                FAR_FUTURE,
            )
            .set_delay(Duration::from_millis(500))
        })
        .mount(&server)
        .await;
    server
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiref-login-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test]
async fn processes_share_the_token_cache_and_log_in_once() {
    let issued = Arc::new(AtomicUsize::new(0));
    let server = counting_keystone(Arc::clone(&issued)).await;
    let dir = temp_dir("cache");
    let cache_dir = dir.join("tokens");
    let auth_url = format!("{}/v3", server.uri());
    let endpoint = format!("{}/v2.1/p1", server.uri());
    let env = [
        ("APIREF_TEST_AUTH_URL", auth_url.as_str()),
        ("APIREF_TEST_ENDPOINT", endpoint.as_str()),
        ("APIREF_TEST_CACHE_DIR", cache_dir.to_str().expect("utf-8")),
    ];
    // Two processes starting together: one logs in, the other waits on the lock
    // and reads what the first wrote.
    let (a, b) = (spawn_child("cache", &env), spawn_child("cache", &env));
    let (a, b) = tokio::join!(child_output(a), child_output(b));
    assert!(a.contains("project=p1") && b.contains("project=p1"));
    assert_eq!(issued.load(Ordering::SeqCst), 1, "two processes, one login");
    // A later process logs in not at all.
    child_output(spawn_child("cache", &env)).await;
    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "a third process reused it"
    );

    // One file per login, private, named by a hash: no secret in the name.
    let files: Vec<_> = std::fs::read_dir(&cache_dir)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(!name.contains("demo") && !name.contains(PASSWORD), "{name}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0])
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_cached_token_the_service_refuses_is_dropped() {
    let issued = Arc::new(AtomicUsize::new(0));
    let server = counting_keystone(Arc::clone(&issued)).await;
    // The service refuses the first token, accepts the second.
    Mock::given(method("GET"))
        .and(path("/v2.1/p1/servers/s1"))
        .respond_with(|request: &Request| {
            match request
                .headers
                .get("x-auth-token")
                .and_then(|v| v.to_str().ok())
            {
                Some("tok-cached-1-aaaaaaaa") => ResponseTemplate::new(401),
                _ => ResponseTemplate::new(200).set_body_json(json!({"server": {"id": "s1"}})),
            }
        })
        .mount(&server)
        .await;
    let dir = temp_dir("refused");
    let cache = TokenCache::new(dir.join("tokens"));
    let client = || {
        Client::builder(&format!("{}/v2.1/p1", server.uri()))
            .keystone(password_auth(&format!("{}/v3", server.uri())))
            .token_cache(cache.clone())
            .build()
            .expect("client")
    };
    client().project_id().await.expect("first login");
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    // A new client starts from the cached tok-1, is refused, logs in again, and
    // the cache now holds tok-2 for the next one.
    let body = show_server(&client())
        .await
        .expect("retried with a new token");
    assert_eq!(body["server"]["id"], "s1");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    show_server(&client()).await.expect("tok-2 from the cache");
    assert_eq!(issued.load(Ordering::SeqCst), 2, "no third login");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- the debug trace

#[tokio::test]
async fn the_trace_shows_every_exchange_and_no_secret() {
    let (server, _) = mfa_keystone().await;
    let (captured, guard) = common::trace::capture();
    let cloud = multifactor_cloud(&server.uri(), "v3password, v3totp");
    let client = Client::builder_from_cloud(&cloud, &COMPUTE)
        .connect()
        .await
        .expect("logged in");
    show_server(&client).await.expect("call");
    drop(guard);
    let trace = captured.text();
    let token = "tok-mfa-issued-5d1e";
    // Two logins and one call, each a request and a reply.
    assert_eq!(
        trace.matches("apiref::http: request method").count(),
        3,
        "{trace}"
    );
    assert!(trace.contains("status=401"), "{trace}");
    assert!(
        trace.contains("request_id=\"req-receipt\"") || trace.contains("request_id=req-receipt"),
        "{trace}"
    );
    assert!(
        trace.contains("GET") && trace.contains("/v2.1/p1/servers/s1"),
        "{trace}"
    );
    // The token as keystoneauth shows it, and the catalog left out.
    let hashed = format!("{{SHA256}}{}", sha256_hex(token));
    assert!(trace.contains(&hashed), "{trace}");
    assert!(trace.contains("services elided"), "{trace}");
    for secret in [PASSWORD, RECEIPT, TOTP_SECRET, token] {
        assert!(!trace.contains(secret), "{secret} in the trace:\n{trace}");
    }
    for passcode in passcodes_now() {
        assert!(
            !trace.contains(&format!("\"{passcode}\"")),
            "a passcode in the trace"
        );
    }
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------- TLS and proxies

/// A CA, a server certificate for `localhost` and a client certificate it
/// signed, as PEM files in `dir`.
struct Pki {
    ca: PathBuf,
    server_cert: String,
    server_key: String,
    client_cert: PathBuf,
    client_key: PathBuf,
    ca_der: rustls::pki_types::CertificateDer<'static>,
}

fn make_pki(dir: &Path) -> Pki {
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "apiref test CA");
    let ca =
        rcgen::CertifiedIssuer::self_signed(ca_params, rcgen::KeyPair::generate().expect("key"))
            .expect("CA");
    let leaf = |names: Vec<String>| {
        let key = rcgen::KeyPair::generate().expect("key");
        let cert = rcgen::CertificateParams::new(names)
            .expect("params")
            .signed_by(&key, &ca)
            .expect("signed");
        (cert.pem(), key.serialize_pem())
    };
    let (server_cert, server_key) = leaf(vec!["localhost".to_owned()]);
    let (client_cert, client_key) = leaf(vec!["apiref-client".to_owned()]);
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .expect("write PEM");
        path
    };
    Pki {
        ca: write("ca.pem", &ca.pem()),
        server_cert,
        server_key,
        client_cert: write("client.pem", &client_cert),
        client_key: write("client.key", &client_key),
        ca_der: ca.der().clone(),
    }
}

/// An HTTPS server on loopback answering every request with a server; with
/// `require_client_cert`, only clients with a certificate the CA signed get in.
/// Returns its port and the number of requests it answered.
async fn tls_server(pki: &Pki, require_client_cert: bool) -> (u16, Arc<AtomicUsize>) {
    use rustls::pki_types::pem::PemObject;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let certs = vec![
        rustls::pki_types::CertificateDer::from_pem_slice(pki.server_cert.as_bytes())
            .expect("cert"),
    ];
    let key =
        rustls::pki_types::PrivateKeyDer::from_pem_slice(pki.server_key.as_bytes()).expect("key");
    let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .expect("versions");
    let config = if require_client_cert {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(pki.ca_der.clone()).expect("root");
        let verifier =
            rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .expect("verifier");
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    }
    .with_single_cert(certs, key)
    .expect("config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let answered = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&answered);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                if read_head(&mut tls).await.is_none() {
                    return;
                }
                count.fetch_add(1, Ordering::SeqCst);
                let body = r#"{"server": {"id": "s1", "over": "tls"}}"#;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                     connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (port, answered)
}

/// Reads up to the end of an HTTP request head.
async fn read_head<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.ok()? == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.push(byte[0]);
    }
    String::from_utf8(head).ok()
}

fn token_cloud_yaml(port: u16, extra: &str) -> String {
    format!(
        "clouds:\n  tls:\n    auth_type: admin_token\n    auth:\n      token: fixed-token-123456\n      \
         endpoint: https://localhost:{port}/v2.1/p1\n{extra}"
    )
}

async fn show_over(cloud: &CloudConfig) -> Result<Value, Error> {
    let client = Client::builder_from_cloud(cloud, &COMPUTE).build()?;
    show_server(&client).await
}

#[tokio::test]
async fn cacert_insecure_and_client_certificates_over_real_tls() {
    let dir = temp_dir("tls");
    let pki = make_pki(&dir);
    let (port, answered) = tls_server(&pki, false).await;
    let cloud = |extra: &str| {
        CloudConfig::from_yaml("tls", &token_cloud_yaml(port, extra), None).expect("cloud")
    };

    // The CA the server's certificate chains to, from clouds.yaml.
    let ca = format!("    cacert: {}\n", pki.ca.display());
    let body = show_over(&cloud(&ca))
        .await
        .expect("trusted through cacert");
    assert_eq!(body["server"]["over"], "tls");
    // Without it the system's roots do not know the test CA.
    let err = show_over(&cloud("")).await.expect_err("untrusted");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    // insecure: true (or verify: false) accepts it anyway.
    show_over(&cloud("    insecure: true\n"))
        .await
        .expect("insecure");
    show_over(&cloud("    verify: false\n"))
        .await
        .expect("verify false");
    assert_eq!(answered.load(Ordering::SeqCst), 3);

    // A server that wants a client certificate: cert + key get in, nothing does not.
    let (mtls_port, mtls_answered) = tls_server(&pki, true).await;
    let with_cert = format!(
        "    cacert: {}\n    cert: {}\n    key: {}\n",
        pki.ca.display(),
        pki.client_cert.display(),
        pki.client_key.display()
    );
    let mtls = |extra: &str| {
        CloudConfig::from_yaml("tls", &token_cloud_yaml(mtls_port, extra), None).expect("cloud")
    };
    show_over(&mtls(&with_cert))
        .await
        .expect("client certificate accepted");
    let err = show_over(&mtls(&ca))
        .await
        .expect_err("no client certificate");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(mtls_answered.load(Ordering::SeqCst), 1);

    // The same settings from OS_* variables.
    let env = [
        ("OS_AUTH_TYPE", "admin_token".to_owned()),
        ("OS_TOKEN", "fixed-token-123456".to_owned()),
        (
            "OS_ENDPOINT",
            format!("https://localhost:{mtls_port}/v2.1/p1"),
        ),
        ("OS_CACERT", pki.ca.display().to_string()),
        ("OS_CERT", pki.client_cert.display().to_string()),
        ("OS_KEY", pki.client_key.display().to_string()),
    ];
    let from_env = CloudConfig::load_with(None, env.clone(), &[]).expect("OS_* cloud");
    show_over(&from_env)
        .await
        .expect("OS_CACERT, OS_CERT, OS_KEY");
    let insecure = [
        ("OS_AUTH_TYPE", "admin_token".to_owned()),
        ("OS_TOKEN", "fixed-token-123456".to_owned()),
        ("OS_ENDPOINT", format!("https://localhost:{port}/v2.1/p1")),
        ("OS_INSECURE", "true".to_owned()),
    ];
    let from_env = CloudConfig::load_with(None, insecure, &[]).expect("OS_* cloud");
    show_over(&from_env).await.expect("OS_INSECURE");

    // A missing file is the builder's error, naming the key.
    let err = show_over(&cloud("    cacert: /nonexistent/ca.pem\n"))
        .await
        .expect_err("no such file");
    assert!(
        matches!(err, Error::Config(ref m) if m.contains("cacert")),
        "{err:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// An HTTP proxy that tunnels `CONNECT host:port` and counts the tunnels.
async fn connect_proxy() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let tunnels = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&tunnels);
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let Some(head) = read_head(&mut client).await else {
                    return;
                };
                let Some(target) = head
                    .strip_prefix("CONNECT ")
                    .and_then(|rest| rest.split_whitespace().next())
                else {
                    let _ = client
                        .write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
                        .await;
                    return;
                };
                let target = target.replace("localhost", "127.0.0.1");
                let Ok(mut upstream) = TcpStream::connect(&target).await else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                    return;
                };
                count.fetch_add(1, Ordering::SeqCst);
                let _ = client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await;
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (port, tunnels)
}

#[tokio::test]
async fn https_proxy_and_no_proxy_are_honoured() {
    let dir = temp_dir("proxy");
    let pki = make_pki(&dir);
    let (port, answered) = tls_server(&pki, false).await;
    let (proxy_port, tunnels) = connect_proxy().await;
    let endpoint = format!("https://localhost:{port}/v2.1/p1");
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    let ca = pki.ca.display().to_string();
    let base = [
        ("OS_AUTH_TYPE", "admin_token"),
        ("OS_TOKEN", "fixed-token-123456"),
        ("OS_ENDPOINT", endpoint.as_str()),
        ("OS_CACERT", ca.as_str()),
        ("HTTPS_PROXY", proxy.as_str()),
    ];
    // Through the proxy: a CONNECT tunnel, TLS to the server inside it.
    child_output(spawn_child("tls", &base)).await;
    assert_eq!(tunnels.load(Ordering::SeqCst), 1);
    assert_eq!(answered.load(Ordering::SeqCst), 1);
    // NO_PROXY names the host: straight to the server.
    let mut direct = base.to_vec();
    direct.push(("NO_PROXY", "localhost"));
    child_output(spawn_child("tls", &direct)).await;
    assert_eq!(
        tunnels.load(Ordering::SeqCst),
        1,
        "NO_PROXY bypassed the proxy"
    );
    assert_eq!(answered.load(Ordering::SeqCst), 2);
    let _ = std::fs::remove_dir_all(&dir);
}
