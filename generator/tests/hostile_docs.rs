//! Docs and overlays written as an attacker would: each is refused at its line
//! and column with the limit it broke, or generated into code that compiles.
//! A user points the generator at references they did not write, so a huge,
//! deep or malformed file must cost a diagnostic, never a hang or a panic.

use apiref_generator::__stages::{
    Ctxt, assign_endpoint_names, build_endpoint, emit, format, parse_doc, parse_overlay,
};
use apiref_generator::{Diagnostic, Diagnostics};

#[path = "support/grid_doc.rs"]
mod grid_doc;

use grid_doc::table;

/// A doc: `GET path`, a 200, and a response table and example.
fn doc(path: &str, response: &[(String, String, String)], example: Option<&str>) -> String {
    let mut text = format!(
        "==========\nShow Thing -  OpenStack Compute API v2.1\n==========\n\n\
         .. code-block:: javascript\n\n    GET {path}\n\nShows a thing.\n\n"
    );
    text.push_str(&table(
        "possible response codes for this operation",
        ["Response Code", "Name", "Description"],
        &[("200", "", "")],
    ));
    text.push_str("Response\n^^^^^^^^\n\n");
    text.push_str(&table(
        "body parameters for the response",
        ["Name", "Type", "Description"],
        response,
    ));
    if let Some(json) = example {
        text.push_str(&grid_doc::example("Show Thing: JSON response", json));
    }
    text
}

fn row(name: &str, ty: &str) -> (String, String, String) {
    (name.to_string(), ty.to_string(), format!("The {name}."))
}

fn errors(d: &Diagnostics) -> Vec<&Diagnostic> {
    d.0.iter().collect()
}

/// The formatted source of a doc (with an overlay), or every problem found.
fn generate(text: &str, overlay: Option<&str>) -> Result<String, Diagnostics> {
    let parsed = parse_doc("t.rst", text.as_bytes())?;
    let overlay = overlay
        .map(|o| parse_overlay("t.overlay.toml", o))
        .transpose()?;
    let cx = Ctxt::new();
    let endpoint = build_endpoint(&cx, &parsed, overlay.as_ref());
    cx.check()?;
    let mut endpoints: Vec<_> = endpoint.into_iter().collect();
    assign_endpoint_names(&mut endpoints);
    let cx = Ctxt::new();
    let code = emit(&cx, &endpoints);
    cx.check()?;
    format(&code).map_err(|e| panic!("format: {e}"))
}

#[test]
fn dot_segments_and_broken_paths_are_refused_at_their_column() {
    let rows = [row("id", "string")];
    // Line 7 is `    GET <path>`; the path starts at column 9.
    for (path, column, says) in [
        (
            "/v2.1/{tenant_id}/../os-hypervisors",
            9 + 18,
            "`..` segment",
        ),
        ("/v2.1/servers#x", 9 + 13, "`#` is not allowed"),
        ("/v2.1\\servers", 9 + 5, "`\\\\` is not allowed"),
        ("/v2.1/{tenant_id/servers", 9 + 6, "unclosed `{`"),
        ("/v2.1/{a%b}", 9 + 6, "is not a name"),
    ] {
        let err = parse_doc("t.rst", doc(path, &rows, None).as_bytes()).expect_err(path);
        let e = errors(&err)[0];
        assert_eq!((e.line, e.column), (7, column), "{path}: {err}");
        assert!(e.message.contains(says), "{path}: {err}");
        assert!(e.message.contains("`{name}` placeholders"), "{path}: {err}");
    }
}

#[test]
fn a_long_row_name_is_refused_at_its_row() {
    let long = "a".repeat(1 << 20);
    let text = doc(
        "/v2.1/things",
        &[row("id", "string"), row(&long, "string")],
        None,
    );
    let err = parse_doc("t.rst", text.as_bytes()).expect_err("a 1 MB name");
    let e = errors(&err)[0];
    let line = text
        .lines()
        .position(|l| l.starts_with("|aaaa"))
        .map(|i| i + 1);
    assert_eq!(Some(e.line), line, "{err}");
    assert!(
        e.message.contains("at most 128"),
        "{}",
        &e.message[..200.min(e.message.len())]
    );
}

#[test]
fn a_deep_example_is_refused_at_its_line() {
    let json = format!("{}1{}", "{\"a\": ".repeat(70), "}".repeat(70));
    let text = doc("/v2.1/things", &[row("a", "object")], Some(&json));
    let err = parse_doc("t.rst", text.as_bytes()).expect_err("70 levels");
    let e = errors(&err)[0];
    let line = text
        .lines()
        .position(|l| l.contains("{\"a\""))
        .map(|i| i + 1);
    assert_eq!(Some(e.line), line, "{err}");
    assert!(e.message.contains("deeper than 32 levels"), "{err}");
}

#[test]
fn a_flat_table_past_the_field_limit_is_refused_at_the_first_row_past_it() {
    let rows: Vec<_> = (0..1500).map(|i| row(&format!("f{i}"), "string")).collect();
    let text = doc("/v2.1/things", &rows, None);
    let err = generate(&text, None).expect_err("1500 fields");
    assert_eq!(err.0.len(), 1, "one error per object: {err}");
    let e = errors(&err)[0];
    let line = text
        .lines()
        .position(|l| l.starts_with("|f1000|"))
        .map(|i| i + 1);
    assert_eq!(Some(e.line), line, "{err}");
    assert!(e.message.contains("at most 1000 fields"), "{err}");

    let rows: Vec<_> = (0..1000).map(|i| row(&format!("f{i}"), "string")).collect();
    let source = generate(&doc("/v2.1/things", &rows, None), None).expect("1000 fields");
    assert!(source.contains("pub f999:"), "the last field is generated");
}

#[test]
fn an_enum_value_named_self_generates_valid_rust() {
    let text = doc(
        "/v2.1/things",
        &[row("kind", "string")],
        Some("{\"kind\": \"Self\"}"),
    );
    let overlay = "[response.fields.kind]\nenum = [\"Self\", \"self\"]\n";
    let source = generate(&text, Some(overlay)).expect("generates");
    assert!(source.contains("Self_,"), "{source}");
    assert!(source.contains("Self__2,"), "{source}");
}

#[test]
fn row_names_repeated_across_many_blocks_find_their_own_rows() {
    // 50 objects of the same 20 field names: each field must take the row of
    // its own block (its description names the block), not the first one.
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for g in 0..50 {
        rows.push(row(&format!("g{g}"), "object"));
        let mut fields = Vec::new();
        for f in 0..20 {
            rows.push((
                format!("x{f}"),
                "string".into(),
                format!("Field {f} of g{g}."),
            ));
            fields.push(format!("\"x{f}\": \"v\""));
        }
        json.push(format!("\"g{g}\": {{{}}}", fields.join(", ")));
    }
    let text = doc(
        "/v2.1/things",
        &rows,
        Some(&format!("{{{}}}", json.join(", "))),
    );
    let source = generate(&text, None).expect("generates");
    assert!(source.contains("Field 19 of g49."), "last block's own row");
    assert!(source.contains("Field 0 of g0."), "first block's own row");
}

#[test]
fn a_long_title_is_refused_at_its_line() {
    let text = doc("/v2.1/things", &[row("id", "string")], None)
        .replace("Show Thing -", &format!("{} -", "Show ".repeat(100_000)));
    let err = parse_doc("t.rst", text.as_bytes()).expect_err("a 500 kB title");
    let e = errors(&err)[0];
    assert_eq!((e.line, e.column), (2, 1), "{}", e.message);
    assert!(e.message.contains("at most 256"), "{}", e.message);
}
