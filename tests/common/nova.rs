//! The real Nova the live suites talk to, named by `APIREF_NOVA_*` variables.
//! `scripts/services/nova.sh` sets them when it starts the harness; set them yourself
//! to use devstack or a real cloud (see docs/testing.md, "Against a real Nova"). The
//! suites are `#[ignore = "needs APIREF_NOVA_URL ..."]`; scripts/test runs them when it has a Nova.

use apiref::runtime::{Client, Method, Operation, Service};

use super::compute::SERVICE;
use super::needs::{optional_var, var};

// The operations below are ones the shipped spec has no generated function for,
// built as generated code declares them with the runtime tests' own helper.
#[path = "../../runtime/tests/common/unbounded.rs"]
mod unbounded;
use unbounded::operation;

const SERVER: &str = "/v2.1/{tenant_id}/servers/{server_id}";

/// Show Server, for reading back what an update did. Its reply has the shape of
/// Update Server's, so it decodes into `update_server::Response`.
pub const SHOW_SERVER: Operation = operation(
    &SERVICE,
    "servers::get",
    Method::Get,
    SERVER,
    &[200, 400, 401, 403, 404],
);

/// Create Server, for the servers a suite boots for itself.
pub const CREATE_SERVER: Operation = operation(
    &SERVICE,
    "servers::create",
    Method::Post,
    "/v2.1/{tenant_id}/servers",
    &[202, 400, 401, 403, 409],
);

/// Delete Server, for removing them again.
pub const DELETE_SERVER: Operation = operation(
    &SERVICE,
    "servers::delete",
    Method::Delete,
    SERVER,
    &[204, 401, 403, 404, 409],
);

/// Where the live suites find Nova and which credentials they use.
#[derive(Debug, Clone)]
pub struct Nova {
    /// `APIREF_NOVA_URL`: any form a catalog lists (`http://host:8774`, `.../v2.1`,
    /// `.../v2.1/<project>`).
    pub url: String,
    /// `APIREF_NOVA_PROJECT`: the project of `token`.
    pub project: String,
    /// `APIREF_NOVA_SERVER`: a server in `project` the suites may rename and edit.
    pub server: String,
    /// `APIREF_NOVA_TOKEN`: a member token of `project`.
    pub token: String,
    /// `APIREF_NOVA_ADMIN_TOKEN`: an admin token of `project`.
    pub admin_token: Option<String>,
    /// `APIREF_NOVA_READER_TOKEN`: a reader-only token of `project`.
    pub reader_token: Option<String>,
    /// `APIREF_NOVA_OTHER_PROJECT` and `APIREF_NOVA_OTHER_TOKEN`: another project
    /// and a member token of it.
    pub other: Option<(String, String)>,
    /// `APIREF_NOVA_ACCESS_LOG`: the server's access log, one request line each.
    pub access_log: Option<std::path::PathBuf>,
}

impl Nova {
    /// The configured Nova. Panics when `APIREF_NOVA_URL` or a required companion
    /// variable is unset: call it only from a test marked
    /// `#[ignore = "needs APIREF_NOVA_URL ..."]`.
    pub fn from_env() -> Nova {
        let other = match (
            optional_var("APIREF_NOVA_OTHER_PROJECT"),
            optional_var("APIREF_NOVA_OTHER_TOKEN"),
        ) {
            (Some(project), Some(token)) => Some((project, token)),
            _ => None,
        };
        Nova {
            url: var("APIREF_NOVA_URL"),
            project: var("APIREF_NOVA_PROJECT"),
            server: var("APIREF_NOVA_SERVER"),
            token: var("APIREF_NOVA_TOKEN"),
            admin_token: optional_var("APIREF_NOVA_ADMIN_TOKEN"),
            reader_token: optional_var("APIREF_NOVA_READER_TOKEN"),
            other,
            access_log: optional_var("APIREF_NOVA_ACCESS_LOG").map(Into::into),
        }
    }

    /// A client for the configured endpoint with `token` (none: no `X-Auth-Token`).
    pub fn client_with(&self, token: Option<&str>) -> Client {
        let mut builder = Client::builder(&self.url).service(&SERVICE);
        if let Some(token) = token {
            builder = builder.token(token);
        }
        builder.build().expect("client for APIREF_NOVA_URL")
    }

    /// A client with the member token.
    pub fn client(&self) -> Client {
        self.client_with(Some(&self.token))
    }

    /// The access log's lines, if the server's log was named.
    pub fn access_log_lines(&self) -> Option<Vec<String>> {
        let path = self.access_log.as_ref()?;
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("APIREF_NOVA_ACCESS_LOG={}: {e}", path.display()));
        Some(text.lines().map(str::to_owned).collect())
    }
}

/// Serializes the tests that change the shared server, so that each one reads back
/// its own changes. A tokio mutex: held across awaits, usable from any runtime.
pub static SERVER_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
