//! `apiref inspect`: what the reader saw in each doc, as JSON.
//!
//! The output is for people and scripts checking the reader against a doc, so it
//! shows the tables as the doc wrote them (names with braces, types without the
//! Required marker) and leaves out descriptions, which only add noise to a diff.
//! An os-api-ref operation has the same contract (`file`, `method`, `path`,
//! `tables`) plus what only that format says: the operation's `title`,
//! `"format": "os-api-ref"`, each parameter row's `in`, `key`, `min_version` and
//! `max_version`, and the `samples` the operation includes.

use serde_json::{Map, Value, json};

use crate::load::LoadedDoc;
use crate::parse::os_api_ref::{In, Operation};
use crate::parse::{ExampleKind, ParsedDoc, Row, Table};

/// `apiref inspect`'s JSON: one object per doc or os-api-ref operation, in input
/// order; an operation's object adds what only os-api-ref says.
pub fn inspect_json(docs: &[LoadedDoc]) -> Value {
    let plain = parsed_docs_json(&docs.iter().map(|d| d.doc.clone()).collect::<Vec<_>>());
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

/// The grid-table view of these docs: a JSON array, one object per doc.
fn parsed_docs_json(docs: &[ParsedDoc]) -> Value {
    Value::Array(docs.iter().map(doc_json).collect())
}

fn doc_json(doc: &ParsedDoc) -> Value {
    let mut object = Map::new();
    object.insert("file".into(), Value::String(basename(&doc.file)));
    object.insert("method".into(), Value::String(doc.method.clone()));
    object.insert("path".into(), Value::String(doc.path.clone()));
    object.insert(
        "tables".into(),
        Value::Array(doc.tables.iter().map(table_json).collect()),
    );
    Value::Object(object)
}

fn table_json(table: &Table) -> Value {
    let mut object = Map::new();
    object.insert("kind".into(), Value::String(table.kind.name().into()));
    object.insert(
        "rows".into(),
        Value::Array(table.rows.iter().map(row_json).collect()),
    );
    Value::Object(object)
}

fn row_json(row: &Row) -> Value {
    let mut object = Map::new();
    match row {
        Row::Param(p) => {
            object.insert("name".into(), Value::String(p.name.clone()));
            object.insert("type".into(), Value::String(p.ty.clone()));
            object.insert("required".into(), Value::Bool(p.required));
        }
        Row::Code(c) => {
            object.insert("code".into(), Value::String(c.code.clone()));
            object.insert("name".into(), Value::String(c.name.clone()));
        }
    }
    Value::Object(object)
}

/// Docs are named by path on the command line; the output should not depend on
/// where the user ran it from.
fn basename(file: &str) -> String {
    std::path::Path::new(file).file_name().map_or_else(
        || file.to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Generator;
    use crate::parse::parse_doc;

    const SEED: &str =
        include_str!("../../spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst");

    fn seed_json() -> Value {
        let doc = match parse_doc(
            "spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst",
            SEED.as_bytes(),
        ) {
            Ok(doc) => doc,
            Err(e) => panic!("seed does not parse:\n{e}"),
        };
        parsed_docs_json(&[doc])
    }

    fn rows<'a>(doc: &'a Value, kind: &str) -> &'a Vec<Value> {
        let tables = doc["tables"].as_array().unwrap();
        let table = tables.iter().find(|t| t["kind"] == kind).unwrap();
        table["rows"].as_array().unwrap()
    }

    #[test]
    fn seed_header_fields() {
        let all = seed_json();
        assert_eq!(all.as_array().map(Vec::len), Some(1));
        let doc = &all[0];
        assert_eq!(
            doc["file"],
            "PUT_update_server_v2.1_tenant_id_servers_server_id_.rst"
        );
        assert_eq!(doc["method"], "PUT");
        assert_eq!(doc["path"], "/v2.1/{tenant_id}/servers/{server_id}");
        let kinds: Vec<_> = doc["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["kind"].clone())
            .collect();
        assert_eq!(
            kinds,
            [
                json!("response_codes"),
                json!("uri"),
                json!("request_body"),
                json!("response_body")
            ]
        );
        let keys: Vec<_> = doc.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["file", "method", "path", "tables"]);
    }

    #[test]
    fn seed_response_codes() {
        let all = seed_json();
        let codes = rows(&all[0], "response_codes");
        let numbers: Vec<_> = codes.iter().map(|r| r["code"].as_str().unwrap()).collect();
        assert_eq!(
            numbers,
            ["200", "503", "400", "401", "403", "405", "404", "409"]
        );
        assert_eq!(
            codes[0],
            json!({"code": "200", "name": "Update server name: JSON response"})
        );
        assert_eq!(codes[1], json!({"code": "503", "name": ""}));
    }

    #[test]
    fn seed_parameter_rows() {
        let all = seed_json();
        assert_eq!(
            rows(&all[0], "uri"),
            &vec![
                json!({"name": "{tenant_id}", "type": "csapi:UUID", "required": false}),
                json!({"name": "{server_id}", "type": "csapi:UUID", "required": false}),
            ]
        );
        let request = rows(&all[0], "request_body");
        assert_eq!(request.len(), 24);
        assert!(request.contains(
            &json!({"name": "server", "type": "csapi:ServerForCreate", "required": true})
        ));
        assert!(request.contains(
            &json!({"name": "os-availability-zone:availability_zone", "type": "xsd:string", "required": true})
        ));
        let response = rows(&all[0], "response_body");
        assert_eq!(response.len(), 33);
        assert!(response.contains(
            &json!({"name": "OS-EXT-SRV-ATTR:hypervisor_hostname", "type": "csapi:string", "required": true})
        ));
        assert!(response.contains(
            &json!({"name": "os-extended-volumes:volumes_attached", "type": "csapi:dict", "required": true})
        ));
    }

    #[test]
    fn no_docs_is_an_empty_array() {
        assert_eq!(inspect_json(&[]), json!([]));
        assert_eq!(parsed_docs_json(&[]), json!([]));
    }

    #[test]
    fn an_operation_shows_versions_keys_and_samples() {
        let dir = crate::test_folder::folder(
            "inspect-ref",
            &[
                (
                    "parameters.yaml",
                    "server:\n  in: body\n  required: true\n  type: object\n\
                     hostname:\n  in: body\n  required: false\n  type: string\n  min_version: 2.90\n",
                ),
                (
                    "servers.inc",
                    "Update Server\n=============\n\n.. rest_method:: PUT /servers\n\n\
                     Normal response codes: 200\n\nRequest\n-------\n\n\
                     .. rest_parameters:: parameters.yaml\n\n  - server: server\n  - hostname: hostname\n\n\
                     **Example Update Server (v2.90)**\n\n.. literalinclude:: gone.json\n",
                ),
            ],
        );
        let cx = crate::diagnostic::Ctxt::new();
        let docs = Generator::new(&dir).input(".").load_into(&cx, false);
        assert!(!cx.has_errors());
        let value = inspect_json(&docs);
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
