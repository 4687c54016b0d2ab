use super::*;

/// The parameters and the warnings' places and messages.
fn read(text: &str) -> (Parameters, Vec<(usize, usize, String)>) {
    let (params, warnings) = parse_parameters("p.yaml", text).expect("readable");
    let warnings = warnings
        .into_iter()
        .map(|w| {
            assert!(!w.is_error(), "{w}");
            assert_eq!(w.file.as_deref(), Some("p.yaml"));
            (w.line, w.column, w.message)
        })
        .collect();
    (params, warnings)
}

const SAMPLE: &str = "\
# a comment
server_id:
  description: |
    The UUID of the server.

    Second paragraph.
  in: path
  required: true
  type: string
OS-EXT-AZ:availability_zone:
  description: The availability zone.
  in: body
  required: false
  type: string
  min_version: 2.16
cores: &cores
  description: |
    Cores.
  in: body
  required: true
  type: integer
cores_optional:
  <<: *cores
  required: false
";

#[test]
fn reads_entries_with_locations_merges_and_block_scalars() {
    let (params, warnings) = read(SAMPLE);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(params.len(), 4);
    let server = params.get("server_id").unwrap();
    assert_eq!(server.line, 2);
    assert_eq!(&*server.file, "p.yaml");
    assert_eq!(server.location, Some(In::Path));
    assert!(server.required);
    assert_eq!(
        server.description,
        "The UUID of the server.\n\nSecond paragraph."
    );
    let az = params.get("OS-EXT-AZ:availability_zone").unwrap();
    assert_eq!(
        az.min_version.map(|v| v.to_string()).as_deref(),
        Some("2.16")
    );
    assert_eq!(az.description, "The availability zone.");
    let optional = params.get("cores_optional").unwrap();
    assert!(!optional.required);
    assert_eq!(optional.ty, "integer");
    assert_eq!(optional.description, "Cores.");
    assert_eq!(optional.line, 22);
}

#[test]
fn any_indentation_comments_after_keys_and_null_versions() {
    let text = "\
limit:  # a comment after the key
    description: Page size.  # and after a value
    in: query
    required: false
    type: integer
    min_version: null
    max_version: ~
marker:
      in: 'query'
      required: False
      type: \"string\"
      format: uuid
";
    let (params, warnings) = read(text);
    assert!(warnings.is_empty(), "{warnings:?}");
    let limit = params.get("limit").unwrap();
    assert_eq!(limit.description, "Page size.");
    assert_eq!(limit.location, Some(In::Query));
    assert_eq!((limit.min_version, limit.max_version), (None, None));
    let marker = params.get("marker").unwrap();
    assert_eq!(marker.line, 8);
    assert_eq!(marker.location, Some(In::Query));
    assert_eq!(marker.ty, "string");
    assert_eq!(marker.format.as_deref(), Some("uuid"));
}

#[test]
fn merges_of_one_or_several_anchors_keep_what_the_entry_writes() {
    let text = "\
base: &base
  in: body
  required: true
  type: string
  description: Base.
versioned: &versioned
  min_version: 2.5
  description: Versioned.
  type: integer
one:
  <<: *base
  required: false
both:
  <<: [*versioned, *base]
  description: Both.
";
    let (params, warnings) = read(text);
    assert!(warnings.is_empty(), "{warnings:?}");
    let one = params.get("one").unwrap();
    assert_eq!(
        (one.location, one.required, one.ty.as_str()),
        (Some(In::Body), false, "string")
    );
    let both = params.get("both").unwrap();
    // The entry's own key wins, then the first merged map, then the next.
    assert_eq!(both.description, "Both.");
    assert_eq!(both.ty, "integer");
    assert_eq!(both.location, Some(In::Body));
    assert!(both.required);
    assert_eq!(
        both.min_version.map(|v| v.to_string()).as_deref(),
        Some("2.5")
    );
}

#[test]
fn literal_and_folded_block_scalars() {
    let text = "\
literal:
  in: body
  description: |
    First line.
      Indented line.

    Second paragraph.
folded:
  in: body
  description: >
    One
    sentence.

    Next.
";
    let (params, _) = read(text);
    assert_eq!(
        params.get("literal").unwrap().description,
        "First line.\n  Indented line.\n\nSecond paragraph."
    );
    assert_eq!(
        params.get("folded").unwrap().description,
        "One sentence.\nNext."
    );
}

#[test]
fn a_duplicate_parameter_keeps_the_last_with_a_warning() {
    let text = "a:\n  in: body\n  type: string\nb:\n  in: body\na:\n  in: query\n  type: integer\n";
    let (params, warnings) = read(text);
    let a = params.get("a").unwrap();
    assert_eq!(
        (a.location, a.ty.as_str(), a.line),
        (Some(In::Query), "integer", 6)
    );
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].0, warnings[0].1), (6, 1));
    assert!(
        warnings[0]
            .2
            .contains("`a` is defined again (first at line 1)"),
        "{}",
        warnings[0].2
    );
}

#[test]
fn misspelt_keys_are_warnings_that_say_what_was_meant() {
    let text = "\
a:
  in: body
  requered: true
b:
  in: body
  require: true
c:
  in: body
  requried: true
d:
  in: body
  descripition: About d.
e:
  in: body
  default: 3
f:
  in: body
  required: false
  require: true
";
    let (params, warnings) = read(text);
    for key in ["a", "b", "c"] {
        assert!(params.get(key).unwrap().required, "{key}");
    }
    assert_eq!(params.get("d").unwrap().description, "About d.");
    assert!(!params.get("f").unwrap().required);
    let places: Vec<_> = warnings.iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(places, [(3, 3), (6, 3), (9, 3), (12, 3), (15, 3), (19, 3)]);
    for (warning, (key, meant)) in warnings.iter().zip([
        ("requered", "(probably `required`)"),
        ("require", "(probably `required`)"),
        ("requried", "(probably `required`)"),
        ("descripition", "(probably `description`)"),
    ]) {
        assert!(
            warning.2.starts_with(&format!(
                "unknown key `{key}` {meant}: expected in, required"
            )),
            "{}",
            warning.2
        );
        assert!(warning.2.ends_with("read as `required`") || key == "descripition");
    }
    assert_eq!(
        warnings[4].2,
        "unknown key `default`: expected in, required, type, description, min_version, \
         max_version or format; it is ignored"
    );
    assert!(
        warnings[5].2.contains("which `f` also gives"),
        "{}",
        warnings[5].2
    );
    assert!(
        warnings[5].2.ends_with("it is ignored"),
        "{}",
        warnings[5].2
    );
}

#[test]
fn required_that_is_no_boolean_is_read_as_meant() {
    let text = "\
a:
  in: body
  required: ture
b:
  in: body
  required: yes
c:
  in: body
  required: flase
d:
  in: body
  required: 'maybe'
e:
  in: body
";
    let (params, warnings) = read(text);
    let required: Vec<_> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|k| params.get(k).unwrap().required)
        .collect();
    assert_eq!(required, [true, true, false, true, false]);
    let places: Vec<_> = warnings.iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(places, [(3, 13), (9, 13), (12, 13)]);
    assert_eq!(
        warnings[0].2,
        "`required: ture` (probably `true`): expected true or false; read as true"
    );
    assert!(warnings[2].2.ends_with("read as true"), "{}", warnings[2].2);
}

#[test]
fn a_bad_microversion_or_in_is_a_warning_and_reads_as_none() {
    let text = "\
a:
  in: bodyy
  min_version: two
b:
  type: string
";
    let (params, warnings) = read(text);
    let a = params.get("a").unwrap();
    assert_eq!((a.location, a.min_version), (None, None));
    // No `in:` at all says nothing here: the operations that use it say where
    // they place it.
    assert_eq!(params.get("b").unwrap().location, None);
    let places: Vec<_> = warnings.iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(places, [(2, 7), (3, 16)]);
    assert!(
        warnings[0]
            .2
            .starts_with("`in: bodyy` (probably `body`): expected header, path, query or body"),
        "{}",
        warnings[0].2
    );
    assert_eq!(
        warnings[1].2,
        "`min_version: two` is not a microversion like 2.19; read as none"
    );
}

#[test]
fn an_entry_that_is_no_map_is_left_out_with_a_warning() {
    let (params, warnings) = read("a: 5\nb:\n  in: body\n");
    assert!(params.get("a").is_none());
    assert!(params.get("b").is_some());
    assert_eq!((warnings[0].0, warnings[0].1), (1, 4));
    assert!(
        warnings[0].2.contains("found text; it is left out"),
        "{}",
        warnings[0].2
    );
}

#[test]
fn text_that_is_not_yaml_or_not_a_map_is_an_error() {
    let err = parse_parameters("p.yaml", "a:\n  in: body\n  description: \"open\n").unwrap_err();
    assert_eq!(err.0.len(), 1);
    assert_eq!(err.0[0].file.as_deref(), Some("p.yaml"));
    assert_eq!((err.0[0].line, err.0[0].column), (3, 16), "{}", err.0[0]);
    assert!(err.0[0].message.starts_with("not YAML: "), "{}", err.0[0]);
    let err = parse_parameters("p.yaml", "a:\n\tin: body\n").unwrap_err();
    assert_eq!(err.0[0].line, 2, "{}", err.0[0]);
    let err = parse_parameters("p.yaml", "- a\n- b\n").unwrap_err();
    assert_eq!((err.0[0].line, err.0[0].column), (1, 1));
    assert!(
        err.0[0].message.contains("found a list at the top"),
        "{}",
        err.0[0]
    );
    let err = parse_parameters("p.yaml", "a:\n  in: body\n  <<: *nope\n").unwrap_err();
    assert_eq!((err.0[0].line, err.0[0].column), (3, 7));
}

#[test]
fn a_byte_order_mark_tabs_in_text_and_crlf_line_ends_are_read() {
    let (p, w) = read("\u{feff}a:\r\n  in: body\r\n  description: |\r\n    x\r\n    y\r\n");
    assert!(w.is_empty());
    let a = p.get("a").unwrap();
    assert_eq!(
        (a.line, a.location, a.description.as_str()),
        (1, Some(In::Body), "x\ny")
    );
    let (p, _) = read("a:\n  in: body\n  description: |\n    x\ty\n  required: true");
    assert_eq!(p.get("a").unwrap().description, "x\ty");
}
