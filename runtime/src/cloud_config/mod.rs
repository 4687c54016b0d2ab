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

use crate::auth::{KeystoneAuth, TokenCache};
use crate::catalog::Interface;
use crate::error::Error;
use crate::microversion::{Microversion, Version};
use crate::redact::display_url;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::service::Service;
use crate::tls::TlsOptions;

mod auth;
mod fields;
mod files;
#[cfg(test)]
mod tests;

use auth::read_auth;
use fields::Fields;
use files::{ConfigFiles, cloud_entry, deep_merge, parse_yaml};

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
