//! The generator's speed over the Compute API corpus, stage by stage.
//!
//! Docs come from `APIREF_CORPUS` (164 docs); without it, the seed spec alone (with a
//! notice). The bytes are read once, before timing, so each measurement is the
//! generator's own work: read the RST, build the model (with names), emit code,
//! format with prettyplease. Each function adds one stage to the one before, so the
//! cost of a stage is the difference between two lines of the report.
//!
//! `cargo bench -p apiref-generator --bench corpus` (scripts/bench-generator runs it).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use apiref_generator::__stages::{
    Ctxt, Overlay, ParsedDoc, assign_endpoint_names, build_endpoint, emit, format, parse_doc,
    parse_overlay,
};
use apiref_generator::Endpoint;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEED: &str = "spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst";

struct Doc {
    name: String,
    bytes: Vec<u8>,
    overlay: Option<Overlay>,
}

fn docs() -> Vec<Doc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let Some(dir) = std::env::var_os("APIREF_CORPUS") else {
        eprintln!("notice: APIREF_CORPUS is not set; benchmarking the seed doc alone");
        let overlay_name = SEED.replace(".rst", ".overlay.toml");
        let overlay = std::fs::read_to_string(root.join(&overlay_name))
            .ok()
            .and_then(|text| parse_overlay(&overlay_name, &text).ok());
        let bytes = std::fs::read(root.join(SEED)).unwrap_or_else(|e| panic!("{SEED}: {e}"));
        return vec![Doc {
            name: SEED.into(),
            bytes,
            overlay,
        }];
    };
    let dir = PathBuf::from(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("APIREF_CORPUS={}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rst"))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "APIREF_CORPUS={}: no .rst docs",
        dir.display()
    );
    paths
        .into_iter()
        .map(|path| Doc {
            name: path.display().to_string(),
            bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            overlay: None,
        })
        .collect()
}

fn parse(docs: &[Doc]) -> Vec<ParsedDoc> {
    docs.iter()
        .map(|d| parse_doc(&d.name, &d.bytes).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn model(docs: &[Doc], parsed: &[ParsedDoc]) -> Vec<Endpoint> {
    let cx = Ctxt::new();
    let mut endpoints: Vec<Endpoint> = docs
        .iter()
        .zip(parsed)
        .filter_map(|(d, p)| build_endpoint(&cx, p, d.overlay.as_ref()))
        .collect();
    if let Err(e) = cx.check() {
        panic!("{e}");
    }
    assign_endpoint_names(&mut endpoints);
    endpoints
}

fn code(docs: &[Doc]) -> String {
    let cx = Ctxt::new();
    let code = emit(&cx, &model(docs, &parse(docs)));
    if let Err(e) = cx.check() {
        panic!("{e}");
    }
    code
}

fn stages(c: &mut Criterion) {
    let docs = docs();
    let mut group = c.benchmark_group(format!("corpus_{}_docs", docs.len()));
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.sample_size(20);
    group.bench_function("parse", |b| b.iter(|| parse(black_box(&docs))));
    group.bench_function("parse+model", |b| {
        b.iter(|| model(black_box(&docs), &parse(black_box(&docs))))
    });
    group.bench_function("parse+model+emit", |b| b.iter(|| code(black_box(&docs))));
    group.bench_function("parse+model+emit+prettyplease", |b| {
        b.iter(|| format(&code(black_box(&docs))).unwrap_or_else(|e| panic!("{e}")))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
