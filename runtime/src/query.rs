//! Query strings from any `Serialize` value: a flat JSON object whose scalars become
//! `key=value`, arrays repeated keys, and nulls nothing.

use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::path::encode_segment;

/// Encodes `query` (without the leading `?`); `None` if there is nothing to send.
pub(crate) fn encode_query<Q: Serialize + ?Sized>(query: &Q) -> Result<Option<String>, Error> {
    let value = serde_json::to_value(query).map_err(|e| invalid("query", e.to_string()))?;
    let map = match value {
        Value::Null => return Ok(None),
        Value::Object(map) => map,
        other => {
            return Err(invalid(
                "query",
                format!("must serialize to an object, not {}", kind(&other)),
            ));
        }
    };
    let mut out = String::new();
    for (key, value) in &map {
        match value {
            Value::Array(items) => {
                for item in items {
                    push_pair(&mut out, key, item)?;
                }
            }
            scalar => push_pair(&mut out, key, scalar)?,
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

fn push_pair(out: &mut String, key: &str, value: &Value) -> Result<(), Error> {
    let text = match value {
        Value::Null => return Ok(()),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => {
            return Err(invalid(
                key,
                format!(
                    "query values must be scalars or arrays of scalars, not {}",
                    kind(other)
                ),
            ));
        }
    };
    if !out.is_empty() {
        out.push('&');
    }
    encode_segment(key, out);
    out.push('=');
    encode_segment(&text, out);
    Ok(())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn invalid(name: &str, reason: String) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_arrays_nulls() {
        let q = json!({
            "name": "web 1&2",
            "limit": 10,
            "all_tenants": true,
            "deleted": false,
            "marker": null,
            "status": ["ACTIVE", "ERROR", null],
            "ratio": 1.5,
        });
        assert_eq!(
            encode_query(&q).expect("encodes").as_deref(),
            Some(
                "name=web%201%262&limit=10&all_tenants=true&deleted=false\
                 &status=ACTIVE&status=ERROR&ratio=1.5"
            )
        );
    }

    #[test]
    fn nothing_to_send() {
        assert_eq!(encode_query(&json!({})).expect("encodes"), None);
        assert_eq!(encode_query(&json!({"a": null})).expect("encodes"), None);
        assert_eq!(encode_query(&()).expect("encodes"), None);
    }

    #[test]
    fn rejects_nested_and_non_objects() {
        for bad in [
            json!({"a": {"b": 1}}),
            json!({"a": [[1]]}),
            json!([1]),
            json!("x"),
        ] {
            assert!(
                matches!(encode_query(&bad), Err(Error::InvalidArgument { .. })),
                "{bad}"
            );
        }
    }
}
