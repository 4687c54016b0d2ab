//! Recording replies: every 2xx reply a client decodes, written as one JSON line
//! to a folder (`apiref learn` reads them to propose overlay corrections).
//!
//! A line holds the operation's name, service, method and path, the microversion
//! asked for and the one the server answered with, the status and the body. The
//! body is masked before it is written: strings under keys naming a credential
//! become `***` (`redact::mask_secret_values`), and every string is scrubbed of
//! the secrets the client knows (its token, the request's passwords), the way an
//! error's text is.
//!
//! One file per process and folder (`replies-<pid>.jsonl`), shared by every
//! client of the process that records there; a file that reaches
//! [`MAX_FILE_BYTES`] is closed and the next one opened
//! (`replies-<pid>-1.jsonl`, ...). Nothing is written once the folder's
//! `.jsonl` files, counted when the process first records there, would pass
//! [`MAX_TOTAL_BYTES`]: a recording left on in production stops growing. A reply
//! that cannot be written is skipped, never an error of the call.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use crate::microversion::Version;
use crate::operation::Operation;

/// The largest file one process writes before starting the next.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most the folder's recordings may hold; past it, replies are skipped.
pub(crate) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The environment variable that turns recording on for every client built.
pub(crate) const ENV_VAR: &str = "APIREF_RECORD";

/// One folder's recording in this process: where the lines go, and how much room
/// is left. Clients (and their clones) recording to one folder share it.
pub(crate) struct Recorder {
    dir: PathBuf,
    state: Mutex<State>,
}

struct State {
    file: Option<File>,
    /// Bytes in the open file.
    file_bytes: u64,
    /// How many files this process has opened in the folder.
    files: u32,
    /// Bytes the folder may still take.
    room: u64,
}

/// What one reply was, as the send loop knows it.
pub(crate) struct Reply<'a> {
    pub(crate) operation: &'a Operation,
    /// The request's microversion header value (`compute 2.19`, `latest`).
    pub(crate) asked: Option<&'a str>,
    pub(crate) answered: Option<Version>,
    pub(crate) status: u16,
    pub(crate) body: &'a [u8],
}

impl Recorder {
    /// The recorder of `dir` for this process, creating the folder if needed.
    pub(crate) fn open(dir: &Path) -> Result<Arc<Recorder>, String> {
        static OPEN: OnceLock<Mutex<Vec<Arc<Recorder>>>> = OnceLock::new();
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot record replies in {}: {e}", dir.display()))?;
        let dir = dir
            .canonicalize()
            .map_err(|e| format!("cannot record replies in {}: {e}", dir.display()))?;
        let mut open = OPEN
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = open.iter().find(|r| r.dir == dir) {
            return Ok(Arc::clone(found));
        }
        let used = recorded_bytes(&dir);
        let recorder = Arc::new(Recorder {
            dir,
            state: Mutex::new(State {
                file: None,
                file_bytes: 0,
                files: 0,
                room: MAX_TOTAL_BYTES.saturating_sub(used),
            }),
        });
        open.push(Arc::clone(&recorder));
        Ok(recorder)
    }

    /// Writes one line for `reply`; `scrub` removes the secrets the client knows
    /// from a string.
    pub(crate) fn record(&self, reply: Reply<'_>, scrub: impl Fn(String) -> String) {
        let line = line(&reply, scrub);
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let len = line.len() as u64;
        if len > state.room || len > MAX_FILE_BYTES {
            return;
        }
        if state.file.is_none() || state.file_bytes + len > MAX_FILE_BYTES {
            let name = match state.files {
                0 => format!("replies-{}.jsonl", std::process::id()),
                n => format!("replies-{}-{n}.jsonl", std::process::id()),
            };
            state.files += 1;
            state.file_bytes = 0;
            state.file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.dir.join(name))
                .ok();
        }
        let written = match &mut state.file {
            Some(file) => file.write_all(line.as_bytes()).is_ok(),
            None => false,
        };
        if written {
            state.file_bytes += len;
            state.room -= len;
        }
    }
}

/// The recording's line for `reply`, newline included.
fn line(reply: &Reply<'_>, scrub: impl Fn(String) -> String) -> String {
    let body = match serde_json::from_slice::<Value>(reply.body) {
        Ok(mut value) => {
            crate::redact::mask_secret_values(&mut value);
            scrub_strings(&mut value, &scrub);
            value
        }
        Err(_) if reply.body.iter().all(u8::is_ascii_whitespace) => Value::Null,
        Err(_) => Value::String(scrub(String::from_utf8_lossy(reply.body).into_owned())),
    };
    // The header's value without the service's name: `compute 2.19` is `2.19`.
    let asked = reply
        .asked
        .and_then(|text| text.split_whitespace().last())
        .map(str::to_owned);
    let op = reply.operation;
    let record = serde_json::json!({
        "operation": op.name,
        "service": op.service.service_type,
        "method": op.method.as_str(),
        "path": op.path,
        "microversion_asked": asked,
        "microversion": reply.answered.map(|v| v.to_string()),
        "status": reply.status,
        "body": body,
    });
    let mut text = record.to_string();
    text.push('\n');
    text
}

/// Scrubs every string of `value`, so a secret the client knows is gone wherever
/// the server put it, and only that string is withheld when one cannot be cut out.
fn scrub_strings(value: &mut Value, scrub: &impl Fn(String) -> String) {
    match value {
        Value::String(text) => *text = scrub(std::mem::take(text)),
        Value::Array(items) => items.iter_mut().for_each(|item| scrub_strings(item, scrub)),
        Value::Object(map) => map.values_mut().for_each(|item| scrub_strings(item, scrub)),
        _ => {}
    }
}

/// The bytes the folder's recordings already hold.
fn recorded_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|ext| ext == "jsonl"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::Method;
    use crate::operation::unbounded;
    use crate::service::Service;

    const OP: Operation = unbounded::operation(
        &Service::new("identity"),
        "credentials::create",
        Method::Post,
        "/v3/credentials",
        &[201],
    );

    #[test]
    fn a_line_masks_credentials_and_scrubs_known_secrets() {
        let body = br#"{"credential": {"blob": "{\"access\": \"a\", \"secret\": \"s\"}",
            "type": "ec2", "note": "made with pw-known-123", "count": 2, "gone": null}}"#;
        let reply = Reply {
            operation: &OP,
            asked: Some("identity 3.14"),
            answered: Some(Version::new(3, 14)),
            status: 201,
            body,
        };
        let text = line(&reply, |t| crate::redact::scrub(&["pw-known-123"], t));
        let value: Value = serde_json::from_str(&text).expect("a JSON line");
        assert!(text.ends_with('\n'));
        assert_eq!(value["operation"], "credentials::create");
        assert_eq!(value["microversion_asked"], "3.14");
        assert_eq!(value["microversion"], "3.14");
        let credential = &value["body"]["credential"];
        assert_eq!(credential["blob"], "***");
        assert_eq!(credential["note"], "made with ***");
        assert_eq!(credential["count"], 2);
        assert_eq!(credential["gone"], Value::Null);
    }

    #[test]
    fn stops_at_the_folders_room() {
        let dir = std::env::temp_dir().join(format!("apiref-record-room-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let recorder = Recorder::open(&dir).expect("opens");
        recorder.state.lock().expect("lock").room = 10;
        let reply = || Reply {
            operation: &OP,
            asked: None,
            answered: None,
            status: 201,
            body: b"{}",
        };
        recorder.record(reply(), |t| t);
        assert_eq!(
            recorded_bytes(&dir),
            0,
            "a line longer than the room is skipped"
        );
        recorder.state.lock().expect("lock").room = 1000;
        recorder.record(reply(), |t| t);
        assert!(recorded_bytes(&dir) > 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
