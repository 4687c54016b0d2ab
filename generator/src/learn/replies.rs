//! Reading a recording: the JSON lines the runtime writes when a client records
//! its replies (`ClientBuilder::record_replies`, `APIREF_RECORD=DIR`).

use std::path::Path;

use serde_json::Value;

use crate::microversion::Microversion;

/// One recorded reply: what `learn` needs of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The operation's name, as the generated client names it (`servers::get`).
    pub operation: String,
    /// The service type of the operation (`compute`).
    pub service: String,
    /// The microversion the server answered with, else the one asked for (never
    /// `latest`); `None` for a service without microversions.
    pub microversion: Option<Microversion>,
    /// The reply's body as recorded (credentials masked, their kind kept).
    pub body: Value,
}

/// The replies of a folder, and how many lines could not be read as one.
#[derive(Debug, Default)]
pub struct Replies {
    /// Every reply of every `.jsonl` file, files in name order, lines in order.
    pub replies: Vec<Reply>,
    /// Lines that were not a recorded reply.
    pub skipped: usize,
}

/// Reads every `.jsonl` file of `dir`.
pub fn read_replies(dir: &Path) -> Result<Replies, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read replies in {}: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    files.sort();
    let mut out = Replies::default();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match parse_reply(line) {
                Some(reply) => out.replies.push(reply),
                None => out.skipped += 1,
            }
        }
    }
    Ok(out)
}

/// One line as a reply, if it is one.
pub fn parse_reply(line: &str) -> Option<Reply> {
    let mut value: Value = serde_json::from_str(line).ok()?;
    let text = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let version = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .and_then(|v| Microversion::parse(v).ok())
    };
    let microversion = version("microversion").or_else(|| version("microversion_asked"));
    Some(Reply {
        operation: text(&value, "operation")?,
        service: text(&value, "service").unwrap_or_default(),
        microversion,
        body: value.get_mut("body").map(Value::take)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_gives_the_answered_version_else_the_asked_one() {
        let answered = parse_reply(
            r#"{"operation":"servers::get","service":"compute","microversion_asked":"latest","microversion":"2.90","status":200,"body":{"server":{}}}"#,
        )
        .expect("a reply");
        assert_eq!(
            answered.microversion,
            Some(Microversion {
                major: 2,
                minor: 90
            })
        );
        assert_eq!(answered.body, serde_json::json!({"server": {}}));
        let asked = parse_reply(
            r#"{"operation":"x","microversion_asked":"2.3","microversion":null,"body":null}"#,
        )
        .expect("a reply");
        assert_eq!(
            asked.microversion,
            Some(Microversion { major: 2, minor: 3 })
        );
        assert!(parse_reply(r#"{"body":{}}"#).is_none());
        assert!(parse_reply("not json").is_none());
    }
}
