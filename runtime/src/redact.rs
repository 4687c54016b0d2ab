//! Scrubbing secrets (tokens, passwords, application-credential secrets) out of text
//! that reaches an error or `Debug` output: server bodies and headers, and URLs.
//!
//! A server may echo a secret as is or inside a JSON string, where it is escaped:
//! `"` as `\"`, non-ASCII as `\u00fc` (Python's `json.dumps`, which OpenStack services
//! use, escapes everything outside ASCII), sometimes `/` as `\/`. Each of those forms
//! is replaced. As a last guard, text that parses as JSON and still holds a secret in
//! a decoded string (an escaping not foreseen here) is withheld whole.

use reqwest::Url;

/// Secrets shorter than this are not replaced inside server text: replacing a short
/// string would garble unrelated words. Text holding one is withheld instead.
const MIN_REPLACED_LEN: usize = 8;

/// What stands in for a secret.
const MASK: &str = "***";

/// What stands in for text that cannot be shown without a secret.
pub(crate) const WITHHELD: &str = "(withheld: it contains a credential)";

/// Words that, in a JSON key, mark its string value as a credential: passwords
/// (Nova's `adminPass` too), secrets (application credentials, EC2 credentials),
/// TOTP passcodes, a credential's `blob` (which holds the access and secret keys)
/// and a new key pair's `private_key`.
const SECRET_KEY_WORDS: [&str; 6] = [
    "password",
    "adminpass",
    "secret",
    "passcode",
    "blob",
    "private_key",
];

/// Whether the string under `key` (lowercase) of an object under `parent`
/// (lowercase) holds a credential: a key naming one, or a `token`'s `id` (the
/// token method's body).
pub(crate) fn is_secret_key(key: &str, parent: Option<&str>) -> bool {
    SECRET_KEY_WORDS.iter().any(|word| key.contains(word))
        || (parent == Some("token") && key == "id")
}

/// Replaces, at any depth, the strings under keys [`is_secret_key`] names by
/// [`MASK`]: a body's credentials, whatever the request sent. Other values keep
/// their kind, so a masked body still shows what each field holds.
pub(crate) fn mask_secret_values(value: &mut serde_json::Value) {
    fn walk(value: &mut serde_json::Value, parent: Option<&str>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    let lower = key.to_ascii_lowercase();
                    match item {
                        serde_json::Value::String(text) if is_secret_key(&lower, parent) => {
                            *text = MASK.to_owned();
                        }
                        _ => walk(item, Some(&lower)),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|item| walk(item, parent)),
            _ => {}
        }
    }
    walk(value, None);
}

/// The secrets a request body carries: the string values of keys that name a
/// password or a secret (`password`, `original_password`, `secret`), at any depth.
/// A server may echo the body in an error (Keystone's schema errors quote it), and
/// the client knows no other way that these strings are secret. Bodies without such
/// a key, nearly all of them, are only scanned, never parsed.
pub(crate) fn secrets_in_body(body: &[u8]) -> Vec<String> {
    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }
    if !contains(body, b"password") && !contains(body, b"secret") {
        return Vec::new();
    }
    fn walk(value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let key = key.to_ascii_lowercase();
                    match item {
                        serde_json::Value::String(text)
                            if key.contains("password") || key.contains("secret") =>
                        {
                            found.push(text.clone());
                        }
                        _ => walk(item, found),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        walk(&value, &mut found);
    }
    found
}

/// `text` without any of `secrets`, in any of the forms a server may echo them in.
pub(crate) fn scrub(secrets: &[&str], text: String) -> String {
    let mut text = text;
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        if !may_hold(&text, secret) {
            continue;
        }
        for form in forms(secret) {
            if text.contains(&form) {
                if secret.len() < MIN_REPLACED_LEN {
                    return WITHHELD.to_owned();
                }
                text = text.replace(&form, MASK);
            }
        }
    }
    if holds_secret_in_json(secrets, &text) {
        return WITHHELD.to_owned();
    }
    text
}

/// Whether `text` can hold any of [`forms`] of `secret`, checked without building
/// them: a form is never shorter than the secret (escaping only lengthens), and
/// always holds the secret's longest run of ASCII letters and digits as is (no form
/// escapes those). Most text a call redacts (a request id) fails one of the two,
/// and skips the allocations of `forms`; the JSON guard in [`scrub`] still runs.
fn may_hold(text: &str, secret: &str) -> bool {
    if text.len() < secret.len() {
        return false;
    }
    let core = secret
        .split(|c: char| !c.is_ascii_alphanumeric())
        .max_by_key(|run| run.len())
        .unwrap_or("");
    core.is_empty() || text.contains(core)
}

/// A URL for display: without `user:password@`. Text that is not a URL but might hold
/// userinfo is not shown.
pub(crate) fn display_url(url: &str) -> String {
    match Url::parse(url.trim()) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            // Both only fail for URLs that cannot have userinfo at all.
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) if url.contains('@') => {
            "(not a URL; withheld: it may contain a credential)".to_owned()
        }
        Err(_) => url.to_owned(),
    }
}

/// The forms `secret` may take in server text, the raw one first, without repeats.
fn forms(secret: &str) -> Vec<String> {
    let escaped = [
        json_escape(secret, false, false),
        json_escape(secret, true, false),
        json_escape(secret, true, true),
    ];
    let slashed = escaped.clone().map(|e| e.replace('/', "\\/"));
    let mut out: Vec<String> = vec![secret.to_owned()];
    for form in escaped.into_iter().chain(slashed) {
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// `s` as the inside of a JSON string: `"`, `\` and control characters escaped, and,
/// with `ascii`, every non-ASCII character as `\uXXXX` (UTF-16, surrogate pairs).
fn json_escape(s: &str, ascii: bool, upper_hex: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let hex = |out: &mut String, unit: u16| {
        if upper_hex {
            out.push_str(&format!("\\u{unit:04X}"));
        } else {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    };
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => hex(&mut out, c as u16),
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    hex(&mut out, *unit);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `text` is JSON with a secret in one of its decoded strings or keys.
fn holds_secret_in_json(secrets: &[&str], text: &str) -> bool {
    let trimmed = text.trim_start();
    if !trimmed.starts_with(['{', '[', '"']) {
        return false;
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let holds = |s: &str| {
        secrets
            .iter()
            .any(|secret| !secret.is_empty() && s.contains(secret))
    };
    let mut stack = vec![&value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(s) if holds(s) => return true,
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => {
                if map.keys().any(|k| holds(k)) {
                    return true;
                }
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_secrets_a_body_carries() {
        let body =
            br#"{"user": {"name": "n", "password": "pw-123456", "original_password": "old-123456"},
            "credential": {"secret": "s-123456"}, "other": ["password"]}"#;
        let mut found = secrets_in_body(body);
        found.sort();
        assert_eq!(found, ["old-123456", "pw-123456", "s-123456"]);
        assert!(secrets_in_body(br#"{"server": {"name": "web"}}"#).is_empty());
        assert!(secrets_in_body(b"not json but password").is_empty());
    }

    const PASSWORD: &str = "pa\"ss\\wörd/𝄞-1";

    #[test]
    fn replaces_raw_and_every_json_escaped_form() {
        let serde_form = serde_json::to_string(PASSWORD).expect("json");
        let python_form = r#""pa\"ss\\w\u00f6rd/\ud834\udd1e-1""#;
        let python_upper = r#""pa\"ss\\w\u00F6rd\/\uD834\uDD1E-1""#;
        for text in [
            format!("bad password {PASSWORD}!"),
            format!(r#"{{"error": {{"message": {serde_form}}}}}"#),
            format!(r#"{{"error": {{"message": {python_form}}}}}"#),
            format!(r#"{{"error": {{"message": {python_upper}}}}}"#),
            format!("not json: {python_form}"),
        ] {
            let shown = scrub(&[PASSWORD], text.clone());
            assert!(shown.contains(MASK), "{text} became {shown}");
            assert!(!shown.contains("ss\\"), "{text} became {shown}");
            assert!(!shown.contains("rd/"), "{text} became {shown}");
        }
    }

    #[test]
    fn withholds_json_that_still_holds_a_secret() {
        // `ö` escaped but `/` as `\u002f`: a form not foreseen.
        let odd = r#"{"message": "pa\"ss\\w\u00f6rd\u002f\ud834\udd1e-1"}"#;
        assert_eq!(scrub(&[PASSWORD], odd.to_owned()), WITHHELD);
        let key = r#"{"\u006b\u00e9y-secret-1": 1}"#.to_owned();
        assert_eq!(scrub(&["k\u{e9}y-secret-1"], key), WITHHELD);
        let clean = r#"{"message": "nothing here"}"#;
        assert_eq!(scrub(&[PASSWORD], clean.to_owned()), clean);
    }

    #[test]
    fn short_secrets_withhold_and_empty_ones_are_ignored() {
        assert_eq!(scrub(&["ab\"c"], r#"x "ab\"c""#.to_owned()), WITHHELD);
        assert_eq!(scrub(&["abc"], "abc".to_owned()), WITHHELD);
        assert_eq!(scrub(&[""], "text".to_owned()), "text");
        assert_eq!(scrub(&["abcdefgh"], "xyz".to_owned()), "xyz");
    }

    #[test]
    fn the_quick_check_never_misses_a_form() {
        for form in forms(PASSWORD) {
            assert!(may_hold(&format!("x {form} y"), PASSWORD), "{form}");
        }
        let token = "gAAAAABbench-token-0123456789abcdef";
        assert!(!may_hold("req-5f0c8a7e-2d41-4b6a-9e13-7c2f4d8a1b90", token));
        assert!(!may_hold("short", token));
        // No letter or digit to look for: only the length decides.
        assert!(may_hold("a long text without it", "\"\"\""));
    }

    #[test]
    fn urls_lose_their_userinfo() {
        assert_eq!(
            display_url("http://user:hunter2x@ks:5000/v3"),
            "http://ks:5000/v3"
        );
        assert_eq!(display_url("http://ks:5000/v3"), "http://ks:5000/v3");
        assert!(!display_url("http://u:hunter2x@ks:bad/v3").contains("hunter2x"));
        assert_eq!(display_url("not a url"), "not a url");
    }
}
