//! Keystone's `totp` method: a one-time passcode, given as is or computed from the
//! shared secret per RFC 6238 (HMAC-SHA1 over 30-second steps, six digits, the
//! parameters Keystone checks with).

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha1::Sha1;

use super::identity::{ProjectRef, UserRef};
use crate::error::Error;
use crate::secret::Secret;

/// Keystone's TOTP step and passcode length (`[totp]` has no options for them).
const STEP_SECONDS: u64 = 30;
const DIGITS: u32 = 6;

/// Where the passcode comes from.
#[derive(Clone, Debug)]
pub enum TotpCode {
    /// A passcode read from an authenticator app, good for one login.
    Passcode(Secret),
    /// The base32 secret of the user's `totp` credential (what the app was given):
    /// the client computes the current passcode at each login.
    Secret(Secret),
}

/// A TOTP log-in: a user and their passcode, optionally scoped to a project.
#[derive(Clone, Debug)]
pub struct Totp {
    /// Who logs in.
    pub user: UserRef,
    /// The passcode, or the secret to compute it from.
    pub code: TotpCode,
    /// The project the token is for; `None` takes the user's default project.
    pub scope: Option<ProjectRef>,
}

impl Totp {
    /// A log-in with a passcode read from an authenticator.
    pub fn passcode(user: UserRef, passcode: impl Into<Secret>) -> Self {
        Totp {
            user,
            code: TotpCode::Passcode(passcode.into()),
            scope: None,
        }
    }

    /// A log-in that computes each passcode from the base32 `secret`.
    pub fn secret(user: UserRef, secret: impl Into<Secret>) -> Self {
        Totp {
            user,
            code: TotpCode::Secret(secret.into()),
            scope: None,
        }
    }

    /// Scopes the token to `project`.
    pub fn project(mut self, project: ProjectRef) -> Self {
        self.scope = Some(project);
        self
    }

    /// The secret this holds (passcode or shared secret), for scrubbing.
    pub(crate) fn held_secret(&self) -> &Secret {
        match &self.code {
            TotpCode::Passcode(s) | TotpCode::Secret(s) => s,
        }
    }

    /// `identity.totp` of a token request. It holds the passcode in plain text.
    pub(crate) fn identity(&self, now: SystemTime) -> Result<Value, Error> {
        let passcode = match &self.code {
            TotpCode::Passcode(p) => p.expose().trim().to_owned(),
            TotpCode::Secret(s) => {
                let key = base32_decode(s.expose()).ok_or_else(|| {
                    Error::Config("the TOTP secret is not base32 (RFC 4648)".to_owned())
                })?;
                let seconds = now
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                passcode(&key, seconds / STEP_SECONDS)
            }
        };
        let mut user = self.user.json();
        if let Value::Object(map) = &mut user {
            map.insert("passcode".to_owned(), Value::String(passcode));
        }
        Ok(json!({ "user": user }))
    }
}

/// The RFC 4226 HOTP value of `counter` under `key` (RFC 6238 feeds it the time
/// step), as `DIGITS` decimal digits.
pub(crate) fn passcode(key: &[u8], counter: u64) -> String {
    // HMAC takes a key of any length, so this never fails.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226 5.3): the low nibble of the last byte picks
    // four bytes, read big-endian without the sign bit.
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    let code = word % 10u32.pow(DIGITS);
    format!("{code:0width$}", width = DIGITS as usize)
}

/// RFC 4648 base32, as authenticator apps and Keystone's `totp` credentials write
/// it: case-insensitive, padding and spaces optional. `None` if not base32.
pub(crate) fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let value = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u32 - 'A' as u32,
            c @ '2'..='7' => c as u32 - '2' as u32 + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::identity::DomainRef;
    use std::time::Duration;

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238 appendix B: the SHA-1 key is "12345678901234567890"; its table
        // lists eight digits, of which Keystone's six are the last six.
        let key = b"12345678901234567890";
        for (time, eight) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(passcode(key, time / STEP_SECONDS), eight[2..], "t={time}");
        }
    }

    #[test]
    fn base32_reads_what_apps_write() {
        assert_eq!(
            base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").as_deref(),
            Some(&b"12345678901234567890"[..])
        );
        assert_eq!(base32_decode("mzxw6===").as_deref(), Some(&b"foo"[..]));
        assert_eq!(base32_decode("MZXW 6YQ").as_deref(), Some(&b"foob"[..]));
        assert_eq!(base32_decode("MZ1W"), None);
        assert_eq!(base32_decode(""), None);
    }

    #[test]
    fn identity_computes_the_current_passcode() {
        let totp = Totp::secret(
            UserRef::name("demo", DomainRef::name("Default")),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        );
        let at = UNIX_EPOCH + Duration::from_secs(59);
        assert_eq!(
            totp.identity(at).expect("valid"),
            json!({"user": {"name": "demo", "domain": {"name": "Default"}, "passcode": "287082"}})
        );
        let given = Totp::passcode(UserRef::id("u1"), " 123456 ");
        assert_eq!(
            given.identity(at).expect("valid"),
            json!({"user": {"id": "u1", "passcode": "123456"}})
        );
        let bad = Totp::secret(UserRef::id("u1"), "not base32!");
        assert!(matches!(bad.identity(at), Err(Error::Config(_))));
    }
}
