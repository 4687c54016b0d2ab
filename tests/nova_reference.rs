//! Nova's current API reference (os-api-ref format, `APIREF_NOVA_REF` = its
//! `api-ref/source` folder, set by `scripts/test`): every operation generates, the
//! client compiles in a real downstream crate with warnings denied, and every
//! included sample that is present decodes into its operation's request or response
//! type and serializes back to the same JSON value.

mod downstream;
mod needs;
mod reference_common;

use reference_common::{SampleCounts, reference_dir, repo_file};

/// The corrections this repository keeps for Nova's reference.
const OVERLAY: &str = "spec/nova-reference/compute.api-ref.toml";

#[test]
#[ignore = "needs APIREF_NOVA_REF (scripts/test sets it)"]
fn the_compute_reference_generates_compiles_and_its_samples_round_trip() {
    let dir = reference_dir("APIREF_NOVA_REF");
    let counts = reference_common::generate_compile_and_round_trip(
        "nova_reference",
        &dir,
        Some(&repo_file(OVERLAY)),
        "compute",
    );
    println!("{counts}");
    assert_eq!(counts.operations, 251);
    assert!(counts.present > 300, "{counts}");
    assert_eq!(counts.decoded, counts.present, "{counts}");
    assert_eq!(counts.exact, counts.present, "{counts}");
    let SampleCounts { with_extra, .. } = &counts;
    assert!(
        with_extra.is_empty(),
        "samples with keys no typed field holds:\n{}",
        with_extra.join("\n")
    );
}

/// The fast half of the check above, on the model alone: every key of every
/// present sample is a typed field (nothing would land in `extra`).
#[test]
#[ignore = "needs APIREF_NOVA_REF (scripts/test sets it)"]
fn every_key_of_every_compute_sample_is_a_typed_field() {
    let dir = reference_dir("APIREF_NOVA_REF");
    let (counts, _) = reference_common::model_counts(&dir, Some(&repo_file(OVERLAY)));
    println!("{counts}");
    assert_eq!(counts.operations, 251);
    assert!(
        counts.with_extra.is_empty(),
        "{} samples with keys no typed field holds:\n{}",
        counts.with_extra.len(),
        counts.with_extra.join("\n")
    );
}

/// Without any overlay, the reference is compute's (its `conf.py` names
/// `openstack/nova`) and its unversioned paths go under compute's one prefix.
#[test]
#[ignore = "needs APIREF_NOVA_REF (scripts/test sets it)"]
fn without_an_overlay_the_reference_is_compute_under_v2_1() {
    let dir = reference_dir("APIREF_NOVA_REF");
    let (endpoints, _) = apiref_generator::Generator::new("/")
        .input(dir.to_str().expect("utf-8 path"))
        .endpoints()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(endpoints.len(), 251);
    for e in &endpoints {
        assert_eq!(e.service, "compute", "{}", e.name);
        assert!(e.path.starts_with("/v2.1/"), "{}: {}", e.name, e.path);
    }
}
