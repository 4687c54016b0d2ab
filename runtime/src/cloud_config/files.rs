//! Finding, reading and merging `clouds.yaml`, `secure.yaml` and vendor profiles.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{CloudConfig, Env, FILE_SUFFIXES};
use crate::auth::TokenCache;
use crate::error::Error;

/// The `clouds.yaml` and `secure.yaml` in use, read and merged.
pub(super) struct ConfigFiles {
    /// The clouds file, if one was found.
    pub(super) path: Option<PathBuf>,
    /// Every cloud: the clouds file's entries with the secure file's merged over them.
    pub(super) clouds: Map<String, Value>,
    /// Said in errors: where the clouds file was looked for, and an
    /// `OS_CLIENT_CONFIG_FILE` that names no file (openstacksdk skips it in silence).
    pub(super) looked_in: String,
    /// `public-clouds` of `clouds-public.yaml`: the vendor profiles a cloud's
    /// `profile:` names, and the file they came from.
    pub(super) profiles: Map<String, Value>,
    pub(super) profiles_path: Option<PathBuf>,
    /// Where `token_cache: true` puts tokens.
    pub(super) cache_dir: Option<PathBuf>,
}

impl ConfigFiles {
    /// Finds and reads the files. Like openstacksdk, `$OS_CLIENT_CONFIG_FILE` (and
    /// `$OS_CLIENT_SECURE_FILE`) come first and are skipped when they name no file,
    /// so the search folders are tried next. A file that is there but unreadable or
    /// not YAML is an error here (openstacksdk skips it with a warning). A cloud named
    /// like the `OS_*` variables' cloud is refused, as openstacksdk refuses it.
    pub(super) fn read(env: &Env, dirs: &[PathBuf], envvars: &str) -> Result<ConfigFiles, Error> {
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
    pub(super) fn named(&self, name: &str) -> Result<CloudConfig, Error> {
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
    pub(super) fn with_profile(&self, cloud: &Value, label: &str) -> Result<Value, Error> {
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
    pub(super) fn only(&self) -> Result<CloudConfig, Error> {
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
pub(super) fn find_file(
    named: Option<String>,
    dirs: &[PathBuf],
    stem: &str,
) -> (Option<PathBuf>, String) {
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

pub(super) fn first_existing(dirs: &[PathBuf], stem: &str) -> Option<PathBuf> {
    dirs.iter()
        .flat_map(|dir| {
            FILE_SUFFIXES
                .iter()
                .map(move |s| dir.join(format!("{stem}.{s}")))
        })
        .find(|path| path.is_file())
}

pub(super) fn read_yaml(path: &Path) -> Result<Value, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
    parse_yaml(&text, &path.display().to_string())
}

/// Parses YAML (JSON is YAML too). A syntax error names the place only: the parser's
/// message could quote a line holding a password.
pub(super) fn parse_yaml(text: &str, what: &str) -> Result<Value, Error> {
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

pub(super) fn cloud_entry<'a>(doc: &'a Value, name: &str) -> Option<&'a Value> {
    doc.get("clouds")?.get(name)
}

/// Merges `overlay` into `base`: mappings key by key, recursively; anything else
/// replaces.
pub(super) fn deep_merge(base: &mut Value, overlay: Value) {
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
