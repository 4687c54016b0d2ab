//! Cloud settings the way openstacksdk reads them (`openstack/config/loader.py`): a
//! named cloud from `clouds.yaml` (with `secure.yaml` merged in), or the cloud the
//! `OS_*` variables of an openrc file make ("envvars").
//!
//! Which cloud: the one named (argument, else `$OS_CLOUD`), as the files say, with no
//! `OS_*` value merged in; else the `OS_*` variables, if any is set besides the
//! selectors; else the only cloud in `clouds.yaml`.
//!
//! Files: `$OS_CLIENT_CONFIG_FILE` if it is a file, else the first `clouds.yaml` (or
//! `.yml`, `.json`) in `.`, `~/.config/openstack` (`$XDG_CONFIG_HOME/openstack`),
//! `/etc/openstack`; `secure.yaml` likewise (`$OS_CLIENT_SECURE_FILE`, same folders,
//! same order), its entries deep-merged over those in `clouds.yaml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::auth::{
    ApplicationCredential, Credentials, DomainRef, KeystoneAuth, MultiFactor, Password, ProjectRef,
    TokenCache, Totp, UserRef,
};
use crate::catalog::Interface;
use crate::error::Error;
use crate::microversion::{Microversion, Version};
use crate::redact::display_url;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::service::Service;
use crate::tls::TlsOptions;

/// One cloud's settings. Secrets are held as [`Secret`], so `Debug` never shows them.
///
/// ```no_run
/// # async fn demo() -> Result<(), apiref_runtime::Error> {
/// use apiref_runtime::{Client, CloudConfig, Service};
///
/// // What a generated client's `SERVICE` says; here, written by hand.
/// const IDENTITY: Service = Service { version_segments: &["v3"], ..Service::new("identity") };
///
/// let cloud = CloudConfig::load(Some("mycloud"))?; // or CloudConfig::from_env()?
/// let client = Client::builder_from_cloud(&cloud, &IDENTITY).connect().await?;
/// let project_id = client.project_id().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct CloudConfig {
    /// The cloud's name in `clouds.yaml`; `None` when read from `OS_*` variables.
    pub name: Option<String>,
    /// How the cloud authenticates.
    pub auth: CloudAuth,
    /// `region_name`: which region's endpoint to take from the catalog.
    pub region_name: Option<String>,
    /// `interface`: which endpoint of the service (default public).
    pub interface: Interface,
    /// Every `<service>_endpoint_override` (`OS_<SERVICE>_ENDPOINT_OVERRIDE`), by
    /// the service's key prefix (`compute`, `identity`, `block_storage`): that
    /// endpoint instead of the catalog's. See [`CloudConfig::endpoint_override`].
    pub endpoint_overrides: BTreeMap<String, String>,
    /// `connect_retries`: see
    /// [`ClientBuilder::connect_retries`](crate::ClientBuilder::connect_retries).
    pub connect_retries: Option<u32>,
    /// `status_code_retries`: see
    /// [`ClientBuilder::status_code_retries`](crate::ClientBuilder::status_code_retries).
    pub status_code_retries: Option<u32>,
    /// Every `<service>_connect_retries`, by key prefix: overrides `connect_retries`
    /// for that service, as openstacksdk lets each service do.
    pub service_connect_retries: BTreeMap<String, u32>,
    /// Every `<service>_status_code_retries`, by key prefix.
    pub service_status_code_retries: BTreeMap<String, u32>,
    /// `retriable_status_codes`, a list (or a comma-separated string) of statuses.
    pub retriable_status_codes: Option<Vec<u16>>,
    /// Every `<service>_api_version` (`OS_<SERVICE>_API_VERSION`), by key prefix:
    /// see [`CloudConfig::microversion`].
    pub api_versions: BTreeMap<String, String>,
    /// `cacert`, `cert`, `key`, `insecure` (or `verify: false`).
    pub tls: TlsOptions,
    /// `token_cache`: `true` (the default folder, see [`TokenCache::default_dir`])
    /// or a folder; absent or `false`, no cache.
    pub token_cache: Option<TokenCache>,
}

/// How a cloud authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum CloudAuth {
    /// Tokens from Keystone (`auth_type` `password`, `v3applicationcredential`,
    /// `token`, or inferred from the keys present).
    Keystone(KeystoneAuth),
    /// `auth_type: admin_token`: a ready token sent as is, to `auth.endpoint` or
    /// the service's `<service>_endpoint_override`.
    Token {
        /// The token, sent as `X-Auth-Token`.
        token: Secret,
        /// Where to send it (there is no catalog without Keystone).
        endpoint: Option<String>,
    },
}

impl CloudConfig {
    /// The endpoint `clouds.yaml` (or `OS_<SERVICE>_ENDPOINT_OVERRIDE`) sets for
    /// `service`, instead of the catalog's.
    pub fn endpoint_override(&self, service: &Service) -> Option<&str> {
        self.endpoint_overrides
            .get(&service.config_prefix())
            .map(String::as_str)
    }

    /// What `<service>_api_version` asks of `service`: for a service with
    /// microversions, `2.79` (or `latest`) is the microversion of calls that pass
    /// [`Microversion::Default`], and a bare major version (`2`) the base one; for
    /// one without, it must name one of the service's versions (`identity`: `3`).
    /// The error names the key; a client built with it reports it.
    pub fn microversion(&self, service: &Service) -> Result<Option<Microversion>, String> {
        let prefix = service.config_prefix();
        let Some(value) = self.api_versions.get(&prefix) else {
            return Ok(None);
        };
        let value = value.trim();
        let key = format!("{prefix}_api_version");
        let majors: Vec<&str> = service
            .version_segments
            .iter()
            .map(|s| s.trim_start_matches('v'))
            .collect();
        let major = value.split('.').next().unwrap_or_default();
        if service.microversion.is_some() {
            if value.eq_ignore_ascii_case("latest") {
                return Ok(Some(Microversion::Latest));
            }
            if !value.contains('.') && value.parse::<u32>().is_ok() {
                return Ok(None);
            }
            return value
                .parse::<Version>()
                .map(|v| Some(Microversion::Exact(v)))
                .map_err(|_| format!("`{key}` {value:?} is not a microversion (MAJOR.MINOR)"));
        }
        // A service that names no versions cannot be checked.
        if majors.is_empty() || majors.iter().any(|m| *m == value || *m == major) {
            return Ok(None);
        }
        Err(format!(
            "`{key}` {value:?}: {} speaks only {}",
            service.service_type,
            service.version_segments.join(", ")
        ))
    }

    /// The retries its `clouds.yaml` entry asks for `service` (its own keys first,
    /// then the general ones), keystoneauth's defaults otherwise.
    pub(crate) fn retry_policy(&self, service: &Service) -> RetryPolicy {
        let default = RetryPolicy::default();
        let prefix = service.config_prefix();
        RetryPolicy {
            connect_retries: (self.service_connect_retries.get(&prefix).copied())
                .or(self.connect_retries)
                .unwrap_or(default.connect_retries),
            status_code_retries: (self.service_status_code_retries.get(&prefix).copied())
                .or(self.status_code_retries)
                .unwrap_or(default.status_code_retries),
            retriable_status_codes: self
                .retriable_status_codes
                .clone()
                .unwrap_or(default.retriable_status_codes),
            ..default
        }
    }
}

// By hand: URLs are shown without any `user:password@` (they are refused when used,
// but a `Debug` print may come first).
impl std::fmt::Debug for CloudConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloudConfig")
            .field("name", &self.name)
            .field("auth", &self.auth)
            .field("region_name", &self.region_name)
            .field("interface", &self.interface)
            .field(
                "endpoint_overrides",
                &self
                    .endpoint_overrides
                    .iter()
                    .map(|(service, url)| (service, display_url(url)))
                    .collect::<BTreeMap<_, _>>(),
            )
            .field("connect_retries", &self.connect_retries)
            .field("status_code_retries", &self.status_code_retries)
            .field("service_connect_retries", &self.service_connect_retries)
            .field(
                "service_status_code_retries",
                &self.service_status_code_retries,
            )
            .field("retriable_status_codes", &self.retriable_status_codes)
            .field("api_versions", &self.api_versions)
            .field("tls", &self.tls)
            .field("token_cache", &self.token_cache)
            .finish()
    }
}

impl std::fmt::Debug for CloudAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CloudAuth::Keystone(auth) => f.debug_tuple("Keystone").field(auth).finish(),
            CloudAuth::Token { token, endpoint } => f
                .debug_struct("Token")
                .field("token", token)
                .field("endpoint", &endpoint.as_deref().map(display_url))
                .finish(),
        }
    }
}

/// The `OS_*` variables the "envvars" cloud reads, and the `auth` key each sets; where
/// two set one key, the first listed wins (`OS_PROJECT_NAME` over `OS_TENANT_NAME`).
const ENV_AUTH_KEYS: &[(&str, &str)] = &[
    ("OS_AUTH_URL", "auth_url"),
    ("OS_USERNAME", "username"),
    ("OS_USER_ID", "user_id"),
    ("OS_PASSWORD", "password"),
    ("OS_PROJECT_NAME", "project_name"),
    ("OS_TENANT_NAME", "project_name"),
    ("OS_PROJECT_ID", "project_id"),
    ("OS_TENANT_ID", "project_id"),
    ("OS_USER_DOMAIN_NAME", "user_domain_name"),
    ("OS_USER_DOMAIN_ID", "user_domain_id"),
    ("OS_PROJECT_DOMAIN_NAME", "project_domain_name"),
    ("OS_PROJECT_DOMAIN_ID", "project_domain_id"),
    ("OS_DEFAULT_DOMAIN_NAME", "default_domain_name"),
    ("OS_DEFAULT_DOMAIN_ID", "default_domain_id"),
    ("OS_APPLICATION_CREDENTIAL_ID", "application_credential_id"),
    (
        "OS_APPLICATION_CREDENTIAL_NAME",
        "application_credential_name",
    ),
    (
        "OS_APPLICATION_CREDENTIAL_SECRET",
        "application_credential_secret",
    ),
    ("OS_TOKEN", "token"),
    ("OS_ENDPOINT", "endpoint"),
    ("OS_PASSCODE", "passcode"),
    ("OS_AUTH_METHODS", "auth_methods"),
];

/// The `OS_*` variables the "envvars" cloud reads outside `auth`.
const ENV_CLOUD_KEYS: &[(&str, &str)] = &[
    ("OS_AUTH_TYPE", "auth_type"),
    ("OS_AUTH_PLUGIN", "auth_type"),
    ("OS_REGION_NAME", "region_name"),
    ("OS_INTERFACE", "interface"),
    ("OS_ENDPOINT_TYPE", "interface"),
    ("OS_IDENTITY_API_VERSION", "identity_api_version"),
    ("OS_CONNECT_RETRIES", "connect_retries"),
    ("OS_STATUS_CODE_RETRIES", "status_code_retries"),
    ("OS_RETRIABLE_STATUS_CODES", "retriable_status_codes"),
    ("OS_CACERT", "cacert"),
    ("OS_CERT", "cert"),
    ("OS_KEY", "key"),
    ("OS_INSECURE", "insecure"),
];

/// Suffixes of the keys one service may set for itself (`identity_endpoint_override`,
/// `compute_status_code_retries`), as openstacksdk reads them for any service type.
const ENDPOINT_OVERRIDE: &str = "_endpoint_override";
const CONNECT_RETRIES: &str = "_connect_retries";
const STATUS_CODE_RETRIES: &str = "_status_code_retries";
const API_VERSION: &str = "_api_version";
const PER_SERVICE_SUFFIXES: &[&str] = &[
    ENDPOINT_OVERRIDE,
    CONNECT_RETRIES,
    STATUS_CODE_RETRIES,
    API_VERSION,
];

/// The service prefix of `key` if it is `<prefix><suffix>` with a prefix that can be
/// a service's (lowercase letters, digits, `_`).
fn per_service_prefix<'k>(key: &'k str, suffix: &str) -> Option<&'k str> {
    key.strip_suffix(suffix).filter(|prefix| {
        !prefix.is_empty()
            && prefix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// Variables that choose a cloud or a file rather than describe a cloud: set alone,
/// they make no "envvars" cloud (openstacksdk's `_get_os_environ`).
const ENV_SELECTORS: &[&str] = &[
    "OS_CLOUD",
    "OS_REGION_NAME",
    "OS_CLIENT_CONFIG_FILE",
    "OS_CLIENT_SECURE_FILE",
    "OS_CLOUD_NAME",
];

/// `OS_*` variables of test tools (oslotest, OpenStack CI), never a cloud's.
const ENV_IGNORED_PREFIXES: &[&str] = &["OS_TEST", "OS_STD", "OS_LOG"];

/// The name of the cloud the `OS_*` variables make, unless `OS_CLOUD_NAME` renames it.
const ENVVARS_CLOUD: &str = "envvars";

const FILE_SUFFIXES: &[&str] = &["yaml", "yml", "json"];

/// The process environment, or a test's stand-in. No `Debug`: values are secrets.
struct Env(BTreeMap<String, String>);

impl Env {
    /// A variable's value, unless unset or blank.
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).filter(|v| !v.trim().is_empty()).cloned()
    }

    /// Whether the `OS_*` variables make a cloud: some `OS_*` variable other than
    /// the selectors and the test tools' is set (even empty), as openstacksdk decides.
    fn has_cloud(&self) -> bool {
        self.0.keys().any(|key| {
            key.starts_with("OS_")
                && !ENV_SELECTORS.contains(&key.as_str())
                && !ENV_IGNORED_PREFIXES.iter().any(|p| key.starts_with(p))
        })
    }
}

impl CloudConfig {
    /// The cloud named `cloud`, else the one `OS_CLOUD` names, from the usual files;
    /// with neither, the `OS_*` variables (an openrc file); with none of those set,
    /// the only cloud in `clouds.yaml`. The README's "Connecting to a cloud" has the
    /// whole table.
    pub fn load(cloud: Option<&str>) -> Result<CloudConfig, Error> {
        // A variable that is not UTF-8 cannot be a URL, name or secret we could send.
        let env = Env(std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect());
        let dirs = Self::default_search_dirs(|name| env.get(name));
        Self::load_from(cloud, &env, &dirs)
    }

    /// [`CloudConfig::load`]`(None)`: `OS_CLOUD`, else the `OS_*` variables, else the
    /// only cloud in `clouds.yaml`.
    pub fn from_env() -> Result<CloudConfig, Error> {
        Self::load(None)
    }

    /// [`CloudConfig::load`] with `vars` as the whole environment and the files
    /// looked for in `search_dirs`, so it can run without touching the real ones.
    ///
    /// ```
    /// use apiref_runtime::CloudConfig;
    ///
    /// let cloud = CloudConfig::load_with(
    ///     None,
    ///     [
    ///         ("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
    ///         ("OS_AUTH_TYPE", "v3applicationcredential"),
    ///         ("OS_APPLICATION_CREDENTIAL_ID", "0123abcd"),
    ///         ("OS_APPLICATION_CREDENTIAL_SECRET", "not-shown"),
    ///     ],
    ///     &[],
    /// )?;
    /// assert_eq!(cloud.name, None);
    /// assert!(!format!("{cloud:?}").contains("not-shown"));
    /// # Ok::<(), apiref_runtime::Error>(())
    /// ```
    pub fn load_with<K: Into<String>, V: Into<String>>(
        cloud: Option<&str>,
        vars: impl IntoIterator<Item = (K, V)>,
        search_dirs: &[PathBuf],
    ) -> Result<CloudConfig, Error> {
        let env = Env(vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect());
        Self::load_from(cloud, &env, search_dirs)
    }

    fn load_from(
        cloud: Option<&str>,
        env: &Env,
        search_dirs: &[PathBuf],
    ) -> Result<CloudConfig, Error> {
        let envvars = env
            .get("OS_CLOUD_NAME")
            .unwrap_or_else(|| ENVVARS_CLOUD.to_owned());
        let name = cloud
            .filter(|c| !c.trim().is_empty())
            .map(str::to_owned)
            .or_else(|| env.get("OS_CLOUD"));
        match name {
            Some(name) if name == envvars => {
                if !env.has_cloud() {
                    return Err(Error::Config(format!(
                        "cloud {name:?} is the one the OS_* variables make, and none is set"
                    )));
                }
                Self::from_env_vars(env)
            }
            Some(name) => ConfigFiles::read(env, search_dirs, &envvars)?.named(&name),
            None if env.has_cloud() => Self::from_env_vars(env),
            None => ConfigFiles::read(env, search_dirs, &envvars)?.only(),
        }
    }

    /// Where `clouds.yaml` and `secure.yaml` are looked for, in order: the current
    /// folder, the user's config folder, `/etc/openstack`.
    pub fn default_search_dirs(env: impl Fn(&str) -> Option<String>) -> Vec<PathBuf> {
        let mut dirs = vec![PathBuf::from(".")];
        let config_home = env("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                env("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| Path::new(&h).join(".config"))
            });
        if let Some(config_home) = config_home {
            dirs.push(config_home.join("openstack"));
        }
        dirs.push(PathBuf::from("/etc/openstack"));
        dirs
    }

    /// One cloud's settings from `clouds.yaml` text (and `secure.yaml` text, if any).
    pub fn from_yaml(
        name: &str,
        clouds_yaml: &str,
        secure_yaml: Option<&str>,
    ) -> Result<CloudConfig, Error> {
        let clouds = parse_yaml(clouds_yaml, "clouds.yaml")?;
        let mut cloud = cloud_entry(&clouds, name)
            .cloned()
            .ok_or_else(|| Error::Config(format!("no cloud {name:?} in clouds.yaml")))?;
        if let Some(secure) = secure_yaml {
            let secure = parse_yaml(secure, "secure.yaml")?;
            if let Some(overlay) = cloud_entry(&secure, name) {
                deep_merge(&mut cloud, overlay.clone());
            }
        }
        let cache_dir = TokenCache::default_dir(|name| std::env::var(name).ok());
        Self::from_cloud_value(
            Some(name.to_owned()),
            &format!("cloud {name:?}"),
            &cloud,
            cache_dir,
        )
    }

    /// The "envvars" cloud: what the `OS_*` variables of an openrc file describe.
    fn from_env_vars(env: &Env) -> Result<CloudConfig, Error> {
        let mut auth = Map::new();
        for (var, key) in ENV_AUTH_KEYS {
            if let Some(value) = env.get(var)
                && !auth.contains_key(*key)
            {
                auth.insert((*key).to_owned(), Value::String(value));
            }
        }
        let mut cloud = Map::new();
        for (var, key) in ENV_CLOUD_KEYS {
            if let Some(value) = env.get(var)
                && !cloud.contains_key(*key)
            {
                cloud.insert((*key).to_owned(), Value::String(value));
            }
        }
        // `OS_<SERVICE>_ENDPOINT_OVERRIDE` and the per-service retries, for any
        // service: the variable lowercased is the `clouds.yaml` key.
        for (var, value) in &env.0 {
            if let Some(rest) = var.strip_prefix("OS_")
                && PER_SERVICE_SUFFIXES
                    .iter()
                    .any(|suffix| per_service_prefix(&rest.to_ascii_lowercase(), suffix).is_some())
                && !value.trim().is_empty()
            {
                cloud.insert(rest.to_ascii_lowercase(), Value::String(value.clone()));
            }
        }
        cloud.insert("auth".to_owned(), Value::Object(auth));
        // Errors name the variables that made this cloud (names only, never values).
        let set = env
            .0
            .keys()
            .filter(|key| {
                key.starts_with("OS_") && !ENV_IGNORED_PREFIXES.iter().any(|p| key.starts_with(p))
            })
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let label = format!("the OS_* variables (set: {set})");
        let cache_dir = TokenCache::default_dir(|name| env.get(name));
        Self::from_cloud_value(None, &label, &Value::Object(cloud), cache_dir)
    }

    /// Reads one cloud's dict (after merging); `label` names it in errors.
    /// `cache_dir` is where `token_cache: true` puts tokens (from the environment
    /// the cloud was loaded with).
    fn from_cloud_value(
        name: Option<String>,
        label: &str,
        cloud: &Value,
        cache_dir: Option<PathBuf>,
    ) -> Result<CloudConfig, Error> {
        let fields = Fields {
            label,
            map: cloud.as_object(),
        };
        let empty = Map::new();
        let auth_map = match cloud.get("auth") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(map)) => map,
            Some(_) => return Err(Error::Config(format!("{label}: `auth` is not a mapping"))),
        };
        let auth = Fields {
            label,
            map: Some(auth_map),
        };

        if let Some(version) = fields.string("identity_api_version")?
            && version.trim() != "3"
            && !version.trim().starts_with("3.")
        {
            return Err(Error::Config(format!(
                "{label}: identity_api_version {version} is not supported (only 3)"
            )));
        }
        let interface = match fields.string("interface")? {
            Some(s) => s.parse()?,
            None => Interface::default(),
        };
        Ok(CloudConfig {
            auth: read_auth(fields.string("auth_type")?.as_deref(), &auth, label)?,
            region_name: fields.string("region_name")?,
            interface,
            endpoint_overrides: fields.per_service(ENDPOINT_OVERRIDE, |_, url| Ok(url))?,
            connect_retries: fields.count("connect_retries")?,
            status_code_retries: fields.count("status_code_retries")?,
            service_connect_retries: fields
                .per_service(CONNECT_RETRIES, |key, text| fields.parse_count(key, &text))?,
            service_status_code_retries: fields.per_service(STATUS_CODE_RETRIES, |key, text| {
                fields.parse_count(key, &text)
            })?,
            retriable_status_codes: fields.statuses("retriable_status_codes")?,
            api_versions: fields.per_service(API_VERSION, |_, v| Ok(v))?,
            tls: TlsOptions {
                ca_cert: fields.string("cacert")?.map(PathBuf::from),
                client_cert: fields.string("cert")?.map(PathBuf::from),
                client_key: fields.string("key")?.map(PathBuf::from),
                insecure: fields.flag("insecure")?.unwrap_or(false)
                    || fields.flag("verify")? == Some(false),
            },
            token_cache: match fields.map.and_then(|m| m.get("token_cache")) {
                None | Some(Value::Null) | Some(Value::Bool(false)) => None,
                Some(Value::Bool(true)) => {
                    Some(cache_dir.map(TokenCache::new).ok_or_else(|| {
                        Error::Config(format!(
                            "{label}: `token_cache: true` needs XDG_CACHE_HOME or HOME \
                                 (or give a folder)"
                        ))
                    })?)
                }
                Some(Value::String(dir)) if !dir.trim().is_empty() => {
                    Some(TokenCache::new(dir.trim()))
                }
                Some(_) => {
                    return Err(Error::Config(format!(
                        "{label}: `token_cache` must be true, false or a folder"
                    )));
                }
            },
            name,
        })
    }
}

/// The `auth` dict as credentials, by `auth_type` or by the keys present.
fn read_auth(auth_type: Option<&str>, auth: &Fields, label: &str) -> Result<CloudAuth, Error> {
    let kind = match auth_type {
        Some(t) => t.to_owned(),
        None if auth.has("application_credential_secret") => "v3applicationcredential".to_owned(),
        None if auth.has("password") => "password".to_owned(),
        None if auth.has("token") && auth.has("auth_url") => "token".to_owned(),
        None if auth.has("token") => "admin_token".to_owned(),
        None => {
            return Err(Error::Config(format!(
                "{label}: no credentials (password, application_credential_secret or token)"
            )));
        }
    };
    let keystone = |credentials: Credentials| -> Result<CloudAuth, Error> {
        Ok(CloudAuth::Keystone(KeystoneAuth::new(
            auth.required("auth_url")?,
            credentials,
        )))
    };
    match kind.as_str() {
        "password" | "v3password" => keystone(Credentials::Password(password(auth)?)),
        "v3applicationcredential" | "applicationcredential" => keystone(
            Credentials::ApplicationCredential(application_credential(auth)?),
        ),
        "token" | "v3token" => keystone(Credentials::Token {
            token: auth.required_secret("token")?,
            project: auth.project()?,
        }),
        "v3totp" | "totp" => keystone(Credentials::Totp(totp(auth)?)),
        "v3multifactor" | "multifactor" => {
            let methods = auth.methods(label)?;
            let mut factors = Vec::new();
            for method in &methods {
                factors.push(match method.as_str() {
                    "v3password" | "password" => {
                        let mut password = password(auth)?;
                        password.scope = None;
                        Credentials::Password(password)
                    }
                    "v3totp" | "totp" => Credentials::Totp(totp(auth)?),
                    "v3token" | "token" => Credentials::Token {
                        token: auth.required_secret("token")?,
                        project: None,
                    },
                    "v3applicationcredential" | "applicationcredential" => {
                        Credentials::ApplicationCredential(application_credential(auth)?)
                    }
                    other => {
                        return Err(Error::Config(format!(
                            "{label}: auth_methods: {other:?} is not supported (v3password, \
                             v3totp, v3token, v3applicationcredential)"
                        )));
                    }
                });
            }
            let mut multi = MultiFactor::new(factors);
            multi.scope = auth.project()?;
            keystone(Credentials::MultiFactor(multi))
        }
        // openstacksdk's name for it: "Humans have been trained to use token_endpoint".
        "admin_token" | "token_endpoint" => Ok(CloudAuth::Token {
            token: auth.required_secret("token")?,
            endpoint: auth.string("endpoint")?,
        }),
        other => Err(Error::Config(format!(
            "{label}: auth_type {other:?} is not supported (password, v3password, \
             v3applicationcredential, token, v3token, v3totp, v3multifactor, admin_token, \
             token_endpoint)"
        ))),
    }
}

fn password(auth: &Fields) -> Result<Password, Error> {
    let mut password = Password::new(
        auth.user()?
            .ok_or_else(|| auth.missing("username or user_id"))?,
        auth.required_secret("password")?,
    );
    password.scope = auth.project()?;
    Ok(password)
}

fn application_credential(auth: &Fields) -> Result<ApplicationCredential, Error> {
    let secret = auth.required_secret("application_credential_secret")?;
    Ok(match auth.string("application_credential_id")? {
        Some(id) => ApplicationCredential::id(id, secret),
        None => {
            let name = auth.string("application_credential_name")?.ok_or_else(|| {
                auth.missing("application_credential_id or application_credential_name")
            })?;
            let user = auth.user()?.ok_or_else(|| {
                auth.missing("username or user_id (for application_credential_name)")
            })?;
            ApplicationCredential::name(name, user, secret)
        }
    })
}

/// `passcode` (read from an authenticator now) or `totp_secret` (apiref's own
/// key: the base32 secret, from which each passcode is computed).
fn totp(auth: &Fields) -> Result<Totp, Error> {
    let user = auth
        .user()?
        .ok_or_else(|| auth.missing("username or user_id"))?;
    let mut totp = match (auth.string("passcode")?, auth.string("totp_secret")?) {
        (Some(passcode), _) => Totp::passcode(user, passcode),
        (None, Some(secret)) => Totp::secret(user, secret),
        (None, None) => return Err(auth.missing("passcode or totp_secret")),
    };
    totp.scope = auth.project()?;
    Ok(totp)
}

/// String fields of one mapping, with errors that name the cloud and the key (never
/// the value: it may be a secret).
struct Fields<'a> {
    label: &'a str,
    map: Option<&'a Map<String, Value>>,
}

impl Fields<'_> {
    fn has(&self, key: &str) -> bool {
        self.map
            .and_then(|m| m.get(key))
            .is_some_and(|v| !v.is_null())
    }

    /// A string, number or boolean as text (YAML reads `password: 1234` as a number).
    fn string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.map.and_then(|m| m.get(key)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.is_empty())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(Error::Config(format!(
                "{}: `{key}` must be a string",
                self.label
            ))),
        }
    }

    /// A yes/no setting: a boolean, or text as openstacksdk reads `OS_INSECURE`
    /// (`true`/`false`, `yes`/`no`, `1`/`0`).
    fn flag(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.string(key)? {
            None => Ok(None),
            Some(text) => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" | "on" => Ok(Some(true)),
                "false" | "no" | "0" | "off" => Ok(Some(false)),
                _ => Err(Error::Config(format!(
                    "{}: `{key}` must be true or false",
                    self.label
                ))),
            },
        }
    }

    /// `auth_methods` of `v3multifactor`: a list, or a comma-separated string.
    fn methods(&self, label: &str) -> Result<Vec<String>, Error> {
        let methods: Vec<String> = match self.map.and_then(|m| m.get("auth_methods")) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.trim().to_owned()),
                    _ => Err(Error::Config(format!(
                        "{label}: `auth_methods` must be a list of method names"
                    ))),
                })
                .collect::<Result<_, _>>()?,
            _ => self
                .string("auth_methods")?
                .unwrap_or_default()
                .split(',')
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect(),
        };
        if methods.is_empty() {
            return Err(self.missing("auth_methods (for v3multifactor)"));
        }
        Ok(methods)
    }

    /// A count such as `status_code_retries`.
    fn count(&self, key: &str) -> Result<Option<u32>, Error> {
        match self.string(key)? {
            Some(text) => self.parse_count(key, &text).map(Some),
            None => Ok(None),
        }
    }

    /// Every `<service>_<suffix>` key with a value, by service prefix, read by `read`
    /// (given the key and the value's text).
    fn per_service<T>(
        &self,
        suffix: &str,
        read: impl Fn(&str, String) -> Result<T, Error>,
    ) -> Result<BTreeMap<String, T>, Error> {
        let mut found = BTreeMap::new();
        for key in self.map.into_iter().flat_map(|m| m.keys()) {
            if let Some(prefix) = per_service_prefix(key, suffix)
                && let Some(text) = self.string(key)?
            {
                found.insert(prefix.to_owned(), read(key, text)?);
            }
        }
        Ok(found)
    }

    /// `text`, the value of `key`, as a whole number of retries.
    fn parse_count(&self, key: &str, text: &str) -> Result<u32, Error> {
        text.trim().parse().map_err(|_| {
            Error::Config(format!(
                "{}: `{key}` must be a whole number of retries",
                self.label
            ))
        })
    }

    /// A list of HTTP statuses: a sequence, or a comma-separated string.
    fn statuses(&self, key: &str) -> Result<Option<Vec<u16>>, Error> {
        let bad = || {
            Error::Config(format!(
                "{}: `{key}` must be a list of HTTP statuses (100 to 599)",
                self.label
            ))
        };
        let parse = |text: &str| match text.trim().parse::<u16>() {
            Ok(code) if (100..600).contains(&code) => Ok(code),
            _ => Err(bad()),
        };
        match self.map.and_then(|m| m.get(key)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::Number(n) => parse(&n.to_string()),
                    Value::String(s) => parse(s),
                    _ => Err(bad()),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => match self.string(key)? {
                Some(text) => text
                    .split(',')
                    .map(parse)
                    .collect::<Result<_, _>>()
                    .map(Some),
                None => Ok(None),
            },
        }
    }

    fn required(&self, key: &str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| self.missing(key))
    }

    fn required_secret(&self, key: &str) -> Result<Secret, Error> {
        self.required(key).map(Secret::new)
    }

    fn missing(&self, what: &str) -> Error {
        Error::Config(format!("{}: auth needs {what}", self.label))
    }

    /// `user_domain_id`/`_name`, falling back to `default_domain_id`/`_name`.
    fn domain(&self, prefix: &str) -> Result<Option<DomainRef>, Error> {
        if let Some(id) = self.string(&format!("{prefix}_domain_id"))? {
            return Ok(Some(DomainRef::Id(id)));
        }
        if let Some(name) = self.string(&format!("{prefix}_domain_name"))? {
            return Ok(Some(DomainRef::Name(name)));
        }
        if let Some(id) = self.string("default_domain_id")? {
            return Ok(Some(DomainRef::Id(id)));
        }
        Ok(self.string("default_domain_name")?.map(DomainRef::Name))
    }

    fn user(&self) -> Result<Option<UserRef>, Error> {
        if let Some(id) = self.string("user_id")? {
            return Ok(Some(UserRef::Id(id)));
        }
        let Some(name) = self.string("username")? else {
            return Ok(None);
        };
        let domain = self
            .domain("user")?
            .ok_or_else(|| self.missing("user_domain_name or user_domain_id with username"))?;
        Ok(Some(UserRef::name(name, domain)))
    }

    fn project(&self) -> Result<Option<ProjectRef>, Error> {
        if let Some(id) = self.string("project_id")?.or(self.string("tenant_id")?) {
            return Ok(Some(ProjectRef::Id(id)));
        }
        let Some(name) = self.string("project_name")?.or(self.string("tenant_name")?) else {
            return Ok(None);
        };
        let domain = self.domain("project")?.ok_or_else(|| {
            self.missing("project_domain_name or project_domain_id with project_name")
        })?;
        Ok(Some(ProjectRef::name(name, domain)))
    }
}

/// The `clouds.yaml` and `secure.yaml` in use, read and merged.
struct ConfigFiles {
    /// The clouds file, if one was found.
    path: Option<PathBuf>,
    /// Every cloud: the clouds file's entries with the secure file's merged over them.
    clouds: Map<String, Value>,
    /// Said in errors: where the clouds file was looked for, and an
    /// `OS_CLIENT_CONFIG_FILE` that names no file (openstacksdk skips it in silence).
    looked_in: String,
    /// `public-clouds` of `clouds-public.yaml`: the vendor profiles a cloud's
    /// `profile:` names, and the file they came from.
    profiles: Map<String, Value>,
    profiles_path: Option<PathBuf>,
    /// Where `token_cache: true` puts tokens.
    cache_dir: Option<PathBuf>,
}

impl ConfigFiles {
    /// Finds and reads the files. Like openstacksdk, `$OS_CLIENT_CONFIG_FILE` (and
    /// `$OS_CLIENT_SECURE_FILE`) come first and are skipped when they name no file,
    /// so the search folders are tried next. A file that is there but unreadable or
    /// not YAML is an error here (openstacksdk skips it with a warning). A cloud named
    /// like the `OS_*` variables' cloud is refused, as openstacksdk refuses it.
    fn read(env: &Env, dirs: &[PathBuf], envvars: &str) -> Result<ConfigFiles, Error> {
        let (path, mut looked_in) = find_file(env.get("OS_CLIENT_CONFIG_FILE"), dirs, "clouds");
        let (secure_path, _) = find_file(env.get("OS_CLIENT_SECURE_FILE"), dirs, "secure");
        let mut clouds = Map::new();
        for file in [&path, &secure_path].into_iter().flatten() {
            let doc = read_yaml(file)?;
            match doc.get("clouds") {
                None | Some(Value::Null) => {}
                Some(Value::Object(entries)) => {
                    if entries.contains_key(envvars) {
                        return Err(Error::Config(format!(
                            "{} defines a cloud named {envvars:?}, the name of the cloud the \
                             OS_* variables make (OS_CLOUD_NAME); rename one of them",
                            file.display()
                        )));
                    }
                    for (name, entry) in entries {
                        match clouds.get_mut(name) {
                            Some(base) => deep_merge(base, entry.clone()),
                            None => {
                                clouds.insert(name.clone(), entry.clone());
                            }
                        }
                    }
                }
                Some(_) => {
                    return Err(Error::Config(format!(
                        "{}: `clouds` is not a mapping",
                        file.display()
                    )));
                }
            }
        }
        if let Some(path) = &path {
            looked_in = format!("{} was read{looked_in}", path.display());
        } else {
            let dirs = dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            looked_in = format!("no clouds.yaml in {dirs}{looked_in}");
        }
        let profiles_path = first_existing(dirs, "clouds-public");
        let mut profiles = Map::new();
        if let Some(file) = &profiles_path {
            match read_yaml(file)?.get("public-clouds") {
                None | Some(Value::Null) => {}
                Some(Value::Object(entries)) => profiles = entries.clone(),
                Some(_) => {
                    return Err(Error::Config(format!(
                        "{}: `public-clouds` is not a mapping",
                        file.display()
                    )));
                }
            }
        }
        Ok(ConfigFiles {
            path,
            clouds,
            looked_in,
            profiles,
            profiles_path,
            cache_dir: TokenCache::default_dir(|name| env.get(name)),
        })
    }

    /// The cloud named `name`; an error if no file has it (whatever `OS_*` says).
    fn named(&self, name: &str) -> Result<CloudConfig, Error> {
        let Some(cloud) = self.clouds.get(name) else {
            let known = self.clouds.keys().cloned().collect::<Vec<_>>().join(", ");
            let has = if self.path.is_some() {
                format!(" (it has: {known})")
            } else {
                String::new()
            };
            return Err(Error::Config(format!(
                "no cloud {name:?}: {}{has}",
                self.looked_in
            )));
        };
        let label = format!("cloud {name:?}");
        let cloud = self.with_profile(cloud, &label)?;
        CloudConfig::from_cloud_value(
            Some(name.to_owned()),
            &label,
            &cloud,
            self.cache_dir.clone(),
        )
    }

    /// `cloud` over the vendor profile it names (`profile:`, or `cloud:` as older
    /// files say), as openstacksdk expands it: the profile is the base, the cloud's
    /// own keys (and secure.yaml's) win, mappings merged key by key.
    fn with_profile(&self, cloud: &Value, label: &str) -> Result<Value, Error> {
        let named = ["profile", "cloud"]
            .iter()
            .find_map(|key| cloud.get(*key).and_then(Value::as_str).map(str::to_owned));
        let Some(profile) = named else {
            return Ok(cloud.clone());
        };
        let Some(base) = self.profiles.get(&profile) else {
            let where_ = match &self.profiles_path {
                Some(path) => format!("{} has no such entry under public-clouds", path.display()),
                None => "no clouds-public.yaml was found beside clouds.yaml".to_owned(),
            };
            return Err(Error::Config(format!(
                "{label}: profile {profile:?} is unknown: {where_}"
            )));
        };
        let mut merged = base.clone();
        deep_merge(&mut merged, cloud.clone());
        if let Value::Object(map) = &mut merged {
            map.remove("profile");
            map.remove("cloud");
        }
        Ok(merged)
    }

    /// With no cloud named and no `OS_*` variables: the only cloud there is.
    fn only(&self) -> Result<CloudConfig, Error> {
        let mut names = self.clouds.keys();
        match (names.next(), names.next()) {
            (Some(name), None) => self.named(name),
            (None, _) => Err(Error::Config(format!(
                "no cloud configured: set OS_AUTH_URL and credentials (an openrc file), or \
                 name a cloud of a clouds.yaml with OS_CLOUD ({})",
                self.looked_in
            ))),
            (Some(_), Some(_)) => Err(Error::Config(format!(
                "no cloud named, and there are several: {}; choose one with OS_CLOUD ({})",
                self.clouds.keys().cloned().collect::<Vec<_>>().join(", "),
                self.looked_in
            ))),
        }
    }
}

/// The file `named` if it is one, else the first `stem.{yaml,yml,json}` in `dirs`;
/// and, when `named` is not a file, a note saying so.
fn find_file(named: Option<String>, dirs: &[PathBuf], stem: &str) -> (Option<PathBuf>, String) {
    let mut note = String::new();
    if let Some(named) = named {
        let path = PathBuf::from(named);
        if path.is_file() {
            return (Some(path), note);
        }
        note = format!(
            "; OS_CLIENT_{}_FILE={} is not a file",
            if stem == "clouds" { "CONFIG" } else { "SECURE" },
            path.display()
        );
    }
    (first_existing(dirs, stem), note)
}

fn first_existing(dirs: &[PathBuf], stem: &str) -> Option<PathBuf> {
    dirs.iter()
        .flat_map(|dir| {
            FILE_SUFFIXES
                .iter()
                .map(move |s| dir.join(format!("{stem}.{s}")))
        })
        .find(|path| path.is_file())
}

fn read_yaml(path: &Path) -> Result<Value, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
    parse_yaml(&text, &path.display().to_string())
}

/// Parses YAML (JSON is YAML too). A syntax error names the place only: the parser's
/// message could quote a line holding a password.
fn parse_yaml(text: &str, what: &str) -> Result<Value, Error> {
    let value: Value = serde_saphyr::from_str(text).map_err(|e| {
        let at = e
            .without_snippet()
            .location()
            .map(|l| format!(" at line {}, column {}", l.line(), l.column()))
            .unwrap_or_default();
        Error::Config(format!("{what} is not valid YAML{at}"))
    })?;
    Ok(value)
}

fn cloud_entry<'a>(doc: &'a Value, name: &str) -> Option<&'a Value> {
    doc.get("clouds")?.get(name)
}

/// Merges `overlay` into `base`: mappings key by key, recursively; anything else
/// replaces.
fn deep_merge(base: &mut Value, overlay: Value) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                match base.get_mut(&key) {
                    Some(existing) => deep_merge(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, overlay) => *base = overlay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the keystone harness writes (keys and layout exactly as it does).
    const HARNESS_CLOUDS: &str = r#"# clouds.yaml for python-openstackclient / openstacksdk
clouds:
  keystone-harness-demo:
    auth_type: password
    auth:
      auth_url: http://127.0.0.1:15000/v3
      username: demo
      password: "32aa02c63f63ef6bfed1cdded52f9538"
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  keystone-harness-appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://127.0.0.1:15000/v3
      application_credential_id: e86ff83fbfac4379801019e412f41be0
      application_credential_secret: "FIfDLsz_ajvYN1XvmGLCFXEP4kxKNxWT3b3FHPkq"
    region_name: RegionOne
    interface: public
    identity_api_version: 3
"#;

    fn env_of(vars: &[(&str, &str)]) -> Vec<(String, String)> {
        vars.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("apiref-cloud-config-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn keystone(cloud: &CloudConfig) -> &KeystoneAuth {
        match &cloud.auth {
            CloudAuth::Keystone(k) => k,
            other => panic!("not keystone: {other:?}"),
        }
    }

    #[test]
    fn reads_the_harness_password_cloud() {
        let cloud =
            CloudConfig::from_yaml("keystone-harness-demo", HARNESS_CLOUDS, None).expect("valid");
        assert_eq!(cloud.name.as_deref(), Some("keystone-harness-demo"));
        assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
        assert_eq!(cloud.interface, Interface::Public);
        let auth = keystone(&cloud);
        assert_eq!(auth.auth_url, "http://127.0.0.1:15000/v3");
        let Credentials::Password(p) = &auth.credentials else {
            panic!("not a password: {auth:?}")
        };
        assert_eq!(p.user, UserRef::name("demo", DomainRef::name("Default")));
        assert_eq!(p.password.expose(), "32aa02c63f63ef6bfed1cdded52f9538");
        assert_eq!(
            p.scope,
            Some(ProjectRef::name("demo", DomainRef::name("Default")))
        );
        let shown = format!("{cloud:?}");
        assert!(
            !shown.contains("32aa02c63f63ef6bfed1cdded52f9538"),
            "{shown}"
        );
    }

    #[test]
    fn reads_the_harness_appcred_cloud() {
        let cloud = CloudConfig::from_yaml("keystone-harness-appcred", HARNESS_CLOUDS, None)
            .expect("valid");
        let auth = keystone(&cloud);
        let Credentials::ApplicationCredential(ApplicationCredential::Id { id, secret }) =
            &auth.credentials
        else {
            panic!("not an app cred by id: {auth:?}")
        };
        assert_eq!(id, "e86ff83fbfac4379801019e412f41be0");
        assert_eq!(secret.expose(), "FIfDLsz_ajvYN1XvmGLCFXEP4kxKNxWT3b3FHPkq");
        assert!(!format!("{cloud:?}").contains("FIfDLsz"));
    }

    #[test]
    fn secure_yaml_is_merged_deeply() {
        let clouds = "clouds:\n  c:\n    auth:\n      auth_url: http://ks/v3\n      \
                      username: u\n      user_domain_id: default\n      project_id: p1\n    \
                      region_name: R1\n";
        let secure = "clouds:\n  c:\n    auth:\n      password: 1234\n    region_name: R2\n";
        let cloud = CloudConfig::from_yaml("c", clouds, Some(secure)).expect("valid");
        assert_eq!(cloud.region_name.as_deref(), Some("R2"));
        let Credentials::Password(p) = &keystone(&cloud).credentials else {
            panic!("not a password")
        };
        assert_eq!(p.password.expose(), "1234");
        assert_eq!(p.user, UserRef::name("u", DomainRef::id("default")));
        assert_eq!(p.scope, Some(ProjectRef::id("p1")));
    }

    #[test]
    fn finds_files_in_order_and_merges_secure_yaml() {
        let first = temp_dir("first");
        let second = temp_dir("second");
        let clouds = HARNESS_CLOUDS.replace("password: \"32aa", "password: \"ffff");
        std::fs::write(second.join("clouds.yaml"), &clouds).expect("write");
        std::fs::write(
            second.join("secure.yaml"),
            "clouds:\n  keystone-harness-demo:\n    auth:\n      password: from-second\n",
        )
        .expect("write");
        // secure.yaml in an earlier folder wins over one in a later folder.
        std::fs::write(
            first.join("secure.yml"),
            "clouds:\n  keystone-harness-demo:\n    auth:\n      password: from-first\n",
        )
        .expect("write");
        let dirs = [first.clone(), second.clone()];
        let cloud = CloudConfig::load_with(
            None,
            env_of(&[("OS_CLOUD", "keystone-harness-demo")]),
            &dirs,
        )
        .expect("found");
        let Credentials::Password(p) = &keystone(&cloud).credentials else {
            panic!("not a password")
        };
        assert_eq!(p.password.expose(), "from-first");
        assert_eq!(keystone(&cloud).auth_url, "http://127.0.0.1:15000/v3");

        // OS_CLIENT_CONFIG_FILE beats the folders; an explicit name beats OS_CLOUD.
        let elsewhere = temp_dir("elsewhere").join("mine.yaml");
        std::fs::write(
            &elsewhere,
            HARNESS_CLOUDS.replace("127.0.0.1:15000", "127.0.0.1:25000"),
        )
        .expect("write");
        let config_file = elsewhere.display().to_string();
        let cloud = CloudConfig::load_with(
            Some("keystone-harness-appcred"),
            env_of(&[
                ("OS_CLOUD", "keystone-harness-demo"),
                ("OS_CLIENT_CONFIG_FILE", &config_file),
            ]),
            &dirs,
        )
        .expect("found");
        assert_eq!(keystone(&cloud).auth_url, "http://127.0.0.1:25000/v3");
        assert!(matches!(
            keystone(&cloud).credentials,
            Credentials::ApplicationCredential(_)
        ));

        let err = CloudConfig::load_with(Some("nope"), env_of(&[]), &dirs).expect_err("unknown");
        let msg = err.to_string();
        assert!(msg.contains("keystone-harness-demo"), "{msg}");
        assert!(!msg.contains("ffff"), "{msg}");
        for dir in [first, second] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    #[test]
    fn no_file_for_a_named_cloud_is_an_error() {
        let empty = temp_dir("empty");
        let err = CloudConfig::load_with(Some("c"), env_of(&[]), std::slice::from_ref(&empty))
            .expect_err("no file");
        assert!(err.to_string().contains("no clouds.yaml"), "{err}");
        let err = CloudConfig::load_with(None, env_of(&[]), &[empty]).expect_err("nothing");
        assert!(err.to_string().contains("OS_AUTH_URL"), "{err}");
    }

    #[test]
    fn reads_os_variables_without_a_file() {
        let env = env_of(&[
            ("OS_AUTH_URL", "http://ks:5000/v3"),
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw-from-env"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_USER_DOMAIN_NAME", "Default"),
            ("OS_PROJECT_DOMAIN_ID", "default"),
            ("OS_REGION_NAME", "RegionOne"),
            ("OS_INTERFACE", "internal"),
        ]);
        let cloud = CloudConfig::load_with(None, env, &[]).expect("valid");
        assert_eq!(cloud.name, None);
        assert_eq!(cloud.interface, Interface::Internal);
        assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
        let Credentials::Password(p) = &keystone(&cloud).credentials else {
            panic!("not a password")
        };
        assert_eq!(p.password.expose(), "pw-from-env");
        assert_eq!(
            p.scope,
            Some(ProjectRef::name("demo", DomainRef::id("default")))
        );

        let env = env_of(&[
            ("OS_AUTH_URL", "http://ks:5000/v3"),
            ("OS_APPLICATION_CREDENTIAL_NAME", "cred"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "s3cret"),
            ("OS_USER_ID", "u1"),
        ]);
        let cloud = CloudConfig::load_with(None, env, &[]).expect("valid");
        let Credentials::ApplicationCredential(ApplicationCredential::Name { name, user, .. }) =
            &keystone(&cloud).credentials
        else {
            panic!("not an app cred by name")
        };
        assert_eq!((name.as_str(), user), ("cred", &UserRef::id("u1")));

        let env = env_of(&[("OS_TOKEN", "tok"), ("OS_ENDPOINT", "http://nova/v2.1")]);
        let cloud = CloudConfig::load_with(None, env, &[]).expect("valid");
        assert!(matches!(
            cloud.auth,
            CloudAuth::Token { ref endpoint, .. } if endpoint.as_deref() == Some("http://nova/v2.1")
        ));
    }

    #[test]
    fn errors_name_the_key_not_the_value() {
        let no_domain = "clouds:\n  c:\n    auth:\n      auth_url: http://ks/v3\n      \
                         username: u\n      password: sup3rs3cret\n";
        let err = CloudConfig::from_yaml("c", no_domain, None).expect_err("no domain");
        let msg = err.to_string();
        assert!(msg.contains("user_domain_name"), "{msg}");
        assert!(!msg.contains("sup3rs3cret"), "{msg}");

        let v2 = HARNESS_CLOUDS.replace("identity_api_version: 3", "identity_api_version: 2");
        assert!(CloudConfig::from_yaml("keystone-harness-demo", &v2, None).is_err());
        let odd = "clouds:\n  c:\n    auth_type: saml2\n    auth: {auth_url: http://ks/v3}\n";
        let err = CloudConfig::from_yaml("c", odd, None).expect_err("unsupported");
        assert!(err.to_string().contains("saml2"), "{err}");

        let broken = "clouds:\n  c:\n    auth:\n      password: \"sup3rs3cret\n    x: [\n";
        let err = CloudConfig::from_yaml("c", broken, None).expect_err("bad yaml");
        let msg = err.to_string();
        assert!(msg.contains("not valid YAML"), "{msg}");
        assert!(!msg.contains("sup3rs3cret"), "{msg}");
    }

    /// The openrc of the precedence tests: every value differs from the files'.
    const OPENRC: &[(&str, &str)] = &[
        ("OS_AUTH_URL", "http://env-keystone:5000/v3"),
        ("OS_USERNAME", "env-user"),
        ("OS_PASSWORD", "env-password-123"),
        ("OS_PROJECT_NAME", "env-project"),
        ("OS_USER_DOMAIN_NAME", "Default"),
        ("OS_PROJECT_DOMAIN_NAME", "Default"),
        ("OS_REGION_NAME", "EnvRegion"),
        ("OS_INTERFACE", "admin"),
    ];

    /// `env` plus the openrc above.
    fn openrc_and(env: &[(&str, &str)]) -> Vec<(String, String)> {
        env_of(&[OPENRC, env].concat())
    }

    /// A folder holding the harness's clouds.yaml (two clouds) and nothing else.
    fn harness_dir(tag: &str) -> PathBuf {
        let dir = temp_dir(tag);
        std::fs::write(dir.join("clouds.yaml"), HARNESS_CLOUDS).expect("write");
        dir
    }

    fn password(cloud: &CloudConfig) -> &Password {
        match &keystone(cloud).credentials {
            Credentials::Password(p) => p,
            other => panic!("not a password: {other:?}"),
        }
    }

    /// Asserts `cloud` is the harness's demo cloud, untouched by the openrc.
    fn assert_is_file_demo(cloud: &CloudConfig) {
        assert_eq!(cloud.name.as_deref(), Some("keystone-harness-demo"));
        assert_eq!(keystone(cloud).auth_url, "http://127.0.0.1:15000/v3");
        let p = password(cloud);
        assert_eq!(p.user, UserRef::name("demo", DomainRef::name("Default")));
        assert_eq!(p.password.expose(), "32aa02c63f63ef6bfed1cdded52f9538");
        assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
        assert_eq!(cloud.interface, Interface::Public);
    }

    /// Asserts `cloud` is what OPENRC describes.
    fn assert_is_openrc(cloud: &CloudConfig) {
        assert_eq!(cloud.name, None);
        assert_eq!(keystone(cloud).auth_url, "http://env-keystone:5000/v3");
        let p = password(cloud);
        assert_eq!(
            p.user,
            UserRef::name("env-user", DomainRef::name("Default"))
        );
        assert_eq!(p.password.expose(), "env-password-123");
        assert_eq!(
            p.scope,
            Some(ProjectRef::name("env-project", DomainRef::name("Default")))
        );
        assert_eq!(cloud.region_name.as_deref(), Some("EnvRegion"));
        assert_eq!(cloud.interface, Interface::Admin);
    }

    // Rows of the README's precedence table, in its order.

    #[test]
    fn row_named_cloud_ignores_os_variables_and_os_cloud() {
        let dir = harness_dir("row-named");
        let env = openrc_and(&[("OS_CLOUD", "keystone-harness-appcred")]);
        let cloud = CloudConfig::load_with(Some("keystone-harness-demo"), env, &[dir])
            .expect("the named cloud");
        assert_is_file_demo(&cloud);
    }

    #[test]
    fn row_os_cloud_ignores_os_variables() {
        let dir = harness_dir("row-os-cloud");
        let env = openrc_and(&[("OS_CLOUD", "keystone-harness-demo")]);
        let cloud = CloudConfig::load_with(None, env, &[dir]).expect("OS_CLOUD's cloud");
        assert_is_file_demo(&cloud);
    }

    #[test]
    fn row_a_named_cloud_that_is_missing_does_not_fall_back_to_os_variables() {
        let dir = harness_dir("row-missing");
        let err = CloudConfig::load_with(Some("nope"), openrc_and(&[]), std::slice::from_ref(&dir))
            .expect_err("no such cloud");
        let msg = err.to_string();
        assert!(msg.contains("no cloud \"nope\""), "{msg}");
        assert!(msg.contains("keystone-harness-demo"), "{msg}");
        let err = CloudConfig::load_with(None, openrc_and(&[("OS_CLOUD", "nope")]), &[dir])
            .expect_err("no such cloud");
        assert!(err.to_string().contains("no cloud \"nope\""), "{err}");
    }

    #[test]
    fn row_os_variables_without_a_name_beat_the_only_cloud() {
        let dir = temp_dir("row-openrc");
        std::fs::write(
            dir.join("clouds.yaml"),
            HARNESS_CLOUDS
                .split("  keystone-harness-appcred:")
                .next()
                .expect("text"),
        )
        .expect("write");
        let cloud = CloudConfig::load_with(None, openrc_and(&[]), std::slice::from_ref(&dir))
            .expect("the openrc");
        assert_is_openrc(&cloud);
        // Any other OS_* variable makes that cloud too, as in openstacksdk; without
        // credentials it is an error that says which variables are set.
        let env = env_of(&[("OS_COMPUTE_API_VERSION", "2.1")]);
        let err = CloudConfig::load_with(None, env, &[dir]).expect_err("no credentials");
        let msg = err.to_string();
        assert!(
            msg.contains("the OS_* variables (set: OS_COMPUTE_API_VERSION): no credentials"),
            "{msg}"
        );
    }

    #[test]
    fn row_the_envvars_cloud_by_name() {
        let dir = harness_dir("row-envvars");
        // The OS_* variables' cloud can be named, even when OS_CLOUD names another.
        let env = openrc_and(&[("OS_CLOUD", "keystone-harness-demo")]);
        let cloud = CloudConfig::load_with(Some("envvars"), env, std::slice::from_ref(&dir))
            .expect("envvars");
        assert_is_openrc(&cloud);
        // OS_CLOUD_NAME renames it; then "envvars" is an ordinary (missing) cloud.
        let env = openrc_and(&[("OS_CLOUD_NAME", "mine"), ("OS_CLOUD", "mine")]);
        let cloud =
            CloudConfig::load_with(None, env.clone(), std::slice::from_ref(&dir)).expect("mine");
        assert_is_openrc(&cloud);
        let err = CloudConfig::load_with(Some("envvars"), env, std::slice::from_ref(&dir))
            .expect_err("envvars is a file cloud now");
        assert!(err.to_string().contains("no cloud \"envvars\""), "{err}");
        // Without OS_* variables there is no such cloud.
        let err =
            CloudConfig::load_with(Some("envvars"), env_of(&[]), &[dir]).expect_err("no variables");
        assert!(err.to_string().contains("none is set"), "{err}");
        // A file that defines a cloud of that name is refused.
        let clash = temp_dir("row-envvars-clash");
        std::fs::write(
            clash.join("clouds.yaml"),
            HARNESS_CLOUDS.replace("keystone-harness-appcred:", "envvars:"),
        )
        .expect("write");
        let err = CloudConfig::load_with(Some("keystone-harness-demo"), env_of(&[]), &[clash])
            .expect_err("clash");
        assert!(err.to_string().contains("OS_CLOUD_NAME"), "{err}");
    }

    #[test]
    fn row_selectors_alone_make_no_cloud_so_the_only_cloud_is_used() {
        let dir = temp_dir("row-only");
        std::fs::write(
            dir.join("clouds.yaml"),
            HARNESS_CLOUDS
                .split("  keystone-harness-appcred:")
                .next()
                .expect("text"),
        )
        .expect("write");
        // OS_REGION_NAME selects, it describes nothing; test tools' variables neither.
        let env = env_of(&[
            ("OS_REGION_NAME", "EnvRegion"),
            ("OS_CLIENT_SECURE_FILE", "/nonexistent/secure.yaml"),
            ("OS_TEST_TIMEOUT", "60"),
            ("OS_STDOUT_CAPTURE", "1"),
            ("OS_LOG_CAPTURE", "1"),
        ]);
        let cloud = CloudConfig::load_with(None, env, &[dir]).expect("the only cloud");
        assert_is_file_demo(&cloud);
    }

    #[test]
    fn row_several_clouds_and_nothing_named_is_an_error() {
        let dir = harness_dir("row-several");
        let err = CloudConfig::load_with(None, env_of(&[]), &[dir]).expect_err("which one?");
        let msg = err.to_string();
        assert!(msg.contains("several"), "{msg}");
        assert!(msg.contains("keystone-harness-appcred"), "{msg}");
        assert!(msg.contains("OS_CLOUD"), "{msg}");
    }

    #[test]
    fn row_nothing_at_all_is_an_error() {
        let dir = temp_dir("row-nothing");
        let err = CloudConfig::load_with(None, env_of(&[]), &[dir]).expect_err("nothing");
        let msg = err.to_string();
        assert!(msg.contains("no cloud configured"), "{msg}");
        assert!(msg.contains("OS_AUTH_URL"), "{msg}");
    }

    #[test]
    fn a_missing_os_client_config_file_falls_back_to_the_search_folders() {
        let dir = harness_dir("missing-file");
        let missing = dir.join("not-there.yaml").display().to_string();
        let env = env_of(&[("OS_CLIENT_CONFIG_FILE", &missing)]);
        let cloud = CloudConfig::load_with(Some("keystone-harness-demo"), env.clone(), &[dir])
            .expect("the folder's clouds.yaml");
        assert_is_file_demo(&cloud);
        // With nothing to fall back to, the error says what happened to the file.
        let empty = temp_dir("missing-file-empty");
        let err = CloudConfig::load_with(Some("keystone-harness-demo"), env, &[empty])
            .expect_err("no file at all");
        let msg = err.to_string();
        assert!(msg.contains("no clouds.yaml"), "{msg}");
        assert!(
            msg.contains(&format!("OS_CLIENT_CONFIG_FILE={missing} is not a file")),
            "{msg}"
        );
    }

    #[test]
    fn a_missing_os_client_secure_file_falls_back_to_the_search_folders() {
        let dir = harness_dir("missing-secure");
        std::fs::write(
            dir.join("secure.yaml"),
            "clouds:\n  keystone-harness-demo:\n    auth:\n      password: from-folder\n",
        )
        .expect("write");
        let env = env_of(&[("OS_CLIENT_SECURE_FILE", "/nonexistent/secure.yaml")]);
        let cloud =
            CloudConfig::load_with(Some("keystone-harness-demo"), env, &[dir]).expect("reads");
        assert_eq!(password(&cloud).password.expose(), "from-folder");
    }

    #[test]
    fn reads_endpoint_overrides_of_any_service() {
        let yaml = "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    compute_endpoint_override: http://nova/v2.1\n    \
                    block_storage_endpoint_override: http://cinder/v3\n    \
                    identity_connect_retries: 4\n";
        let c = CloudConfig::from_yaml("c", yaml, None).expect("c");
        let block_storage = Service::new("block-storage");
        assert_eq!(
            c.endpoint_override(&Service::new("compute")),
            Some("http://nova/v2.1")
        );
        assert_eq!(
            c.endpoint_override(&block_storage),
            Some("http://cinder/v3")
        );
        assert_eq!(c.endpoint_override(&Service::new("identity")), None);
        assert_eq!(c.service_connect_retries["identity"], 4);
        let bad = yaml.replace("identity_connect_retries: 4", "identity_connect_retries: x");
        let err = CloudConfig::from_yaml("c", &bad, None).expect_err("not a count");
        assert!(
            err.to_string().contains("`identity_connect_retries`"),
            "{err}"
        );

        let env = CloudConfig::load_with(
            None,
            env_of(&[
                ("OS_AUTH_URL", "http://ks/v3"),
                ("OS_TOKEN", "tok12345678"),
                ("OS_IDENTITY_ENDPOINT_OVERRIDE", "http://ks2/v3"),
                ("OS_COMPUTE_STATUS_CODE_RETRIES", "6"),
            ]),
            &[],
        )
        .expect("envvars");
        assert_eq!(
            env.endpoint_override(&Service::new("identity")),
            Some("http://ks2/v3")
        );
        assert_eq!(env.service_status_code_retries["compute"], 6);
    }

    #[test]
    fn reads_retry_settings_as_keystoneauth_names_them() {
        let yaml = "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    connect_retries: 3\n    status_code_retries: '2'\n    \
                    compute_status_code_retries: 5\n    retriable_status_codes: [429, '503', 409]\n  \
                    d:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    retriable_status_codes: 502, 504\n";
        let c = CloudConfig::from_yaml("c", yaml, None).expect("c");
        assert_eq!(
            (c.connect_retries, c.status_code_retries),
            (Some(3), Some(2))
        );
        assert_eq!(
            c.service_status_code_retries,
            BTreeMap::from([("compute".to_owned(), 5)])
        );
        assert_eq!(c.retriable_status_codes, Some(vec![429, 503, 409]));
        let policy = c.retry_policy(&Service::new("compute"));
        assert_eq!((policy.connect_retries, policy.status_code_retries), (3, 5));
        // Another service takes the general keys.
        let identity = c.retry_policy(&Service::new("identity"));
        assert_eq!(
            (identity.connect_retries, identity.status_code_retries),
            (3, 2)
        );
        assert_eq!(policy.retriable_status_codes, vec![429, 503, 409]);
        let d = CloudConfig::from_yaml("d", yaml, None).expect("d");
        assert_eq!(d.retriable_status_codes, Some(vec![502, 504]));
        assert_eq!((d.connect_retries, d.status_code_retries), (None, None));
        assert_eq!(
            d.retry_policy(&Service::new("compute")),
            RetryPolicy {
                retriable_status_codes: vec![502, 504],
                ..RetryPolicy::default()
            }
        );

        let env = CloudConfig::load_with(
            None,
            env_of(&[
                ("OS_AUTH_URL", "http://ks/v3"),
                ("OS_TOKEN", "tok12345678"),
                ("OS_CONNECT_RETRIES", "4"),
                ("OS_RETRIABLE_STATUS_CODES", "503"),
            ]),
            &[],
        )
        .expect("envvars");
        assert_eq!(env.connect_retries, Some(4));
        assert_eq!(env.retriable_status_codes, Some(vec![503]));

        for bad in [
            "connect_retries: -1",
            "connect_retries: lots",
            "status_code_retries: 1.5",
            "retriable_status_codes: [99]",
            "retriable_status_codes: [{a: 1}]",
            "retriable_status_codes: 503;504",
        ] {
            let yaml = format!(
                "clouds:\n  c:\n    auth: {{auth_url: http://ks/v3, token: tok12345678}}\n    {bad}\n"
            );
            let err = CloudConfig::from_yaml("c", &yaml, None).expect_err(bad);
            assert!(matches!(err, Error::Config(_)), "{bad}: {err:?}");
            let key = bad.split(':').next().unwrap_or_default();
            assert!(err.to_string().contains(key), "{bad}: {err}");
        }
    }

    #[test]
    fn openrc_application_credential_and_token() {
        let env = env_of(&[
            ("OS_AUTH_TYPE", "v3applicationcredential"),
            ("OS_AUTH_URL", "http://ks:5000/v3"),
            ("OS_APPLICATION_CREDENTIAL_ID", "ac-id"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "ac-secret-456"),
            ("OS_REGION_NAME", "RegionOne"),
        ]);
        let cloud = CloudConfig::load_with(None, env, &[]).expect("app cred openrc");
        let Credentials::ApplicationCredential(ApplicationCredential::Id { id, secret }) =
            &keystone(&cloud).credentials
        else {
            panic!("not an app cred by id: {cloud:?}")
        };
        assert_eq!((id.as_str(), secret.expose()), ("ac-id", "ac-secret-456"));
        assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
        assert!(!format!("{cloud:?}").contains("ac-secret-456"));

        // OS_TOKEN with OS_AUTH_URL: a Keystone token, re-scoped to the project.
        let env = env_of(&[
            ("OS_AUTH_URL", "http://ks:5000/v3"),
            ("OS_TOKEN", "gAAAA-token-789"),
            ("OS_PROJECT_ID", "p1"),
        ]);
        let cloud = CloudConfig::load_with(None, env, &[]).expect("token openrc");
        let Credentials::Token { token, project } = &keystone(&cloud).credentials else {
            panic!("not a token: {cloud:?}")
        };
        assert_eq!(token.expose(), "gAAAA-token-789");
        assert_eq!(project, &Some(ProjectRef::id("p1")));
        assert!(!format!("{cloud:?}").contains("gAAAA-token-789"));

        // OS_AUTH_TYPE=token_endpoint (openstacksdk's alias of admin_token).
        let env = env_of(&[
            ("OS_AUTH_TYPE", "token_endpoint"),
            ("OS_TOKEN", "gAAAA-token-789"),
            ("OS_ENDPOINT", "http://nova:8774/v2.1"),
        ]);
        let cloud = CloudConfig::load_with(None, env, &[]).expect("token endpoint");
        assert!(matches!(
            cloud.auth,
            CloudAuth::Token { ref endpoint, .. } if endpoint.as_deref() == Some("http://nova:8774/v2.1")
        ));

        // An incomplete openrc names what is missing, never a value.
        let env = env_of(&[
            ("OS_AUTH_URL", "http://ks:5000/v3"),
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw-never-shown"),
        ]);
        let err = CloudConfig::load_with(None, env, &[]).expect_err("no user domain");
        let msg = format!("{err} {err:?}");
        assert!(
            msg.contains("the OS_* variables (set: OS_AUTH_URL, OS_PASSWORD, OS_USERNAME)"),
            "{msg}"
        );
        assert!(msg.contains("user_domain_name"), "{msg}");
        assert!(!msg.contains("pw-never-shown"), "{msg}");
    }

    #[test]
    fn a_profile_from_clouds_public_yaml_is_the_base_the_cloud_overrides() {
        let dir = temp_dir("profile");
        std::fs::write(
            dir.join("clouds-public.yaml"),
            "public-clouds:\n  vendor:\n    auth:\n      auth_url: https://vendor.example/v3\n      \
             user_domain_name: Default\n    region_name: VendorRegion\n    interface: internal\n    \
             compute_api_version: '2.79'\n",
        )
        .expect("write");
        std::fs::write(
            dir.join("clouds.yaml"),
            "clouds:\n  mine:\n    profile: vendor\n    auth:\n      username: u\n      \
             project_id: p1\n    region_name: MyRegion\n  legacy:\n    cloud: vendor\n    auth:\n      \
             token: tok12345678\n  lost:\n    profile: nobody\n    auth: {token: tok12345678}\n",
        )
        .expect("write");
        std::fs::write(
            dir.join("secure.yaml"),
            "clouds:\n  mine:\n    auth:\n      password: from-secure\n",
        )
        .expect("write");
        let dirs = std::slice::from_ref(&dir);
        let cloud = CloudConfig::load_with(Some("mine"), env_of(&[]), dirs).expect("mine");
        let auth = keystone(&cloud);
        assert_eq!(auth.auth_url, "https://vendor.example/v3");
        let Credentials::Password(p) = &auth.credentials else {
            panic!("not a password: {auth:?}")
        };
        assert_eq!(p.user, UserRef::name("u", DomainRef::name("Default")));
        assert_eq!(p.password.expose(), "from-secure");
        // The cloud's own key wins; the vendor's fills what the cloud leaves out.
        assert_eq!(cloud.region_name.as_deref(), Some("MyRegion"));
        assert_eq!(cloud.interface, Interface::Internal);
        assert_eq!(cloud.api_versions["compute"], "2.79");
        let legacy = CloudConfig::load_with(Some("legacy"), env_of(&[]), dirs).expect("legacy");
        assert_eq!(keystone(&legacy).auth_url, "https://vendor.example/v3");
        let err = CloudConfig::load_with(Some("lost"), env_of(&[]), dirs).expect_err("no profile");
        assert!(
            err.to_string().contains("profile \"nobody\" is unknown"),
            "{err}"
        );
    }

    #[test]
    fn api_versions_choose_the_microversion_or_check_the_major() {
        use crate::service::{MicroversionHeader, MicroversionScheme};
        static COMPUTE: Service = Service {
            version_segments: &["v2.1", "v2"],
            microversion: Some(MicroversionScheme {
                header: MicroversionHeader::Standard {
                    name: "compute",
                    legacy: None,
                },
                version_document: "/",
                base_version: Version::new(2, 1),
            }),
            ..Service::new("compute")
        };
        static IDENTITY: Service = Service {
            version_segments: &["v3"],
            ..Service::new("identity")
        };
        let cloud = |version: &str| {
            let yaml = format!(
                "clouds:\n  c:\n    auth: {{auth_url: http://ks/v3, token: tok12345678}}\n    \
                 compute_api_version: '{version}'\n    identity_api_version: 3\n    \
                 image_api_version: '{version}'\n"
            );
            CloudConfig::from_yaml("c", &yaml, None).expect("valid")
        };
        let exact = cloud("2.79").microversion(&COMPUTE).expect("valid");
        assert_eq!(exact, Some(Microversion::Exact("2.79".parse().expect("v"))));
        assert_eq!(
            cloud("latest").microversion(&COMPUTE),
            Ok(Some(Microversion::Latest))
        );
        assert_eq!(cloud("2").microversion(&COMPUTE), Ok(None));
        assert!(cloud("two").microversion(&COMPUTE).is_err());
        assert_eq!(cloud("2").microversion(&IDENTITY), Ok(None));
        let image = Service {
            version_segments: &["v2"],
            ..Service::new("image")
        };
        assert_eq!(cloud("2").microversion(&image), Ok(None));
        let err = cloud("1").microversion(&image).expect_err("v1 is gone");
        assert!(err.contains("image_api_version"), "{err}");
        let env = CloudConfig::load_with(
            None,
            env_of(&[
                ("OS_AUTH_URL", "http://ks/v3"),
                ("OS_TOKEN", "tok12345678"),
                ("OS_COMPUTE_API_VERSION", "2.95"),
            ]),
            &[],
        )
        .expect("envvars");
        assert_eq!(
            env.microversion(&COMPUTE),
            Ok(Some(Microversion::Exact("2.95".parse().expect("v"))))
        );
    }

    #[test]
    fn tls_settings_and_the_token_cache() {
        let yaml = "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    cacert: /etc/ca.pem\n    cert: /etc/c.pem\n    key: /etc/c.key\n    \
                    token_cache: /tmp/tokens\n  d:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    verify: false\n  e:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    insecure: maybe\n  f:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    token_cache: 3\n";
        let c = CloudConfig::from_yaml("c", yaml, None).expect("c");
        assert_eq!(
            c.tls,
            TlsOptions {
                ca_cert: Some(PathBuf::from("/etc/ca.pem")),
                client_cert: Some(PathBuf::from("/etc/c.pem")),
                client_key: Some(PathBuf::from("/etc/c.key")),
                insecure: false,
            }
        );
        assert_eq!(c.token_cache, Some(TokenCache::new("/tmp/tokens")));
        let d = CloudConfig::from_yaml("d", yaml, None).expect("d");
        assert!(d.tls.insecure);
        assert_eq!(d.token_cache, None);
        for bad in ["e", "f"] {
            let err = CloudConfig::from_yaml(bad, yaml, None).expect_err(bad);
            assert!(matches!(err, Error::Config(_)), "{err:?}");
        }
        let env = CloudConfig::load_with(
            None,
            env_of(&[
                ("OS_AUTH_URL", "http://ks/v3"),
                ("OS_TOKEN", "tok12345678"),
                ("OS_INSECURE", "1"),
                ("OS_CACERT", "/ca.pem"),
            ]),
            &[],
        )
        .expect("envvars");
        assert!(env.tls.insecure);
        assert_eq!(env.tls.ca_cert, Some(PathBuf::from("/ca.pem")));

        // `token_cache: true` goes under the cache folder of the environment given.
        let dir = temp_dir("token-cache-true");
        std::fs::write(
            dir.join("clouds.yaml"),
            "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
             token_cache: true\n",
        )
        .expect("write");
        let cloud = CloudConfig::load_with(
            Some("c"),
            env_of(&[("XDG_CACHE_HOME", "/xdg-cache"), ("HOME", "/home/u")]),
            std::slice::from_ref(&dir),
        )
        .expect("c");
        assert_eq!(
            cloud.token_cache.as_ref().map(TokenCache::dir),
            Some(Path::new("/xdg-cache/apiref/tokens"))
        );
        let cloud =
            CloudConfig::load_with(Some("c"), env_of(&[("HOME", "/home/u")]), &[dir]).expect("c");
        assert_eq!(
            cloud.token_cache.as_ref().map(TokenCache::dir),
            Some(Path::new("/home/u/.cache/apiref/tokens"))
        );
    }

    #[test]
    fn totp_and_multifactor_auth_types() {
        let yaml = "clouds:\n  t:\n    auth_type: v3totp\n    auth:\n      auth_url: http://ks/v3\n      \
                    user_id: u1\n      passcode: '012345'\n  m:\n    auth_type: v3multifactor\n    auth:\n      \
                    auth_url: http://ks/v3\n      auth_methods: v3password,v3totp\n      username: demo\n      \
                    user_domain_id: default\n      password: pw-never-shown\n      \
                    totp_secret: GEZDGNBVGY3TQOJQ\n      project_name: demo\n      project_domain_id: default\n  \
                    bad:\n    auth_type: v3multifactor\n    auth:\n      auth_url: http://ks/v3\n      \
                    auth_methods: [v3password, v3saml]\n      user_id: u\n      password: p\n";
        let t = CloudConfig::from_yaml("t", yaml, None).expect("t");
        let Credentials::Totp(totp) = &keystone(&t).credentials else {
            panic!("not totp: {t:?}")
        };
        assert!(matches!(&totp.code, crate::auth::TotpCode::Passcode(p) if p.expose() == "012345"));
        let m = CloudConfig::from_yaml("m", yaml, None).expect("m");
        let Credentials::MultiFactor(multi) = &keystone(&m).credentials else {
            panic!("not multifactor: {m:?}")
        };
        let methods: Vec<_> = multi.factors.iter().map(Credentials::method).collect();
        assert_eq!(methods, ["password", "totp"]);
        assert_eq!(
            multi.scope,
            Some(ProjectRef::name("demo", DomainRef::id("default")))
        );
        let shown = format!("{m:?}");
        assert!(
            !shown.contains("pw-never-shown") && !shown.contains("GEZDGNBV"),
            "{shown}"
        );
        let err = CloudConfig::from_yaml("bad", yaml, None).expect_err("saml");
        assert!(err.to_string().contains("v3saml"), "{err}");
        // From an openrc: OS_AUTH_TYPE=v3totp with OS_PASSCODE.
        let env = CloudConfig::load_with(
            None,
            env_of(&[
                ("OS_AUTH_TYPE", "v3totp"),
                ("OS_AUTH_URL", "http://ks/v3"),
                ("OS_USER_ID", "u1"),
                ("OS_PASSCODE", "654321"),
            ]),
            &[],
        )
        .expect("openrc");
        assert!(matches!(keystone(&env).credentials, Credentials::Totp(_)));
    }
}
