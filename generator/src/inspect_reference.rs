//! `apiref inspect` for os-api-ref operations: the grid-table contract (`file`,
//! `method`, `path`, `tables`) plus what only this format says: the operation's
//! `title`, `"format": "os-api-ref"`, each parameter row's `in`, `key`,
//! `min_version` and `max_version`, and the `samples` the operation includes.

use serde_json::{Map, Value, json};

use crate::inspect::inspect_json;
use crate::load::LoadedDoc;
use crate::parse::ExampleKind;
use crate::parse::os_api_ref::{In, Operation};

/// `apiref inspect`'s JSON: one object per doc or os-api-ref operation, in input
/// order; an operation's object adds what only os-api-ref says.
pub fn inspect_loaded_json(docs: &[LoadedDoc]) -> Value {
    let plain = inspect_json(&docs.iter().map(|d| d.doc.clone()).collect::<Vec<_>>());
    let Value::Array(items) = plain else {
        return plain;
    };
    Value::Array(
        items
            .into_iter()
            .zip(docs)
            .map(|(item, doc)| match (&doc.reference, item) {
                (Some(op), Value::Object(object)) => Value::Object(extend(object, op)),
                (_, item) => item,
            })
            .collect(),
    )
}

fn extend(mut object: Map<String, Value>, op: &Operation) -> Map<String, Value> {
    object.insert("format".into(), json!("os-api-ref"));
    object.insert("title".into(), json!(op.title));
    // Rows in each table are in parameter order, so the n-th param row of a table
    // is the n-th parameter of that table's kind.
    if let Some(Value::Array(tables)) = object.get_mut("tables") {
        for table in tables {
            let kind = table
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let mut params = op.params.iter().filter(|p| match kind.as_str() {
                "uri" => p.parameter.location == Some(In::Path),
                "query" => p.parameter.location == Some(In::Query),
                "request_body" => {
                    p.parameter.location == Some(In::Body)
                        && p.section == crate::parse::os_api_ref::Section::Request
                }
                "response_body" => {
                    p.parameter.location == Some(In::Body)
                        && p.section == crate::parse::os_api_ref::Section::Response
                }
                _ => false,
            });
            let Some(Value::Array(rows)) = table.get_mut("rows") else {
                continue;
            };
            for row in rows {
                let (Some(param), Value::Object(row)) = (params.next(), row) else {
                    continue;
                };
                row.insert("in".into(), json!(param.parameter.location));
                row.insert("key".into(), json!(param.key));
                if let Some(v) = &param.parameter.min_version {
                    row.insert("min_version".into(), json!(v.to_string()));
                }
                if let Some(v) = &param.parameter.max_version {
                    row.insert("max_version".into(), json!(v.to_string()));
                }
            }
        }
    }
    object.insert(
        "samples".into(),
        Value::Array(
            op.samples
                .iter()
                .map(|s| {
                    json!({
                        "include": s.include,
                        "kind": match s.kind {
                            ExampleKind::Request => "request",
                            ExampleKind::Response => "response",
                        },
                        "microversion": s.microversion,
                        "present": s.value.is_some(),
                    })
                })
                .collect(),
        ),
    );
    object
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Generator;

    #[test]
    fn an_operation_shows_versions_keys_and_samples() {
        let dir = std::env::temp_dir().join(format!("apiref-inspect-ref-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("parameters.yaml"),
            "server:\n  in: body\n  required: true\n  type: object\n\
             hostname:\n  in: body\n  required: false\n  type: string\n  min_version: 2.90\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("servers.inc"),
            "Update Server\n=============\n\n.. rest_method:: PUT /servers\n\n\
             Normal response codes: 200\n\nRequest\n-------\n\n\
             .. rest_parameters:: parameters.yaml\n\n  - server: server\n  - hostname: hostname\n\n\
             **Example Update Server (v2.90)**\n\n.. literalinclude:: gone.json\n",
        )
        .unwrap();
        let cx = crate::Ctxt::new();
        let docs = Generator::new(&dir).input(".").load_into(&cx, false);
        assert!(!cx.has_errors());
        let value = inspect_loaded_json(&docs);
        let op = &value[0];
        assert_eq!(op["format"], "os-api-ref");
        assert_eq!(op["title"], "Update Server");
        assert_eq!(op["method"], "PUT");
        let rows = &op["tables"][1]["rows"];
        assert_eq!(op["tables"][1]["kind"], "request_body");
        assert_eq!(rows[1]["name"], "hostname");
        assert_eq!(rows[1]["in"], "body");
        assert_eq!(rows[1]["key"], "hostname");
        assert_eq!(rows[1]["min_version"], "2.90");
        assert_eq!(
            op["samples"],
            json!([{"include": "gone.json", "kind": "request", "microversion": "2.90", "present": false}])
        );
    }
}
