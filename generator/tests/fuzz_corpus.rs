//! No input makes the generator panic: real docs, broken in the ways docs break,
//! driven through the whole pipeline (read, model, names, emit, prettyplease) and
//! the linter.
//!
//! The docs are the seed spec (`mutated_seed_never_panics`, always) and the 164 docs
//! of the Compute API corpus (`mutated_corpus_docs_never_panic`, ignored unless
//! `APIREF_CORPUS` names it; scripts/test runs it then). Each case picks one and applies a few mutations: lines
//! deleted, duplicated or swapped, random bytes inserted, the file truncated, table
//! border characters changed, `|` turned into `+`, JSON braces dropped, random
//! Unicode written into a name cell. A panic fails the test (proptest shrinks it to
//! a small case). Every error must point at a line (≥ 1), and whatever generates
//! must be valid Rust.
//!
//! `APIREF_FUZZ_CASES` sets the number of cases (default 256, a few seconds).
//!
//! `APIREF_FUZZ_COMPILE=N` (with `--ignored`) runs `generated_samples_compile`:
//! the same mutations over the seed (and the corpus when `APIREF_CORPUS` is
//! set), `APIREF_FUZZ_CASES` cases, and the first N distinct outputs that
//! generate are written, one module each, into a scratch downstream crate that
//! depends on `apiref` (`target/downstream/fuzz_compile` at the workspace root), which `cargo check`
//! must accept: parsing is not enough, the code must type-check.

#[path = "../../tests/needs/mod.rs"]
mod needs;

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use apiref_generator::__stages::{
    Ctxt, Overlay, assign_endpoint_names, build_endpoint, emit, find_spec_files, format,
    lint_source, parse_doc_with_warnings, parse_overlay,
};
use apiref_generator::Diagnostic;
use proptest::prelude::*;
use proptest::sample::Index;

const SEED: &str = "spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst";

/// A doc to mutate, with the overlay that goes with it (the seed's).
struct Input {
    name: String,
    bytes: Vec<u8>,
    overlay: Option<Overlay>,
}

/// The seed spec, with its overlay.
fn seed() -> &'static [Input] {
    static SEED_INPUTS: OnceLock<Vec<Input>> = OnceLock::new();
    SEED_INPUTS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let seed = root.join(SEED);
        let overlay_name = SEED.replace(".rst", ".overlay.toml");
        let overlay_text = std::fs::read_to_string(root.join(&overlay_name))
            .unwrap_or_else(|e| panic!("{overlay_name}: {e}"));
        let overlay = match parse_overlay(&overlay_name, &overlay_text) {
            Ok(overlay) => overlay,
            Err(e) => panic!("the seed overlay does not parse:\n{e}"),
        };
        vec![Input {
            name: SEED.to_string(),
            bytes: std::fs::read(&seed).unwrap_or_else(|e| panic!("{SEED}: {e}")),
            overlay: Some(overlay),
        }]
    })
}

/// The corpus docs named by `APIREF_CORPUS` (panics without it).
fn corpus() -> &'static [Input] {
    static CORPUS_INPUTS: OnceLock<Vec<Input>> = OnceLock::new();
    CORPUS_INPUTS.get_or_init(|| {
        let dir = needs::dir("APIREF_CORPUS");
        find_spec_files(Path::new(""), &[dir.display().to_string()])
            .unwrap_or_else(|e| panic!("APIREF_CORPUS: {e}"))
            .into_iter()
            .map(|file| Input {
                name: file.path.display().to_string(),
                bytes: std::fs::read(&file.path)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.path.display())),
                overlay: None,
            })
            .collect()
    })
}

/// One way a doc gets broken.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    InsertBytes(Index, Vec<u8>),
    Truncate(Index),
    /// Replace one character of a table border line.
    FlipBorder(Index, Index, char),
    /// `|` to `+` on one table line.
    PipeToPlus(Index),
    /// Remove one `{`, `}`, `[` or `]`.
    DropBrace(Index),
    /// Overwrite the start of a table row's first cell, keeping its width.
    UnicodeInName(Index, String),
    /// Overwrite the start of a JSON key in an example.
    UnicodeInKey(Index, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (
            any::<Index>(),
            prop::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    prop::sample::select(b"+|-=*{}[]\":,\\\n\t ".to_vec())
                ],
                1..8
            )
        )
            .prop_map(|(at, bytes)| Mutation::InsertBytes(at, bytes)),
        any::<Index>().prop_map(Mutation::Truncate),
        (
            any::<Index>(),
            any::<Index>(),
            prop::sample::select(vec!['+', '-', '=', '|', ' ', '#', 'x', '\t', 'é'])
        )
            .prop_map(|(l, c, ch)| Mutation::FlipBorder(l, c, ch)),
        any::<Index>().prop_map(Mutation::PipeToPlus),
        any::<Index>().prop_map(Mutation::DropBrace),
        (any::<Index>(), "\\PC{1,6}").prop_map(|(l, s)| Mutation::UnicodeInName(l, s)),
        (any::<Index>(), "\\PC{1,6}").prop_map(|(l, s)| Mutation::UnicodeInKey(l, s)),
    ]
}

/// Applies mutations to a doc's bytes (line mutations on `\n`-split lines).
fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for m in mutations {
        match m {
            Mutation::InsertBytes(at, extra) => {
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, extra.iter().copied());
            }
            Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
            Mutation::DropBrace(at) => {
                let braces: Vec<usize> = positions(&bytes, |b| b"{}[]".contains(&b));
                if !braces.is_empty() {
                    bytes.remove(braces[at.index(braces.len())]);
                }
            }
            line_mutation => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                mutate_lines(&mut lines, line_mutation);
                bytes = lines.join(&b'\n');
            }
        }
    }
    bytes
}

fn mutate_lines(lines: &mut Vec<Vec<u8>>, m: &Mutation) {
    let n = lines.len();
    let table_lines = |starts: &[u8]| -> Vec<usize> {
        (0..n)
            .filter(|&i| lines[i].first().is_some_and(|b| starts.contains(b)))
            .collect()
    };
    match m {
        Mutation::DeleteLine(i) if n > 0 => {
            lines.remove(i.index(n));
        }
        Mutation::DuplicateLine(i) if n > 0 => {
            let i = i.index(n);
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        Mutation::SwapLines(a, b) if n > 0 => lines.swap(a.index(n), b.index(n)),
        Mutation::FlipBorder(l, c, ch) => {
            let borders = table_lines(b"+");
            if let Some(&i) = borders.get(l.index(borders.len().max(1))) {
                let mut text: Vec<char> = String::from_utf8_lossy(&lines[i]).chars().collect();
                if !text.is_empty() {
                    let at = c.index(text.len());
                    text[at] = *ch;
                    lines[i] = text.into_iter().collect::<String>().into_bytes();
                }
            }
        }
        Mutation::PipeToPlus(l) => {
            let rows = table_lines(b"|");
            if let Some(&i) = rows.get(l.index(rows.len().max(1))) {
                for b in &mut lines[i] {
                    if *b == b'|' {
                        *b = b'+';
                    }
                }
            }
        }
        Mutation::UnicodeInName(l, name) => {
            let rows = table_lines(b"|");
            if let Some(&i) = rows.get(l.index(rows.len().max(1))) {
                let text = String::from_utf8_lossy(&lines[i]).into_owned();
                let mut chars: Vec<char> = text.chars().collect();
                let cell_end = chars
                    .iter()
                    .skip(1)
                    .position(|&c| c == '|')
                    .map_or(0, |p| p + 1);
                // Same number of characters, so the table still lines up and the
                // name reaches the model.
                for (at, c) in (1..cell_end).zip(name.chars()) {
                    chars[at] = c;
                }
                lines[i] = chars.into_iter().collect::<String>().into_bytes();
            }
        }
        Mutation::UnicodeInKey(l, key) => {
            let keyed: Vec<usize> = (0..n)
                .filter(|&i| {
                    let t = String::from_utf8_lossy(&lines[i]).into_owned();
                    t.trim_start().starts_with('"') && t.contains("\":")
                })
                .collect();
            if let Some(&i) = keyed.get(l.index(keyed.len().max(1))) {
                let text = String::from_utf8_lossy(&lines[i]).into_owned();
                if let Some(open) = text.find('"') {
                    let escaped = serde_json::to_string(key).unwrap_or_default();
                    let inner = escaped.trim_matches('"');
                    let new = format!("{}\"{inner}{}", &text[..open], &text[open + 1..]);
                    lines[i] = new.into_bytes();
                }
            }
        }
        _ => {}
    }
}

fn positions(bytes: &[u8], want: impl Fn(u8) -> bool) -> Vec<usize> {
    (0..bytes.len()).filter(|&i| want(bytes[i])).collect()
}

fn assert_located(diags: &[Diagnostic], stage: &str) {
    for d in diags {
        assert!(
            d.line >= 1 && d.column >= 1,
            "{stage} diagnostic without a place: {d:?}"
        );
    }
}

/// The whole pipeline on one (mutated) doc; returns how far it got (an index of
/// `fuzz_one`'s `reached`: 0 read fails, 1 model fails, 2 generated).
fn run_pipeline(input: &Input, bytes: &[u8]) -> usize {
    generate_one(input, bytes).0
}

/// [`run_pipeline`], with the formatted source when it generated.
fn generate_one(input: &Input, bytes: &[u8]) -> (usize, Option<String>) {
    // The linter reads, models and checks examples on its own path.
    assert_located(
        &lint_source(&input.name, bytes, input.overlay.as_ref()),
        "lint",
    );
    let doc = match parse_doc_with_warnings(&input.name, bytes) {
        Ok((doc, warnings)) => {
            assert_located(&warnings, "parse warning");
            doc
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a failed parse must say why");
            assert_located(&errors.0, "parse");
            return (0, None);
        }
    };
    let cx = Ctxt::new();
    let endpoint = build_endpoint(&cx, &doc, input.overlay.as_ref());
    let found = cx.into_diagnostics();
    assert_located(&found, "model");
    let Some(endpoint) = endpoint else {
        assert!(
            found.iter().any(Diagnostic::is_error),
            "a failed model must say why"
        );
        return (1, None);
    };
    let mut endpoints = vec![endpoint];
    assign_endpoint_names(&mut endpoints);
    let cx = Ctxt::new();
    let code = emit(&cx, &endpoints);
    if let Err(errors) = cx.check() {
        panic!("{}: the emitter refused the model:\n{errors}", input.name);
    }
    match format(&code) {
        Ok(source) => (2, Some(source)),
        Err(e) => panic!("{}: generated invalid Rust: {e}", input.name),
    }
}

fn cases() -> u32 {
    std::env::var("APIREF_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// One case: mutate one of `inputs` and drive it through; `reached` counts where
/// cases stop, and the last case prints the tally.
fn fuzz_one(inputs: &[Input], reached: &[AtomicUsize; 3], which: Index, mutations: &[Mutation]) {
    let input = &inputs[which.index(inputs.len())];
    let bytes = mutate(&input.bytes, mutations);
    let stage = run_pipeline(input, &bytes);
    reached[stage].fetch_add(1, Ordering::Relaxed);
    let done: usize = reached.iter().map(|n| n.load(Ordering::Relaxed)).sum();
    if done == cases() as usize {
        let [read, model, generated] = reached.each_ref().map(|n| n.load(Ordering::Relaxed));
        println!(
            "{done} cases over {} docs: {read} stopped at a read error, {model} at a model error, {generated} generated",
            inputs.len()
        );
    }
}

/// Every doc unmutated must generate: the base line the mutations start from.
fn assert_all_generate(inputs: &[Input]) {
    for input in inputs {
        assert_eq!(
            run_pipeline(input, &input.bytes),
            2,
            "{} does not generate",
            input.name
        );
    }
}

/// How far the cases got, per test: [read fails, model fails, generated].
static SEED_REACHED: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];
static CORPUS_REACHED: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // Shrinking a whole-doc case is slow; keep it bounded.
        max_shrink_iters: 2048,
        // A failure becomes a named regression test in this file, not a seed file.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_seed_never_panics(
        which in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        fuzz_one(seed(), &SEED_REACHED, which, &mutations);
    }

    #[test]
    #[ignore = "needs APIREF_CORPUS (scripts/test sets it from ../shared)"]
    fn mutated_corpus_docs_never_panic(
        which in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        fuzz_one(corpus(), &CORPUS_REACHED, which, &mutations);
    }
}

#[test]
fn unmutated_seed_generates() {
    assert_all_generate(seed());
}

#[test]
#[ignore = "needs APIREF_CORPUS (scripts/test sets it from ../shared)"]
fn unmutated_corpus_docs_generate() {
    assert_all_generate(corpus());
}

#[test]
#[ignore = "needs APIREF_CORPUS (scripts/test sets it); APIREF_FUZZ_COMPILE=N checks N outputs, default 20"]
fn generated_samples_compile() {
    use std::collections::HashSet;
    use std::sync::Mutex;

    use proptest::test_runner::{Config, TestRunner};

    // scripts/test runs it with the corpus and 20 outputs; a longer run sets more.
    let wanted: usize = match needs::optional_var("APIREF_FUZZ_COMPILE") {
        Some(n) => n
            .parse()
            .unwrap_or_else(|e| panic!("APIREF_FUZZ_COMPILE must be a number: {e}")),
        None => 20,
    };
    assert!(wanted > 0, "APIREF_FUZZ_COMPILE must be at least 1");
    let mut inputs: Vec<&Input> = seed().iter().collect();
    inputs.extend(corpus().iter());
    // The outputs seen, and the (doc, source) pairs kept to compile.
    type Samples = (HashSet<String>, Vec<(String, String)>);
    let samples: Mutex<Samples> = Mutex::default();
    let reached: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (any::<Index>(), prop::collection::vec(mutation(), 1..4));
    let outcome = runner.run(&strategy, |(which, mutations)| {
        let input = inputs[which.index(inputs.len())];
        let bytes = mutate(&input.bytes, &mutations);
        let (stage, source) = generate_one(input, &bytes);
        reached[stage].fetch_add(1, Ordering::Relaxed);
        if let Some(source) = source {
            let mut samples = samples.lock().unwrap_or_else(|e| e.into_inner());
            let (seen, kept) = &mut *samples;
            if kept.len() < wanted && seen.insert(source.clone()) {
                kept.push((input.name.clone(), source));
            }
        }
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    let (_, kept) = samples.into_inner().unwrap_or_else(|e| e.into_inner());
    let [read, model, generated] = reached.each_ref().map(|n| n.load(Ordering::Relaxed));
    assert!(!kept.is_empty(), "no case generated: nothing to compile");

    // The scratch crate depends on the workspace's `apiref` by path and shares the
    // root tests' downstream target folder (tests/downstream), so `apiref` and its
    // dependencies are built once for both.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap_or_else(|e| panic!("workspace root: {e}"));
    let dir = root.join("target/downstream/fuzz_compile");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let write = |relative: &str, text: &str| {
        std::fs::write(dir.join(relative), text).unwrap_or_else(|e| panic!("{relative}: {e}"));
    };
    write(
        "Cargo.toml",
        &format!(
            "[package]\nname = \"fuzz_compile\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\napiref = {{ path = {:?} }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    );
    let mut lib = String::from("//! Outputs of mutated docs, one module each.\n\n");
    for (i, (name, source)) in kept.iter().enumerate() {
        lib.push_str(&format!(
            "/// From a mutation of `{name}`.\npub mod case_{i};\n"
        ));
        write(&format!("src/case_{i}.rs"), source);
    }
    write("src/lib.rs", &lib);
    let out = std::process::Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root.join("target/downstream/target"))
        // As the workspace's downstream crates build (tests/downstream), so their
        // dependencies are checked once.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap_or_else(|e| panic!("run cargo: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings = stderr.lines().filter(|l| l.contains(": warning:")).count();
    println!(
        "{} cases over {} docs: {read} stopped at a read error, {model} at a model error, \
         {generated} generated; {} distinct outputs compiled ({warnings} warning lines)",
        cases(),
        inputs.len(),
        kept.len()
    );
    assert!(
        out.status.success(),
        "cargo check rejected generated code (sources in {}):\n{stderr}",
        dir.display()
    );
}
