//! `apiref inspect`: what the reader saw in each doc, as JSON.
//!
//! The output is for people and scripts checking the reader against a doc, so it
//! shows the tables as the doc wrote them (names with braces, types without the
//! Required marker) and leaves out descriptions, which only add noise to a diff.

use serde_json::{Map, Value};

use crate::parse::{ParsedDoc, Row, Table};

/// The `apiref inspect` output for these docs: a JSON array, one object per doc.
pub fn inspect_json(docs: &[ParsedDoc]) -> Value {
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
    use crate::parse::parse_doc;
    use serde_json::json;

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
        inspect_json(&[doc])
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
    }
}
