//! What the Keystone suites share: the harness's details, read from the stdout that
//! scripts/services/keystone.sh saved (`APIREF_KEYSTONE_OUT`), and a raw call to
//! Keystone for what the client does not do (revoking a token). A test file that
//! declares `mod keystone_common;` declares `mod common;` too (for `needs`).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;

use crate::common::needs;

/// A running Keystone and the Nova that trusts it.
pub struct Keystone {
    fields: HashMap<String, String>,
    /// `ADMIN user=admin password=.. project=admin ..` as key → value.
    pub admin: HashMap<String, String>,
    pub user: HashMap<String, String>,
    pub app_cred: HashMap<String, String>,
    /// An ACTIVE server in the demo project (`APIREF_KS_NOVA_SERVER`).
    pub server: String,
}

impl Keystone {
    /// The harness `APIREF_KEYSTONE_OUT` describes. Panics when it is unset,
    /// unreadable or incomplete: call it only from a test marked
    /// `#[ignore = "needs APIREF_KEYSTONE_OUT ..."]`.
    pub fn from_env() -> Keystone {
        let out = needs::var("APIREF_KEYSTONE_OUT");
        let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
            panic!("APIREF_KEYSTONE_OUT={}: {e}", PathBuf::from(&out).display())
        });
        let mut fields = HashMap::new();
        for line in text.lines() {
            if let Some((key, rest)) = line.split_once(' ') {
                fields.insert(key.to_owned(), rest.trim().to_owned());
            }
        }
        let pairs = |key: &str| -> HashMap<String, String> {
            fields
                .get(key)
                .unwrap_or_else(|| panic!("no {key} line in APIREF_KEYSTONE_OUT"))
                .split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        };
        let keystone = Keystone {
            admin: pairs("ADMIN"),
            user: pairs("USER"),
            app_cred: pairs("APP_CRED"),
            server: needs::var("APIREF_KS_NOVA_SERVER"),
            fields,
        };
        for key in ["AUTH_URL", "PROJECT_ID", "CLOUDS_YAML"] {
            keystone.field(key);
        }
        keystone
    }

    pub fn field(&self, key: &str) -> &str {
        self.fields
            .get(key)
            .unwrap_or_else(|| panic!("no {key} line in APIREF_KEYSTONE_OUT"))
    }

    pub fn auth_url(&self) -> &str {
        self.field("AUTH_URL")
    }

    pub fn project_id(&self) -> &str {
        self.field("PROJECT_ID")
    }

    /// The clouds.yaml the harness wrote (`APIREF_CLOUDS_YAML` if set).
    pub fn clouds_yaml(&self) -> String {
        std::env::var("APIREF_CLOUDS_YAML").unwrap_or_else(|_| self.field("CLOUDS_YAML").to_owned())
    }

    /// An environment with only `OS_CLIENT_CONFIG_FILE` pointing at that file.
    pub fn clouds_env(&self) -> Vec<(String, String)> {
        vec![("OS_CLIENT_CONFIG_FILE".to_owned(), self.clouds_yaml())]
    }

    /// The demo user's openrc (password, project by name, domains by name), as
    /// Keystone's own `openrc` files set it.
    pub fn openrc(&self) -> Vec<(String, String)> {
        [
            ("OS_AUTH_URL", self.auth_url()),
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", self.user["password"].as_str()),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_USER_DOMAIN_NAME", "Default"),
            ("OS_PROJECT_DOMAIN_NAME", "Default"),
            ("OS_IDENTITY_API_VERSION", "3"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    /// The application credential's openrc (`OS_AUTH_TYPE=v3applicationcredential`).
    pub fn appcred_openrc(&self) -> Vec<(String, String)> {
        [
            ("OS_AUTH_TYPE", "v3applicationcredential"),
            ("OS_AUTH_URL", self.auth_url()),
            ("OS_APPLICATION_CREDENTIAL_ID", self.app_cred["id"].as_str()),
            (
                "OS_APPLICATION_CREDENTIAL_SECRET",
                self.app_cred["secret"].as_str(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    /// Keystone's access log (`STATE/access.log`): one line per request.
    pub fn access_log(&self) -> PathBuf {
        PathBuf::from(self.field("STATE")).join("access.log")
    }

    /// How many `POST /v3/auth/tokens` Keystone has answered with 201 so far.
    pub fn tokens_issued(&self) -> usize {
        std::fs::read_to_string(self.access_log())
            .expect("read Keystone's access log")
            .lines()
            .filter(|line| line.contains(" POST /v3/auth/tokens 201 "))
            .count()
    }

    /// `DELETE /v3/auth/tokens`: revokes `token` with `admin_token`; the status.
    pub fn revoke(&self, admin_token: &str, token: &str) -> u16 {
        let authority = self
            .auth_url()
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .expect("an http:// auth URL");
        let mut stream = TcpStream::connect(authority).expect("connect to Keystone");
        write!(
            stream,
            "DELETE /v3/auth/tokens HTTP/1.1\r\nHost: {authority}\r\nX-Auth-Token: {admin_token}\r\n\
             X-Subject-Token: {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).expect("read");
        reply
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status line")
    }
}
