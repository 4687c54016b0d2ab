//! Whole-doc tests: the seed spec read end to end, and malformed docs.

use super::*;
use crate::diagnostic::Severity;

const SEED: &str =
    include_str!("../../../spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst");
const SEED_NAME: &str = "spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst";

fn seed() -> ParsedDoc {
    match parse_doc(SEED_NAME, SEED.as_bytes()) {
        Ok(doc) => doc,
        Err(e) => panic!("seed does not parse:\n{e}"),
    }
}

fn names(doc: &ParsedDoc, kind: TableKind) -> Vec<String> {
    doc.params_of(kind).map(|p| p.name.clone()).collect()
}

fn param<'a>(doc: &'a ParsedDoc, kind: TableKind, name: &str) -> &'a ParamRow {
    match doc.params_of(kind).find(|p| p.name == name) {
        Some(p) => p,
        None => panic!("no {kind:?} row named {name}"),
    }
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match parse_doc("bad.rst", text.as_bytes()) {
        Ok(doc) => panic!("expected errors, got {doc:?}"),
        Err(Diagnostics(d)) => d,
    }
}

/// A small doc in the corpus layout, for breaking one piece at a time.
const MINI: &str = "\
==========
Show Thing -  OpenStack Compute API v2.1
==========

.. code-block:: javascript

    GET /v2.1/{tenant_id}/things/{thing_id}

Shows a thing.
Second line of the same paragraph.

Preconditions

This table shows the possible response codes for this operation:

+-------------+-------+-----------+
|Response Code|Name   |Description|
+=============+=======+===========+
|200          |       |           |
+-------------+-------+-----------+

Request
^^^^^^^

This table shows the URI parameters for the request:

+------------+----------+-----------+
|Name        |Type      |Description|
+============+==========+===========+
|{tenant_id} |csapi:UUID|Tenant.    |
+------------+----------+-----------+
|{thing_id}  |csapi:UUID|Thing.     |
+------------+----------+-----------+

Response
^^^^^^^^

**Example Show thing**

.. code::

    {\"thing\": {\"id\": 1}}

";

#[test]
fn seed_title_method_path_and_description() {
    let doc = seed();
    assert_eq!(doc.title, "Update Server");
    assert_eq!(
        (doc.method.as_str(), doc.path.as_str()),
        ("PUT", "/v2.1/{tenant_id}/servers/{server_id}")
    );
    assert_eq!(doc.method_line, 13);
    assert_eq!(
        doc.description,
        "Updates the editable attributes of a server.\n\nPreconditions\n\nThe server must exist.\n\n\
         You can edit the ``accessIPv4``, ``accessIPv6``, ``diskConfig`` and ``name`` attributes."
    );
}

#[test]
fn seed_tables_in_document_order() {
    let doc = seed();
    let kinds: Vec<_> = doc.tables.iter().map(|t| (t.kind, t.line)).collect();
    assert_eq!(
        kinds,
        [
            (TableKind::ResponseCodes, 28),
            (TableKind::Uri, 56),
            (TableKind::RequestBody, 71),
            (TableKind::ResponseBody, 401),
        ]
    );
}

#[test]
fn seed_response_codes_skip_the_duplicated_separator() {
    let doc = seed();
    let codes: Vec<_> = doc
        .tables_of(TableKind::ResponseCodes)
        .flat_map(Table::codes)
        .collect();
    let numbers: Vec<_> = codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        numbers,
        ["200", "503", "400", "401", "403", "405", "404", "409"]
    );
    assert_eq!(codes[0].name, "Update server name: JSON response");
    assert_eq!((codes[0].line, codes[1].line), (31, 35));
    assert!(codes.iter().skip(1).all(|c| c.name.is_empty()));
}

#[test]
fn seed_uri_parameters_keep_their_braces() {
    let doc = seed();
    let uri: Vec<_> = doc
        .params_of(TableKind::Uri)
        .map(|p| (p.name.as_str(), p.ty.as_str(), p.required))
        .collect();
    assert_eq!(
        uri,
        [
            ("{tenant_id}", "csapi:UUID", false),
            ("{server_id}", "csapi:UUID", false)
        ]
    );
    let tenant = param(&doc, TableKind::Uri, "{tenant_id}");
    assert_eq!(
        tenant.description,
        "The UUID of the tenant in a multi-tenancy cloud."
    );
    assert_eq!(tenant.line, 59);
}

#[test]
fn seed_request_body_rows() {
    let doc = seed();
    let names = names(&doc, TableKind::RequestBody);
    assert_eq!(names.len(), 24);
    assert_eq!(names.first().map(String::as_str), Some("security_groups"));
    assert_eq!(names.last().map(String::as_str), Some("OS-DCF:diskConfig"));
    assert_eq!(
        names.get(2).map(String::as_str),
        Some("os-availability-zone:availability_zone")
    );
    assert!(doc.params_of(TableKind::RequestBody).all(|p| p.required));

    let server = param(&doc, TableKind::RequestBody, "server");
    assert_eq!(
        (server.ty.as_str(), server.required),
        ("csapi:ServerForCreate", true)
    );
    let zone = param(
        &doc,
        TableKind::RequestBody,
        "os-availability-zone:availability_zone",
    );
    assert_eq!(zone.ty, "xsd:string");
    assert!(
        zone.description
            .starts_with("The availability zone from which to launch the server.")
    );
    assert_eq!(
        param(&doc, TableKind::RequestBody, "config_drive").ty,
        "xsd:boolean"
    );
}

#[test]
fn seed_response_body_rows() {
    let doc = seed();
    let names = names(&doc, TableKind::ResponseBody);
    assert_eq!(names.len(), 33);
    for wrapped in [
        "OS-EXT-AZ:availability_zone",
        "OS-EXT-SRV-ATTR:host",
        "OS-EXT-SRV-ATTR:hypervisor_hostname",
        "OS-EXT-SRV-ATTR:instance_name",
        "os-extended-volumes:volumes_attached",
    ] {
        assert!(names.iter().any(|n| n == wrapped), "missing {wrapped}");
    }
    // Names repeat at different depths of the flattened nesting.
    assert_eq!(names.iter().filter(|n| *n == "id").count(), 2);
    let volumes = param(
        &doc,
        TableKind::ResponseBody,
        "os-extended-volumes:volumes_attached",
    );
    assert_eq!(
        (volumes.ty.as_str(), volumes.required),
        ("csapi:dict", true)
    );
    let created = param(&doc, TableKind::ResponseBody, "created");
    assert_eq!(created.ty, "xsd:dateTime");
    // The `±` in this cell is two bytes but one column.
    assert!(
        created.description.contains("CCYY-MM-DDThh:mm:ss±hh:mm"),
        "{}",
        created.description
    );
}

#[test]
fn seed_examples() {
    let doc = seed();
    let requests: Vec<_> = doc.examples_of(ExampleKind::Request).collect();
    let titles: Vec<_> = requests.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Update server name",
            "Update server IP addresses",
            "Update server OS-DCF:diskConfig parameter"
        ]
    );
    assert!(requests.iter().all(|e| e.value.is_some()));
    assert_eq!(
        requests[2].value,
        Some(serde_json::json!({"server": {"OS-DCF:diskConfig": "AUTO"}}))
    );
    let responses: Vec<_> = doc.examples_of(ExampleKind::Response).collect();
    assert_eq!(responses.len(), 1);
    let value = responses[0].value.as_ref();
    assert_eq!(
        value.and_then(|v| v.pointer("/server/image/links/0/rel")),
        Some(&serde_json::json!("self"))
    );
}

#[test]
fn mini_doc_parses() {
    let doc = parse_doc("mini.rst", MINI.as_bytes()).unwrap();
    assert_eq!(doc.title, "Show Thing");
    assert_eq!(
        doc.description,
        "Shows a thing. Second line of the same paragraph.\n\nPreconditions"
    );
    assert_eq!(doc.tables.len(), 2);
    let example = &doc.examples[0];
    assert_eq!(
        (example.title.as_str(), example.kind),
        ("Show thing", ExampleKind::Response)
    );
    assert_eq!(example.value, Some(serde_json::json!({"thing": {"id": 1}})));
}

#[test]
fn crlf_doc_reads_like_lf() {
    let crlf = MINI.replace('\n', "\r\n");
    assert_eq!(
        parse_doc("mini.rst", crlf.as_bytes()),
        parse_doc("mini.rst", MINI.as_bytes())
    );
    let seed_crlf = SEED.replace('\n', "\r\n");
    assert_eq!(parse_doc(SEED_NAME, seed_crlf.as_bytes()), Ok(seed()));
}

#[test]
fn empty_file_has_no_method_line() {
    for text in ["", "\n\n", "   "] {
        let d = errors(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (1, 1));
        assert!(
            d[0].message.starts_with("no `METHOD /path` line found"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].file.as_deref(), Some("bad.rst"));
    }
}

#[test]
fn code_block_without_method_line() {
    let text = MINI.replace(
        "    GET /v2.1/{tenant_id}/things/{thing_id}",
        "Shows a thing.",
    );
    let d = errors(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].line, d[0].column), (7, 1));
    assert_eq!(
        d[0].message,
        "expected `METHOD /path` after `.. code-block:: javascript`, found `Shows a thing.`"
    );

    let d = errors(".. code-block:: javascript\n\n");
    assert_eq!((d[0].line, d[0].column), (1, 27));
}

#[test]
fn ragged_table_in_a_doc() {
    let text = MINI.replace(
        "|{thing_id}  |csapi:UUID|Thing.     |",
        "|{thing_id}  |csapi:UUID|Thing.    |",
    );
    let d = errors(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].line, d[0].column), (32, 37));
    assert!(
        d[0].message
            .starts_with("ragged table: expected `|` at column 37"),
        "{}",
        d[0].message
    );
}

#[test]
fn missing_column_in_a_doc() {
    let text = MINI
        .replace(
            "+------------+----------+-----------+",
            "+------------+----------+",
        )
        .replace(
            "+============+==========+===========+",
            "+============+==========+",
        )
        .replace(
            "|Name        |Type      |Description|",
            "|Name        |Type      |",
        )
        .replace(
            "|{tenant_id} |csapi:UUID|Tenant.    |",
            "|{tenant_id} |csapi:UUID|",
        )
        .replace(
            "|{thing_id}  |csapi:UUID|Thing.     |",
            "|{thing_id}  |csapi:UUID|",
        );
    let d = errors(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].line, d[0].column), (27, 1));
    assert!(
        d[0].message.starts_with("missing column `Description`"),
        "{}",
        d[0].message
    );
}

#[test]
fn unterminated_table_at_end_of_file() {
    let cut = MINI
        .find("+------------+----------+-----------+\n\nResponse")
        .unwrap();
    let text = MINI.get(..cut).unwrap();
    let d = errors(text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].line, 32);
    assert!(
        d[0].message.starts_with("unterminated table"),
        "{}",
        d[0].message
    );
}

#[test]
fn several_errors_are_collected_in_line_order() {
    let text = MINI
        .replace("    GET /v2.1", "    get /v2.1")
        .replace(
            "|{thing_id}  |csapi:UUID|Thing.     |",
            "|{thing_id}\t |csapi:UUID|Thing.     |",
        )
        .replace("{\"thing\": {\"id\": 1}}", "{\"thing\": }");
    let d = errors(&text);
    let places: Vec<_> = d.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places, [(7, 1), (32, 12), (42, 15)], "{d:?}");
}

#[test]
fn tabs_outside_tables_are_fine() {
    let text = MINI.replace("    GET /v2.1", "\tGET /v2.1");
    assert_eq!(parse_doc("t.rst", text.as_bytes()).unwrap().method, "GET");
}

#[test]
fn table_without_intro_and_unknown_intro() {
    let text = MINI.replace(
        "This table shows the URI parameters for the request:",
        "Here are some parameters:",
    );
    let d = errors(&text);
    assert_eq!((d[0].line, d[0].column), (27, 1));
    assert!(d[0].message.starts_with("table without an intro sentence"));

    let text = MINI.replace("the URI parameters", "the weather");
    let d = errors(&text);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].message.starts_with("unknown table intro"));
    assert!(d[1].message.starts_with("table without an intro sentence"));
}

#[test]
fn bad_utf8_in_a_doc() {
    let mut bytes = MINI.as_bytes().to_vec();
    let at = MINI.find("Shows a thing.").unwrap() + 6;
    bytes[at] = 0xFE;
    let d = errors_bytes(&bytes);
    assert_eq!((d[0].line, d[0].column), (9, 7));
    assert!(d[0].message.contains("not valid UTF-8"));
}

fn errors_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    match parse_doc("bad.rst", bytes) {
        Ok(doc) => panic!("expected errors, got {doc:?}"),
        Err(Diagnostics(d)) => d,
    }
}

#[test]
fn non_json_example_is_a_warning_not_an_error() {
    let text = MINI.replace("{\"thing\": {\"id\": 1}}", "HTTP/1.1 202 Accepted");
    let (doc, warnings) = parse_doc_with_warnings("w.rst", text.as_bytes()).unwrap();
    assert_eq!(doc.examples[0].value, None);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!((warnings[0].line, warnings[0].column), (42, 5));
    assert!(parse_doc("w.rst", text.as_bytes()).is_ok());
}

#[test]
fn every_line_prefix_of_the_seed_is_handled() {
    let mut ends: Vec<usize> = SEED.match_indices('\n').map(|(i, _)| i + 1).collect();
    ends.push(SEED.len());
    for end in ends {
        let prefix = SEED.get(..end).unwrap_or_default();
        let _ = parse_doc("prefix.rst", prefix.as_bytes());
        let _ = parse_doc("prefix.rst", prefix.replace('\n', "\r\n").as_bytes());
    }
}

#[test]
fn byte_truncations_and_corruptions_do_not_panic() {
    let bytes = SEED.as_bytes();
    // Every byte offset in the `±` region, where a cut can split a character.
    let around = SEED.find('±').unwrap_or(0);
    for end in around.saturating_sub(200)..(around + 200).min(bytes.len()) {
        let _ = parse_doc("cut.rst", bytes.get(..end).unwrap_or_default());
    }
    for end in (0..bytes.len()).step_by(97) {
        let _ = parse_doc("cut.rst", bytes.get(..end).unwrap_or_default());
    }
    // Deterministic pseudo-random byte flips and random inputs.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let mut copy = bytes.to_vec();
        for _ in 0..8 {
            let at = (next() as usize) % copy.len();
            copy[at] = (next() & 0xFF) as u8;
        }
        let _ = parse_doc("flip.rst", &copy);
        let random: Vec<u8> = (0..(next() % 2000))
            .map(|_| (next() & 0xFF) as u8)
            .collect();
        let _ = parse_doc("random.rst", &random);
    }
}

#[test]
fn very_long_lines_are_fine() {
    let long = "x".repeat(200_000);
    let text = MINI.replace("Shows a thing.", &long);
    assert!(
        parse_doc("long.rst", text.as_bytes())
            .unwrap()
            .description
            .starts_with(&long)
    );
    let d = errors(&format!("+{}+\n|{}\n", "-".repeat(100_000), "a".repeat(50)));
    assert!(!d.is_empty());
    // Fifty thousand columns: checking them must stay linear.
    let border = format!("{}+", "+-".repeat(50_000));
    let row = format!("{}|", "|x".repeat(50_000));
    let d = errors(&format!(
        "This table shows the URI parameters for the request:\n\n{border}\n{row}\n{border}\n"
    ));
    assert!(
        d.iter()
            .any(|d| d.message.starts_with("unexpected extra column")),
        "{d:?}"
    );
}

#[test]
fn an_unknown_method_is_refused_at_its_place() {
    let text = MINI.replacen("    GET /", "    COPY /", 1);
    assert_ne!(text, MINI, "the mini doc's method line moved");
    let d = errors(&text);
    let line = MINI
        .lines()
        .position(|l| l.starts_with("    GET /"))
        .unwrap()
        + 1;
    assert_eq!((d[0].line, d[0].column), (line, 5), "{d:?}");
    assert_eq!(
        d[0].message,
        "unknown HTTP method `COPY`: expected GET, POST, PUT, DELETE, PATCH or HEAD"
    );
}
