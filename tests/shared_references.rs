//! The five more references OpenStack publishes, as their projects publish them
//! (`APIREF_REFERENCES` = the folder holding `cinder/`, `glance/`, `neutron-lib/`,
//! `placement/` and `manila/`, set by `scripts/test`): each generates with no
//! overlay, compiles in a real downstream crate with warnings denied, and every
//! JSON sample it includes decodes into its operation's type with nothing left
//! for `extra`, and serializes back to the same JSON.

mod downstream;
mod needs;
mod reference_common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use apiref_generator::Generator;

/// One reference folder: where it is under `APIREF_REFERENCES`, the crate and
/// module its client is generated into, and how many operations Sphinx shows.
struct Folder {
    dir: &'static str,
    krate: &'static str,
    operations: usize,
}

fn folder_path(folder: &Folder) -> PathBuf {
    let path = needs::dir("APIREF_REFERENCES").join(folder.dir);
    path.canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The warnings generation gives, by kind, as the report prints them.
fn warnings_by_kind(dir: &std::path::Path) -> BTreeMap<String, usize> {
    let generator = Generator::new("/").input(dir.to_str().expect("utf-8 path"));
    let (_, warnings) = generator.endpoints().unwrap_or_else(|e| panic!("{e}"));
    let mut counts = BTreeMap::new();
    for w in warnings {
        *counts.entry(w.kind.label().to_string()).or_default() += 1;
    }
    counts
}

fn check(folder: Folder) {
    let dir = folder_path(&folder);
    let counts = reference_common::generate_compile_and_round_trip(folder.krate, &dir, None, "api");
    println!("{}: {counts}", folder.dir);
    println!("{}: warnings {:?}", folder.dir, warnings_by_kind(&dir));
    assert_eq!(counts.operations, folder.operations, "{counts}");
    assert_eq!(counts.decoded, counts.present, "{counts}");
    assert_eq!(counts.exact, counts.present, "{counts}");
    assert!(
        counts.with_extra.is_empty(),
        "samples with keys no typed field holds:\n{}",
        counts.with_extra.join("\n")
    );
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn block_storage_v3() {
    check(Folder {
        dir: "cinder/api-ref/source/v3",
        krate: "cinder_v3_reference",
        operations: 198,
    });
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn block_storage_v2() {
    check(Folder {
        dir: "cinder/api-ref/source/v2",
        krate: "cinder_v2_reference",
        operations: 103,
    });
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn image_v2() {
    check(Folder {
        dir: "glance/api-ref/source/v2",
        krate: "glance_v2_reference",
        operations: 77,
    });
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn image_versions() {
    check(Folder {
        dir: "glance/api-ref/source/versions",
        krate: "glance_versions_reference",
        operations: 2,
    });
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn network_v2() {
    check(Folder {
        dir: "neutron-lib/api-ref/source/v2",
        krate: "neutron_v2_reference",
        operations: 351,
    });
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn placement() {
    check(Folder {
        dir: "placement/api-ref/source",
        krate: "placement_reference",
        operations: 36,
    });
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn shared_file_system() {
    check(Folder {
        dir: "manila/api-ref/source",
        krate: "manila_reference",
        operations: 209,
    });
}
