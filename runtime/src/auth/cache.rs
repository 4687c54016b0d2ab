//! A token cache on disk, shared by every process of the user that logs in with the
//! same parameters: one file per log-in, named by a SHA-256 of the parameters (the
//! name never holds a secret, and a changed password names another file).
//!
//! A file holds the token and Keystone's reply (scope, expiry, catalog), so it is
//! created with mode 0600 in a folder of mode 0700, and replaced atomically (a
//! temporary file renamed over it) so a reader never sees half of one. A process
//! that finds no usable token takes an exclusive lock on `<key>.lock` before it
//! logs in, and looks again once it holds it: processes starting together log in
//! once, the others read what the first wrote.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Credentials, KeystoneAuth};
use crate::error::Error;

/// Where tokens are cached (see [`ClientBuilder::token_cache`](crate::ClientBuilder::token_cache)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenCache {
    dir: PathBuf,
}

/// One cached token, as written to disk.
#[derive(Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The `X-Subject-Token` value.
    pub(crate) token: String,
    /// Keystone's reply body, as sent.
    pub(crate) reply: String,
}

/// The exclusive lock of one cache key, held while logging in (released on drop).
pub(crate) struct Locked {
    _lock: File,
}

impl TokenCache {
    /// Tokens cached in `dir` (created, mode 0700, when first written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        TokenCache { dir: dir.into() }
    }

    /// `$XDG_CACHE_HOME/apiref/tokens`, else `$HOME/.cache/apiref/tokens`.
    pub fn default_dir(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
        let base = env("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                env("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| Path::new(&h).join(".cache"))
            })?;
        Some(base.join("apiref").join("tokens"))
    }

    /// The folder tokens are cached in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name (without extension) for a log-in with `auth`.
    pub(crate) fn key(auth: &KeystoneAuth) -> String {
        let mut hash = Sha256::new();
        hash.update(b"apiref-token-cache-v1\0");
        hash.update(auth.auth_url.trim().trim_end_matches('/').as_bytes());
        hash.update(b"\0");
        material(&auth.credentials, &mut hash);
        hex(&hash.finalize())
    }

    fn path(&self, key: &str, extension: &str) -> PathBuf {
        self.dir.join(format!("{key}.{extension}"))
    }

    /// The cached entry for `key`, if there is a readable one.
    pub(crate) fn read(&self, key: &str) -> Option<Entry> {
        let text = std::fs::read(self.path(key, "json")).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Waits for the exclusive lock of `key` (blocking: call it off the runtime).
    pub(crate) fn lock(&self, key: &str) -> Result<Locked, Error> {
        self.create_dir()?;
        let file = private_options()
            .write(true)
            .truncate(false)
            .open(self.path(key, "lock"))
            .map_err(|e| self.error("open the lock file in", &e))?;
        file.lock().map_err(|e| self.error("lock a file in", &e))?;
        Ok(Locked { _lock: file })
    }

    /// Writes `entry` for `key` atomically; the caller holds the lock.
    pub(crate) fn write(&self, key: &str, entry: &Entry, _locked: &Locked) -> Result<(), Error> {
        let text = serde_json::to_vec(entry)
            .map_err(|e| Error::Config(format!("cannot serialize a cached token: {e}")))?;
        let temp = self.path(key, &format!("tmp.{}", std::process::id()));
        let written = (|| {
            let mut file = private_options().write(true).truncate(true).open(&temp)?;
            file.write_all(&text)?;
            file.sync_all()?;
            std::fs::rename(&temp, self.path(key, "json"))
        })();
        written.map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            self.error("write a token to", &e)
        })
    }

    /// Drops the entry of `key` (its token was refused).
    pub(crate) fn remove(&self, key: &str, _locked: &Locked) {
        let _ = std::fs::remove_file(self.path(key, "json"));
    }

    fn create_dir(&self) -> Result<(), Error> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.dir)
            .map_err(|e| self.error("create", &e))
    }

    fn error(&self, what: &str, e: &std::io::Error) -> Error {
        Error::Config(format!(
            "token cache: cannot {what} {}: {e}",
            self.dir.display()
        ))
    }
}

/// Options that create a file only its owner can read.
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Feeds what identifies a log-in into `hash`: who, where to, and the long-lived
/// secrets (so a changed password does not reuse the old one's token). A one-time
/// passcode is left out: it changes every 30 seconds, the log-in does not.
fn material(credentials: &Credentials, hash: &mut Sha256) {
    put(hash, "method", credentials.method());
    match credentials {
        Credentials::Password(p) => {
            put(hash, "user", &format!("{:?}", p.user));
            put(hash, "password", p.password.expose());
            put(hash, "scope", &format!("{:?}", p.scope));
        }
        Credentials::ApplicationCredential(a) => {
            // Its Debug shows the id or name and owner, never the secret.
            put(hash, "credential", &format!("{a:?}"));
            put(hash, "secret", a.secret().expose());
        }
        Credentials::Token { token, project } => {
            put(hash, "token", token.expose());
            put(hash, "scope", &format!("{project:?}"));
        }
        Credentials::Totp(t) => {
            put(hash, "user", &format!("{:?}", t.user));
            if let super::TotpCode::Secret(secret) = &t.code {
                put(hash, "totp_secret", secret.expose());
            }
            put(hash, "scope", &format!("{:?}", t.scope));
        }
        Credentials::MultiFactor(m) => {
            for factor in &m.factors {
                material(factor, hash);
            }
            put(hash, "scope", &format!("{:?}", m.scope));
        }
    }
}

/// One `field=value` of the key material, NUL-terminated so fields cannot run
/// into each other.
fn put(hash: &mut Sha256, field: &str, value: &str) {
    hash.update(field.as_bytes());
    hash.update(b"=");
    hash.update(value.as_bytes());
    hash.update(b"\0");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{DomainRef, Password, ProjectRef, Totp, UserRef};

    fn password(pw: &str, project: &str) -> KeystoneAuth {
        KeystoneAuth::new(
            "http://ks/v3",
            Password::new(UserRef::name("demo", DomainRef::name("Default")), pw)
                .project(ProjectRef::id(project)),
        )
    }

    #[test]
    fn keys_differ_by_what_identifies_a_login_and_hide_secrets() {
        let key = TokenCache::key(&password("pw-secret-1", "p1"));
        assert_eq!(key.len(), 64);
        assert!(!key.contains("pw-secret-1"));
        assert_eq!(key, TokenCache::key(&password("pw-secret-1", "p1")));
        assert_ne!(key, TokenCache::key(&password("pw-secret-2", "p1")));
        assert_ne!(key, TokenCache::key(&password("pw-secret-1", "p2")));
        // A passcode changes at every log-in; the key does not.
        let totp = |code: &str| {
            KeystoneAuth::new(
                "http://ks/v3",
                Totp::passcode(UserRef::id("u"), code.to_owned()),
            )
        };
        assert_eq!(
            TokenCache::key(&totp("111111")),
            TokenCache::key(&totp("222222"))
        );
    }

    #[test]
    fn entries_are_private_and_replaced_whole() {
        let dir = std::env::temp_dir().join(format!("apiref-cache-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = TokenCache::new(dir.join("tokens"));
        let locked = cache.lock("k").expect("lock");
        let entry = |t: &str| Entry {
            token: t.to_owned(),
            reply: "{}".to_owned(),
        };
        cache.write("k", &entry("t1"), &locked).expect("write");
        cache.write("k", &entry("t2"), &locked).expect("write");
        assert_eq!(cache.read("k").map(|e| e.token).as_deref(), Some("t2"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&dir.join("tokens/k.json")), 0o600);
            assert_eq!(mode(&dir.join("tokens")), 0o700);
        }
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.join("tokens"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        cache.remove("k", &locked);
        assert!(cache.read("k").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
