//! Generation time against a doc's size: generated docs of 10k, 20k, 40k and
//! 80k response-table rows, each through the whole pipeline (read, model,
//! names, emit, prettyplease) and through the linter. Linear time shows as a
//! time that doubles with the rows; a pass that compared each row with the
//! others would grow about 4x per doubling, which a hostile or merely huge
//! reference would turn into a hang.
//!
//! The rows come in blocks of 100: an object row and 99 fields whose names
//! repeat in every block (`x0`..`x98`), with an example that nests them, so
//! every key must find its own block's row among 800 of the same name, and no
//! object passes the generator's 1000-field limit.
//!
//! `cargo bench -p apiref-generator --bench scaling`

use std::fmt::Write as _;
use std::hint::black_box;

use apiref_generator::__stages::{
    Ctxt, assign_endpoint_names, build_endpoint, emit, format, lint_source, parse_doc,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const BLOCK: usize = 100;

/// A doc with `rows` response rows in blocks of [`BLOCK`], and its example.
fn doc(rows: usize) -> String {
    let name_w = 8;
    let ty_w = 8;
    let desc_w = 24;
    let border = |c: char| {
        format!(
            "+{}+{}+{}+\n",
            c.to_string().repeat(name_w),
            c.to_string().repeat(ty_w),
            c.to_string().repeat(desc_w)
        )
    };
    let mut text = String::from(
        "==========\nShow Thing -  OpenStack Compute API v2.1\n==========\n\n\
         .. code-block:: javascript\n\n    GET /v2.1/things\n\nShows a thing.\n\n\
         This table shows the possible response codes for this operation:\n\n\
         +-------------+----+-----------+\n|Response Code|Name|Description|\n\
         +=============+====+===========+\n|200          |    |           |\n\
         +-------------+----+-----------+\n\n\
         Response\n^^^^^^^^\n\nThis table shows the body parameters for the response:\n\n",
    );
    text.push_str(&border('-'));
    let _ = writeln!(
        text,
        "|{:name_w$}|{:ty_w$}|{:desc_w$}|",
        "Name", "Type", "Description"
    );
    text.push_str(&border('='));
    let mut json = String::from("{");
    for g in 0..rows / BLOCK {
        let _ = writeln!(
            text,
            "|{:name_w$}|{:ty_w$}|{:desc_w$}|",
            format!("g{g}"),
            "object",
            format!("Block {g}.")
        );
        text.push_str(&border('-'));
        let _ = write!(json, "{}\n\"g{g}\": {{", if g == 0 { "" } else { "," });
        for f in 0..BLOCK - 1 {
            let _ = writeln!(
                text,
                "|{:name_w$}|{:ty_w$}|{:desc_w$}|",
                format!("x{f}"),
                "string",
                format!("Field {f} of {g}.")
            );
            text.push_str(&border('-'));
            let _ = write!(json, "{}\"x{f}\": \"v\"", if f == 0 { "" } else { ", " });
        }
        json.push('}');
    }
    json.push_str("\n}");
    text.push_str("\n**Example Show Thing: JSON response**\n\n.. code::\n\n");
    for line in json.lines() {
        let _ = writeln!(text, "    {line}");
    }
    text
}

fn generate(bytes: &[u8]) -> String {
    let parsed = parse_doc("t.rst", bytes).unwrap_or_else(|e| panic!("{e}"));
    let cx = Ctxt::new();
    let mut endpoints: Vec<_> = build_endpoint(&cx, &parsed, None).into_iter().collect();
    if let Err(e) = cx.check() {
        panic!("{e}");
    }
    assign_endpoint_names(&mut endpoints);
    let cx = Ctxt::new();
    let code = emit(&cx, &endpoints);
    if let Err(e) = cx.check() {
        panic!("{e}");
    }
    format(&code).unwrap_or_else(|e| panic!("{e}"))
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("rows");
    group.sample_size(10);
    for rows in [10_000, 20_000, 40_000, 80_000] {
        let bytes = doc(rows).into_bytes();
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("generate", rows), &bytes, |b, bytes| {
            b.iter(|| generate(black_box(bytes)))
        });
        group.bench_with_input(BenchmarkId::new("lint", rows), &bytes, |b, bytes| {
            b.iter(|| lint_source("t.rst", black_box(bytes), None))
        });
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
