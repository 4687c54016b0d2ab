//! `apiref learn` end to end through the generator's door: a small reference of
//! our own, replies recorded as the runtime writes them, the entries proposed,
//! merged into the overlay, and the merged overlay learning nothing more.

use std::path::{Path, PathBuf};

use apiref_generator::Generator;
use apiref_generator::learn::{Entry, EntryKind, Reply, Setting, merge, read_replies, render};
use serde_json::{Value, json};

/// The reference's overlay: the service, `status` as an enum, `size` required.
const OVERLAY: &str = r#"# Corrections kept by hand; learn must keep this comment.
[reference]
path_prefix = "/v2.1"
service = "compute"

# The reference lists the statuses in prose only.
["things::get".response.fields."thing/status"]
type = "string"
enum = ["ACTIVE", "ERROR"]

# Replies hold fields only when they are there; this one always is, we think.
["things::get".response.fields."thing/size"]
required = true
"#;

/// A folder holding a one-operation reference, `GET /things/{thing_id}` (Show
/// Thing), whose reply has `id`, `status`, a required `size`, `swap`, and `cpu`
/// as an object, and the overlay above.
fn reference(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiref-learn-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("samples")).expect("folder");
    let write = |file: &str, text: &str| std::fs::write(dir.join(file), text).expect("write");
    write(
        "parameters.yaml",
        "thing_id:\n  description: The thing.\n  in: path\n  required: true\n  type: string\n\
         thing:\n  description: A thing.\n  in: body\n  required: true\n  type: object\n\
         id:\n  description: Its id.\n  in: body\n  required: true\n  type: string\n\
         status:\n  description: Its status.\n  in: body\n  required: false\n  type: string\n\
         size:\n  description: Its size.\n  in: body\n  required: true\n  type: integer\n\
         swap:\n  description: Its swap.\n  in: body\n  required: false\n  type: integer\n\
         cpu:\n  description: Its CPU.\n  in: body\n  required: false\n  type: object\n\
         links:\n  description: Links.\n  in: body\n  required: true\n  type: object\n",
    );
    write(
        "things.inc",
        "Show Thing\n==========\n\n.. rest_method:: GET /things/{thing_id}\n\n\
         Normal response codes: 200\n\n\
         Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - thing_id: thing_id\n\n\
         Response\n--------\n\n.. rest_parameters:: parameters.yaml\n\n\
         \x20 - thing: thing\n  - id: id\n  - status: status\n  - size: size\n  - swap: swap\n  - cpu: cpu\n\n\
         **Example Show Thing**\n\n.. literalinclude:: samples/thing-show-resp.json\n   :language: javascript\n\n\
         Create Thing\n============\n\n.. rest_method:: POST /things\n\n\
         Normal response codes: 201\n\n\
         Response\n--------\n\n.. rest_parameters:: parameters.yaml\n\n  - links: links\n\n\
         **Example Create Thing**\n\n.. literalinclude:: samples/thing-create-resp.json\n   :language: javascript\n",
    );
    write(
        "samples/thing-create-resp.json",
        r#"{"links": {"self": "http://x/things/t1"}}"#,
    );
    write(
        "samples/thing-show-resp.json",
        r#"{"thing": {"id": "t1", "status": "ACTIVE", "size": 1, "swap": 0, "cpu": {"arch": "x86"}}}"#,
    );
    write("things.api-ref.toml", OVERLAY);
    dir
}

fn generator(dir: &Path) -> Generator {
    Generator::new(dir).input(".").input("things.api-ref.toml")
}

/// A reply of `things::get` at microversion `2.minor`, as `read_replies` gives it.
fn reply(minor: u16, thing: Value) -> Reply {
    reply_of("things::get", minor, json!({"thing": thing}))
}

/// A reply of `operation` at microversion `2.minor`.
fn reply_of(operation: &str, minor: u16, body: Value) -> Reply {
    let line = json!({
        "operation": operation,
        "service": "compute",
        "method": "GET",
        "path": "/v2.1/things/{thing_id}",
        "microversion_asked": format!("2.{minor}"),
        "microversion": format!("2.{minor}"),
        "status": 200,
        "body": body,
    });
    apiref_generator::learn::parse_reply(&line.to_string()).expect("a recorded reply")
}

/// The replies a real service might give across microversions.
fn replies() -> Vec<Reply> {
    vec![
        reply(
            1,
            json!({"id": "t1", "status": "ACTIVE", "size": 1, "swap": "", "cpu": "{\"arch\": \"x86\"}", "color": "red"}),
        ),
        reply(
            28,
            json!({"id": "t2", "status": "BUILD", "size": null, "swap": "", "cpu": {"arch": "x86"}, "color": "blue"}),
        ),
        reply(
            89,
            json!({"id": "t4", "status": "ACTIVE", "size": 4, "swap": 0, "cpu": {"arch": "x86"}, "color": "red"}),
        ),
        reply(
            90,
            json!({"id": "t3", "status": "ACTIVE", "size": 3, "swap": 0, "cpu": {"arch": "arm"}, "color": null, "pinned": true}),
        ),
    ]
}

fn entry<'a>(entries: &'a [Entry], path: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.path == path)
        .unwrap_or_else(|| panic!("no entry for {path}: {entries:#?}"))
}

fn key<'a>(entry: &'a Entry, name: &str) -> Option<&'a Setting> {
    entry.keys.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
}

fn text(s: &str) -> Option<Setting> {
    Some(Setting::Text(s.to_owned()))
}

#[test]
fn each_contradiction_yields_its_entry() {
    let dir = reference("entries");
    let learnt = generator(&dir).learn(&replies()).expect("learns");
    assert_eq!((learnt.compared, learnt.operations), (4, 1));
    let entries = &learnt.entries;

    // A field the reference omits, typed from every value (one was null).
    let color = entry(entries, "thing/color");
    assert_eq!(color.kind, EntryKind::NewField);
    assert_eq!(key(color, "type").cloned(), text("string"));
    assert_eq!(key(color, "nullable"), Some(&Setting::Flag(true)));
    assert!(
        color.evidence.contains("things::get thing/color"),
        "{}",
        color.evidence
    );
    assert!(
        color.evidence.contains("4 replies at 2.1–2.90"),
        "{}",
        color.evidence
    );
    assert_eq!(key(color, "since"), None);
    // Seen from 2.90, and 2.89 came without it: since then.
    let pinned = entry(entries, "thing/pinned");
    assert_eq!(key(pinned, "type").cloned(), text("boolean"));
    assert_eq!(key(pinned, "since").cloned(), text("2.90"));

    // A required field sent as null.
    let size = entry(entries, "thing/size");
    assert_eq!(size.kind, EntryKind::Nullable);
    assert_eq!(key(size, "nullable"), Some(&Setting::Flag(true)));
    assert_eq!(key(size, "type"), None);

    // An enum value the overlay does not list.
    let status = entry(entries, "thing/status");
    assert_eq!(status.kind, EntryKind::Enum);
    let all = ["ACTIVE", "ERROR", "BUILD"].map(String::from).to_vec();
    assert_eq!(key(status, "enum"), Some(&Setting::List(all)));

    // Types that change at a microversion: "" before 2.89 then integers; a
    // string before 2.28 then an object.
    let swap = entry(entries, "thing/swap");
    assert_eq!(swap.kind, EntryKind::Type);
    assert_eq!(key(swap, "type").cloned(), text("or_empty<integer>"));
    let cpu = entry(entries, "thing/cpu");
    assert_eq!(key(cpu, "type").cloned(), text("json"));
    assert!(
        cpu.evidence
            .contains("string at 2.1 (1), object at 2.28–2.90 (3)"),
        "{}",
        cpu.evidence
    );

    // Nothing about what every reply matched.
    assert!(
        entries
            .iter()
            .all(|e| e.path != "thing/id" && e.path != "thing")
    );
    assert_eq!(entries.len(), 6, "{entries:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_range_needs_the_microversion_next_to_it() {
    let dir = reference("range");
    let thing = |minor: u16, extra: Value| {
        let mut thing = json!({"id": "t", "status": "ACTIVE", "size": 1, "swap": 0, "cpu": {}});
        if let (Some(map), Value::Object(more)) = (thing.as_object_mut(), extra) {
            map.extend(more);
        }
        reply(minor, thing)
    };
    let replies = [
        thing(1, json!({})),
        thing(97, json!({})),
        thing(98, json!({"zone": "a"})),
        thing(100, json!({"zone": "b", "hint": {}})),
    ];
    let learnt = generator(&dir).learn(&replies).expect("learns");
    let zone = entry(&learnt.entries, "thing/zone");
    assert_eq!(key(zone, "since").cloned(), text("2.98"));
    // First seen at 2.100, but nothing came at 2.99: no range.
    let hint = entry(&learnt.entries, "thing/hint");
    assert_eq!(key(hint, "since"), None);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_wrapper_is_replaced() {
    let dir = reference("wrapper");
    let created = |id: &str| reply_of("things::create", 1, json!({"thing": {"id": id}}));
    let learnt = generator(&dir)
        .learn(&[created("t1"), created("t2")])
        .expect("learns");
    let entries = &learnt.entries;
    let links = entry(entries, "links");
    assert_eq!(links.kind, EntryKind::Remove);
    assert_eq!(key(links, "remove"), Some(&Setting::Flag(true)));
    let thing = entry(entries, "thing");
    assert_eq!(key(thing, "type").cloned(), text("json"));
    assert_eq!(key(thing, "required"), Some(&Setting::Flag(true)));
    assert_eq!(entries.len(), 2, "{entries:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merged_entries_keep_the_overlay_and_leave_nothing_to_learn() {
    let dir = reference("merge");
    let learnt = generator(&dir).learn(&replies()).expect("learns");
    let patch = render(&learnt.entries);
    assert!(
        patch.contains(
            "[\"things::get\".response.fields.\"thing/swap\"]\ntype = \"or_empty<integer>\""
        ),
        "{patch}"
    );
    assert!(
        patch.contains("# apiref learn: things::get thing/swap: "),
        "{patch}"
    );

    let merged = merge(OVERLAY, &learnt.entries).expect("merges");
    assert!(
        merged.starts_with(OVERLAY.lines().next().unwrap_or_default()),
        "{merged}"
    );
    assert!(merged.contains("# The reference lists the statuses in prose only."));
    // The entry already there is updated in place, not written twice.
    assert_eq!(merged.matches("\"thing/status\"]").count(), 1, "{merged}");
    assert!(
        merged.contains("enum = [\"ACTIVE\", \"ERROR\", \"BUILD\"]"),
        "{merged}"
    );
    std::fs::write(dir.join("things.api-ref.toml"), &merged).expect("write");

    let again = generator(&dir)
        .learn(&replies())
        .expect("the merged overlay generates");
    assert!(again.entries.is_empty(), "{:#?}", again.entries);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_recording_folder_reads_every_file() {
    let dir = std::env::temp_dir().join(format!("apiref-learn-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    let line = r#"{"operation":"things::get","service":"compute","microversion":"2.1","status":200,"body":{}}"#;
    std::fs::write(dir.join("replies-1.jsonl"), format!("{line}\n{line}\n")).expect("write");
    std::fs::write(
        dir.join("replies-2.jsonl"),
        format!("{line}\nnot a reply\n"),
    )
    .expect("write");
    std::fs::write(dir.join("notes.txt"), "ignored").expect("write");
    let read = read_replies(&dir).expect("reads");
    assert_eq!((read.replies.len(), read.skipped), (3, 1));
    let _ = std::fs::remove_dir_all(&dir);
}
