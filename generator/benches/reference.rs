//! The generator's speed over an os-api-ref reference, stage by stage: Nova's
//! (`APIREF_NOVA_REF`, its `api-ref/source`, 251 operations) with this
//! repository's overlay for it.
//!
//! Unlike the corpus bench, reading is a stage of its own here (the reference is
//! many files: `.inc`s, `parameters.yaml`, some 340 samples), so each line adds
//! one stage to the one before: read and parse, + model (names, overlay), + emit
//! code (what the macro does), + prettyplease (what the CLI adds). Run it in
//! the dev profile too: a proc macro runs unoptimised in a default debug build.
//!
//! `APIREF_NOVA_REF=… cargo bench -p apiref-generator --bench reference [--profile dev]`

use std::hint::black_box;
use std::path::Path;

use apiref_generator::__stages::{Ctxt, LoadedDoc, emit, format, resolve};
use apiref_generator::{Endpoint, Generator};
use criterion::{Criterion, criterion_group, criterion_main};

fn generator() -> Option<Generator> {
    let Some(reference) = std::env::var_os("APIREF_NOVA_REF") else {
        eprintln!("notice: APIREF_NOVA_REF is not set; nothing to benchmark");
        return None;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let overlay = root.join("spec/nova-reference/compute.api-ref.toml");
    Some(
        Generator::new(root)
            .input(reference.to_string_lossy())
            .input(overlay.to_string_lossy()),
    )
}

fn load(g: &Generator) -> Vec<LoadedDoc> {
    g.load().unwrap_or_else(|e| panic!("{e}"))
}

fn model(g: &Generator) -> Vec<Endpoint> {
    resolve(&load(g)).unwrap_or_else(|e| panic!("{e}")).0
}

fn code(g: &Generator) -> String {
    let cx = Ctxt::new();
    let code = emit(&cx, &model(g));
    if let Err(e) = cx.check() {
        panic!("{e}");
    }
    code
}

fn stages(c: &mut Criterion) {
    let Some(g) = generator() else { return };
    let mut group = c.benchmark_group("nova_reference");
    group.sample_size(10);
    group.bench_function("read", |b| b.iter(|| load(black_box(&g))));
    group.bench_function("read+model", |b| b.iter(|| model(black_box(&g))));
    group.bench_function("read+model+emit", |b| b.iter(|| code(black_box(&g))));
    group.bench_function("read+model+emit+prettyplease", |b| {
        b.iter(|| format(&code(black_box(&g))).unwrap_or_else(|e| panic!("{e}")))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
