//! Update a server with the generated client.
//!
//! ```text
//! cargo run -q --example update_server -- --endpoint URL --token TOKEN \
//!     [--project ID] --server ID [--name N] [--description D] \
//!     [--access-ipv4 IP] [--access-ipv6 IP] [--disk-config AUTO|MANUAL] \
//!     [--hostname H] [--microversion X.Y|latest] [--debug]
//! cargo run -q --example update_server -- --cloud NAME --server ID [...]
//! source openrc.sh && cargo run -q --example update_server -- --server ID [...]
//! ```
//!
//! Without `--token`, the client logs in to Keystone the way openstacksdk would: the
//! cloud `--cloud` (or `OS_CLOUD`) names in clouds.yaml, else the `OS_*` variables of
//! an openrc file, else the only cloud in clouds.yaml; it takes the endpoint from the
//! catalog and the project from the token.
//!
//! `--debug` (or `APIREF_DEBUG=1`) prints the runtime's trace on stderr: one line
//! per request and reply, tokens hashed and secrets masked, safe to paste into a bug
//! report; `APIREF_DEBUG=trace` adds the bodies (docs/auth.md, "Debug trace").
//!
//! Prints the updated server as pretty JSON and exits 0. An error reply is one line
//! on stderr (status, Nova's fault and message, request id) and exit code 1; a usage
//! error exits 2.

use std::fmt;
use std::process::ExitCode;

use apiref::runtime::{Client, CloudConfig, Error, Microversion};

mod compute {
    apiref::generate!("spec/compute");
}
use compute::update_server;

const USAGE: &str = "\
usage: update_server [--endpoint URL --token TOKEN | --cloud NAME] [--project ID] --server ID
                     [--name N] [--description D] [--access-ipv4 IP] [--access-ipv6 IP]
                     [--disk-config AUTO|MANUAL] [--hostname H]
                     [--microversion X.Y|latest] [--debug]

  --endpoint      the compute endpoint as the catalog lists it: http://host:8774,
                  http://host:8774/v2.1 or http://host:8774/v2.1/<project>
  --token         a Keystone token, sent as X-Auth-Token (needs --endpoint)
  --cloud         a cloud in clouds.yaml (default: $OS_CLOUD); it gives the token,
                  the endpoint (from the catalog) and the project (the token's)
  (neither)       $OS_CLOUD, else the OS_* variables of an openrc file (OS_AUTH_URL,
                  OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, ..., or OS_AUTH_TYPE=
                  v3applicationcredential, or OS_TOKEN), else the only cloud in
                  clouds.yaml; --endpoint then overrides the catalog's
  --project       the project id (default: the one the endpoint ends with)
  --server        the server's id
  --microversion  default: the highest both Nova and this client know
  --debug         trace every request and reply on stderr (secrets masked), as
                  APIREF_DEBUG=1 does; APIREF_DEBUG=trace adds the bodies";

/// How to authenticate.
#[derive(Debug)]
enum Credentials {
    Token(String),
    /// The cloud named, else the one openstacksdk would pick: `$OS_CLOUD`, else the
    /// `OS_*` variables, else the only cloud in clouds.yaml.
    Cloud(Option<String>),
}

/// The parsed command line.
#[derive(Debug)]
struct Options {
    endpoint: Option<String>,
    credentials: Credentials,
    project: Option<String>,
    server: String,
    microversion: Microversion,
    changes: update_server::RequestServer,
    debug: bool,
}

/// A command line this program cannot run.
#[derive(Debug)]
struct UsageError(String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, UsageError> {
    let mut args = args.into_iter();
    let (mut endpoint, mut token, mut project, mut server) = (None, None, None, None);
    let mut cloud = None;
    let mut microversion = Microversion::Negotiate;
    let mut changes = update_server::RequestServer::default();
    let mut debug = false;
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(UsageError(String::new()));
        }
        let mut value = || {
            args.next()
                .ok_or_else(|| UsageError(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--debug" => debug = true,
            "--endpoint" => endpoint = Some(value()?),
            "--token" => token = Some(value()?),
            "--cloud" => cloud = Some(value()?),
            "--project" => project = Some(value()?),
            "--server" => server = Some(value()?),
            "--name" => changes.name = Some(value()?),
            "--description" => changes.description = Some(Some(value()?)),
            "--access-ipv4" => changes.access_ipv4 = Some(value()?),
            "--access-ipv6" => changes.access_ipv6 = Some(value()?),
            "--hostname" => changes.hostname = Some(value()?),
            "--disk-config" => {
                changes.os_dcf_disk_config = Some(match value()?.as_str() {
                    "AUTO" => update_server::DiskConfig::Auto,
                    "MANUAL" => update_server::DiskConfig::Manual,
                    other => {
                        return Err(UsageError(format!(
                            "--disk-config must be AUTO or MANUAL, not {other:?}"
                        )));
                    }
                });
            }
            "--microversion" => {
                microversion = value()?
                    .parse()
                    .map_err(|e| UsageError(format!("--microversion: {e}")))?;
            }
            other => return Err(UsageError(format!("unknown argument {other:?}"))),
        }
    }
    let required = |value: Option<String>, flag: &str| {
        value.ok_or_else(|| UsageError(format!("{flag} is required")))
    };
    let credentials = match (token, cloud) {
        (Some(_), Some(_)) => {
            return Err(UsageError("give --token or --cloud, not both".to_owned()));
        }
        (Some(token), None) => Credentials::Token(token),
        (None, cloud) => Credentials::Cloud(cloud),
    };
    let endpoint = match credentials {
        Credentials::Token(_) => Some(required(endpoint, "--endpoint (with --token)")?),
        Credentials::Cloud(_) => endpoint,
    };
    Ok(Options {
        endpoint,
        credentials,
        project,
        server: required(server, "--server")?,
        microversion,
        changes,
        debug,
    })
}

/// Sends the runtime's trace (`apiref::http` events) to stderr: its requests and
/// replies at `--debug` or `APIREF_DEBUG=1`, their bodies too at
/// `APIREF_DEBUG=trace`. Other crates' events stay off.
fn init_debug(flag: bool) -> Result<(), UsageError> {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let level = match std::env::var("APIREF_DEBUG").unwrap_or_default().trim() {
        "" | "0" if flag => LevelFilter::DEBUG,
        "" | "0" => return Ok(()),
        "1" | "debug" => LevelFilter::DEBUG,
        "2" | "trace" => LevelFilter::TRACE,
        other => {
            return Err(UsageError(format!(
                "APIREF_DEBUG must be 1, debug, 2 or trace, not {other:?}"
            )));
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(LevelFilter::TRACE)
        .finish()
        .with(Targets::new().with_target("apiref", level))
        .try_init()
        .map_err(|e| UsageError(format!("cannot start the debug trace: {e}")))
}

/// The client for the parsed options: the one place that knows about credentials.
async fn build_client(options: &Options) -> Result<Client, Error> {
    let builder = match &options.credentials {
        Credentials::Token(token) => {
            Client::builder(options.endpoint.as_deref().unwrap_or_default())
                .service(&compute::SERVICE)
                .token(token)
        }
        Credentials::Cloud(name) => {
            let mut cloud = CloudConfig::load(name.as_deref())?;
            if let Some(endpoint) = &options.endpoint {
                cloud
                    .endpoint_overrides
                    .insert(compute::SERVICE.config_prefix(), endpoint.clone());
            }
            Client::builder_from_cloud(&cloud, &compute::SERVICE)
        }
    };
    builder.connect().await
}

/// What went wrong, and the exit code for it.
enum Failure {
    Usage(String),
    Call(Error),
}

async fn run(options: Options) -> Result<update_server::Server, Failure> {
    // A bad configuration is a usage error; a refused login or a catalog without the
    // endpoint is a failed call.
    let client = build_client(&options).await.map_err(|e| match e {
        Error::Config(_) => Failure::Usage(e.to_string()),
        other => Failure::Call(other),
    })?;
    let project = match options.project.clone() {
        Some(project) => project,
        // The token's project scope, else the one the endpoint ends with.
        None => client.project_id().await.map_err(|e| match e {
            Error::Config(_) => Failure::Usage(
                "--project is required when the endpoint does not end with /v2.1/<project>"
                    .to_owned(),
            ),
            other => Failure::Call(other),
        })?,
    };
    let body = update_server::Request {
        server: options.changes,
        ..Default::default()
    };
    let reply = compute::update_server(&client, &project, &options.server, &body)
        .microversion(options.microversion)
        .await
        .map_err(Failure::Call)?;
    Ok(reply.body.server)
}

/// One line: `error: 404 itemNotFound: Instance x could not be found. (request req-..)`.
fn one_line(err: &Error) -> String {
    let text = match err.api_error() {
        // `Keystone refused authentication: 401 Unauthorized: ...`
        Some(_) if matches!(err, Error::Auth(_)) => err.to_string(),
        // An undocumented status says so; the rest is the same either way.
        Some(api) if matches!(err, Error::UnexpectedStatus(_)) => format!("unexpected {api}"),
        Some(api) => api.to_string(),
        None => err.to_string(),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() -> ExitCode {
    // `std::env::args` panics on an argument that is not UTF-8; say which one instead
    // (not its bytes: it may be a token).
    let args: Result<Vec<String>, UsageError> = std::env::args_os()
        .skip(1)
        .enumerate()
        .map(|(i, arg)| {
            arg.into_string()
                .map_err(|_| UsageError(format!("argument {} is not valid UTF-8", i + 1)))
        })
        .collect();
    let options = match args
        .and_then(parse_args)
        .and_then(|options| init_debug(options.debug).map(|()| options))
    {
        Ok(options) => options,
        Err(UsageError(message)) => {
            if message.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(options)) {
        Ok(server) => match serde_json::to_string_pretty(&server) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot print the server: {e}");
                ExitCode::FAILURE
            }
        },
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Call(err)) => {
            eprintln!("error: {}", one_line(&err));
            ExitCode::FAILURE
        }
    }
}
