use super::*;

fn fixture(name: &str, files: &[(&str, &str)]) -> PathBuf {
    crate::test_folder::folder(&format!("os-api-ref-{name}"), files)
}

const PARAMETERS: &str = "\
server_id:
  description: |
    The server.
  in: path
  required: true
  type: string
server:
  description: A server.
  in: body
  required: true
  type: object
server_name:
  description: The name.
  in: body
  required: true
  type: string
flavor:
  description: The flavor.
  in: body
  required: true
  type: object
flavor_id:
  description: The flavor id.
  in: body
  required: true
  type: string
hostname:
  description: The hostname.
  in: body
  required: false
  type: string
  min_version: 2.90
limit:
  description: Page size.
  in: query
  required: false
  type: integer
";

const SERVERS: &str = "\
.. -*- rst -*-

=========
 Servers
=========

Show Server
===========

.. rest_method:: GET /servers/{server_id}

Shows a server.

Normal response codes: 200

Error response codes: unauthorized(401), itemNotFound(404)

Request
-------

.. rest_parameters:: parameters.yaml

  - server_id: server_id
  - limit: limit

Response
--------

.. rest_parameters:: parameters.yaml

  - server: server
  - name: server_name
  - flavor: flavor
  - flavor.id: flavor_id
  - hostname: hostname

**Example Show Server (v2.90)**

.. literalinclude:: samples/v2.90/show-resp.json
   :language: javascript

Update Server
=============

.. rest_method:: PUT /servers/{server_id}

Updates a server.

Normal response codes: 200

Request
-------

.. rest_parameters:: parameters.yaml

  - server_id: server_id
  - server: server
  - name: server_name

**Example Update Server**

.. literalinclude:: samples/update-req.json
   :language: javascript
";

#[test]
fn reads_several_operations_with_parameters_codes_and_samples() {
    let dir = fixture(
        "ops",
        &[
            ("parameters.yaml", PARAMETERS),
            ("servers.inc", SERVERS),
            (
                "samples/v2.90/show-resp.json",
                r#"{"server": {"name": "a", "flavor": {"id": "f"}, "hostname": "h"}}"#,
            ),
        ],
    );
    let mut cache = ReferenceCache::default();
    let reference =
        read_reference_file(&dir.join("servers.inc"), "ref/servers.inc", &mut cache).unwrap();
    let ops = &reference.operations;
    assert_eq!(ops.len(), 2);
    let show = &ops[0];
    assert_eq!(
        (
            show.title.as_str(),
            show.method.as_str(),
            show.path.as_str()
        ),
        ("Show Server", "GET", "/servers/{server_id}")
    );
    assert_eq!(show.description, "Shows a server.");
    let codes: Vec<_> = show.codes.iter().map(|c| (c.code, c.success)).collect();
    assert_eq!(codes, [(200, true), (401, false), (404, false)]);
    let params: Vec<_> = show
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.section, p.parameter.location))
        .collect();
    assert_eq!(
        params,
        [
            ("server_id", Section::Request, Some(In::Path)),
            ("limit", Section::Request, Some(In::Query)),
            ("server", Section::Response, Some(In::Body)),
            ("name", Section::Response, Some(In::Body)),
            ("flavor", Section::Response, Some(In::Body)),
            ("flavor.id", Section::Response, Some(In::Body)),
            ("hostname", Section::Response, Some(In::Body)),
        ]
    );
    assert_eq!(
        show.params[6]
            .parameter
            .min_version
            .map(|v| v.to_string())
            .as_deref(),
        Some("2.90")
    );
    assert_eq!(show.samples.len(), 1);
    assert_eq!(show.samples[0].microversion.as_deref(), Some("2.90"));
    assert_eq!(show.samples[0].kind, ExampleKind::Response);
    assert!(show.samples[0].value.is_some());

    // The update's sample is missing: a warning naming the include, not an error.
    let update = &ops[1];
    assert_eq!(update.samples[0].kind, ExampleKind::Request);
    assert!(update.samples[0].value.is_none());
    assert_eq!(reference.warnings.len(), 1);
    let w = &reference.warnings[0];
    let include_line = SERVERS
        .lines()
        .position(|l| l.contains("update-req.json"))
        .unwrap()
        + 1;
    assert_eq!(
        (w.file.as_deref().unwrap_or_default(), w.line, w.column),
        ("ref/servers.inc", include_line, 21)
    );
    assert!(
        w.message.contains("samples/update-req.json"),
        "{}",
        w.message
    );

    // The doc view keeps the rows by kind.
    let doc = show.to_parsed_doc();
    let kinds: Vec<_> = doc.tables.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TableKind::ResponseCodes,
            TableKind::Uri,
            TableKind::Query,
            TableKind::ResponseBody
        ]
    );
}

#[test]
fn an_unknown_key_is_an_error_at_its_column() {
    let text = SERVERS.replace(
        "  - name: server_name\n  - flavor:",
        "  - name: nope\n  - flavor:",
    );
    let dir = fixture(
        "unknown-key",
        &[("parameters.yaml", PARAMETERS), ("servers.inc", &text)],
    );
    let mut cache = ReferenceCache::default();
    let err = read_reference_file(&dir.join("servers.inc"), "servers.inc", &mut cache).unwrap_err();
    let errors: Vec<_> = err.0.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert_eq!((errors[0].line, errors[0].column), (32, 11));
    assert_eq!(
        errors[0].message,
        "`nope` is not defined in `parameters.yaml`"
    );
}

#[test]
fn a_parameters_file_that_is_not_yaml_is_an_error_in_that_file() {
    let dir = fixture(
        "bad-yaml",
        &[
            (
                "parameters.yaml",
                "server_id:\n  in: path\n  required: [true\n",
            ),
            ("servers.inc", SERVERS),
        ],
    );
    let mut cache = ReferenceCache::default();
    let err =
        read_reference_file(&dir.join("servers.inc"), "ref/servers.inc", &mut cache).unwrap_err();
    assert_eq!(err.0[0].file.as_deref(), Some("ref/parameters.yaml"));
    assert!(err.0[0].message.starts_with("not YAML: "), "{}", err.0[0]);
}

#[test]
fn a_parameters_files_warnings_are_reported_once() {
    // SERVERS names the file in three blocks; a second top-level file names it
    // again.
    let parameters = PARAMETERS.replace(
        "  required: true\n  type: string\nserver:",
        "  required: maybe\n  type: string\nserver:",
    );
    let dir = fixture(
        "yaml-warnings",
        &[
            ("parameters.yaml", &parameters),
            ("servers.inc", SERVERS),
            ("again.inc", SERVERS),
        ],
    );
    let mut cache = ReferenceCache::default();
    let mut warnings = Vec::new();
    for name in ["servers.inc", "again.inc"] {
        let reference =
            read_reference_file(&dir.join(name), &format!("ref/{name}"), &mut cache).unwrap();
        warnings.extend(reference.warnings);
    }
    let from_yaml: Vec<_> = warnings
        .iter()
        .filter(|w| w.file.as_deref() == Some("ref/parameters.yaml"))
        .collect();
    assert_eq!(from_yaml.len(), 1, "{warnings:?}");
    assert_eq!((from_yaml[0].line, from_yaml[0].column), (5, 13));
    assert!(
        from_yaml[0].message.contains("`required: maybe`"),
        "{}",
        from_yaml[0]
    );
}

#[test]
fn files_without_operations_are_not_errors() {
    let dir = fixture(
        "no-ops",
        &[("urls.inc", "=====\n URLs\n=====\n\nSome text.\n")],
    );
    let mut cache = ReferenceCache::default();
    let reference = read_reference_file(&dir.join("urls.inc"), "urls.inc", &mut cache).unwrap();
    assert!(reference.operations.is_empty());
}

#[test]
fn includes_are_followed_relative_to_the_file_or_the_top_document() {
    let dir = fixture(
        "include",
        &[
            ("parameters.yaml", PARAMETERS),
            ("top.inc", ".. include:: sub/part.inc\n"),
            (
                "sub/part.inc",
                "Delete Server\n=============\n\n.. rest_method:: DELETE /servers/{server_id}\n\n\
                 Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - server_id: server_id\n",
            ),
        ],
    );
    let mut cache = ReferenceCache::default();
    let reference = read_reference_file(&dir.join("top.inc"), "top.inc", &mut cache).unwrap();
    assert_eq!(reference.operations.len(), 1);
    assert_eq!(reference.operations[0].file, "sub/part.inc");
    assert_eq!(reference.operations[0].params.len(), 1);
}

#[test]
fn a_leading_slash_means_the_top_level_folder() {
    let dir = fixture(
        "slash",
        &[
            ("source/parameters.yaml", PARAMETERS),
            (
                "source/servers.inc",
                "Show Server\n===========\n\n.. rest_method:: GET /servers/{server_id}\n\n\
                 Response\n--------\n\n**Example Show Server**\n\n\
                 .. literalinclude:: /../samples/show-resp.json\n   :language: javascript\n",
            ),
            ("samples/show-resp.json", "{\"server\": {}}"),
        ],
    );
    let mut cache = ReferenceCache::default();
    let reference =
        read_reference_file(&dir.join("source/servers.inc"), "servers.inc", &mut cache).unwrap();
    assert!(reference.warnings.is_empty(), "{:?}", reference.warnings);
    let samples = &reference.operations[0].samples;
    assert_eq!(samples.len(), 1);
    assert!(
        samples[0].value.is_some(),
        "the sample is found from the top folder"
    );
}

/// `DELETE /things/{x}` titled `title`, with a request parameter.
fn delete_op(title: &str, path: &str) -> String {
    format!(
        "{title}\n{}\n\n.. rest_method:: DELETE {path}\n\n\
         Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - server_id: server_id\n",
        "=".repeat(title.len())
    )
}

#[test]
fn a_file_two_documents_include_gives_its_operations_once() {
    let dir = fixture(
        "once",
        &[
            ("parameters.yaml", PARAMETERS),
            (
                "index.rst",
                ".. include:: a.inc\n.. include:: b.inc\n.. include:: a.inc\n",
            ),
            ("other.rst", ".. include::\n   b.inc\n"),
            ("a.inc", &delete_op("Delete A", "/a/{server_id}")),
            ("b.inc", &delete_op("Delete B", "/b/{server_id}")),
        ],
    );
    let mut cache = ReferenceCache::default();
    let index = read_reference_file(&dir.join("index.rst"), "index.rst", &mut cache).unwrap();
    let paths: Vec<&str> = index.operations.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(paths, ["/a/{server_id}", "/b/{server_id}"]);
    assert!(cache.has_read(&dir.join("a.inc")));
    assert!(cache.has_read(&dir.join("./b.inc")));
    let other = read_reference_file(&dir.join("other.rst"), "other.rst", &mut cache).unwrap();
    assert!(other.operations.is_empty());
    assert!(other.warnings.is_empty(), "{:?}", other.warnings);
}

#[test]
fn an_operation_ends_with_its_file() {
    // What stands before the first `rest_method` of an included file, and what
    // the including document holds after the include, belongs to no operation.
    let dir = fixture(
        "boundary",
        &[
            ("parameters.yaml", PARAMETERS),
            (
                "index.rst",
                ".. include:: a.inc\n.. include:: b.inc\n\n.. rest_parameters:: parameters.yaml\n\n  - limit: limit\n",
            ),
            ("a.inc", &delete_op("Delete A", "/a/{server_id}")),
            (
                "b.inc",
                &format!(
                    ".. literalinclude:: samples/shared.json\n\n{}",
                    delete_op("Delete B", "/b/{server_id}")
                ),
            ),
            ("samples/shared.json", "{\"x\": 1}"),
        ],
    );
    let mut cache = ReferenceCache::default();
    let reference = read_reference_file(&dir.join("index.rst"), "index.rst", &mut cache).unwrap();
    let ops = &reference.operations;
    assert_eq!(ops.len(), 2);
    assert!(ops.iter().all(|o| o.samples.is_empty()), "{ops:?}");
    assert!(ops.iter().all(|o| o.params.len() == 1), "{ops:?}");
    let left_out: Vec<_> = reference
        .warnings
        .iter()
        .filter(|w| w.kind == DiagnosticKind::LeftOut)
        .map(|w| (w.file.as_deref().unwrap_or_default(), w.line, w.column))
        .collect();
    assert_eq!(left_out, [("b.inc", 1, 21), ("index.rst", 4, 1)]);
}

#[test]
fn a_title_starting_with_request_can_be_an_operations_title() {
    let dir = fixture(
        "request-title",
        &[
            ("parameters.yaml", PARAMETERS),
            ("index.rst", ".. include:: a.inc\n.. include:: b.inc\n"),
            ("a.inc", &delete_op("Delete A", "/a/{server_id}")),
            (
                "b.inc",
                &format!(
                    "{}\n{}",
                    delete_op("Request an unscoped token", "/b/{server_id}"),
                    delete_op("Request Image Pre-caching", "/c/{server_id}")
                ),
            ),
        ],
    );
    let mut cache = ReferenceCache::default();
    let reference = read_reference_file(&dir.join("index.rst"), "index.rst", &mut cache).unwrap();
    let titles: Vec<&str> = reference
        .operations
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Delete A",
            "Request an unscoped token",
            "Request Image Pre-caching"
        ]
    );
    // The `Request` under each is still the request section.
    let sections: Vec<Section> = reference
        .operations
        .iter()
        .flat_map(|o| o.params.iter().map(|p| p.section))
        .collect();
    assert_eq!(sections, [Section::Request; 3]);
    assert_eq!(
        super::section_title("response example (v3.65)"),
        Some(Section::Response)
    );
    assert_eq!(
        super::section_title("request parameters"),
        Some(Section::Request)
    );
}

#[test]
fn a_file_an_operation_includes_is_part_of_it() {
    let dir = fixture(
        "note",
        &[
            ("parameters.yaml", PARAMETERS),
            (
                "index.rst",
                &format!(
                    "{}\n.. include:: common/note.rst\n\n**Example**\n\n.. literalinclude:: samples/a.json\n",
                    delete_op("Delete A", "/a/{server_id}")
                ),
            ),
            ("common/note.rst", ".. note:: Read this.\n"),
            ("samples/a.json", "{\"x\": 1}"),
        ],
    );
    let mut cache = ReferenceCache::default();
    let reference = read_reference_file(&dir.join("index.rst"), "index.rst", &mut cache).unwrap();
    assert_eq!(reference.operations.len(), 1);
    assert_eq!(reference.operations[0].samples.len(), 1);
    assert!(reference.warnings.is_empty(), "{:?}", reference.warnings);
}

#[test]
fn description_keeps_paragraphs_and_list_items_apart() {
    let inc = "\
Delete Server
=============

.. rest_method:: DELETE /servers/{server_id}

Deletes a server.
Its ports are freed.

**Preconditions**

- The server exists.
- You own it.

Response Codes
--------------

.. rest_status_code:: success ../http-status.yaml

   - 204
";
    let dir = fixture(
        "paragraphs",
        &[("parameters.yaml", PARAMETERS), ("d.inc", inc)],
    );
    let mut cache = ReferenceCache::default();
    let reference = read_reference_file(&dir.join("d.inc"), "ref/d.inc", &mut cache).unwrap();
    assert_eq!(
        reference.operations[0].description,
        "Deletes a server. Its ports are freed.\n\n**Preconditions**\n\n- The server exists.\n- You own it."
    );
}
