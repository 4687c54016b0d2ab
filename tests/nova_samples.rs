//! Every Update Server request and reply that Nova's own api_samples hold, for
//! every microversion, decodes into the generated types and serializes back to
//! the same JSON value. Needs `APIREF_NOVA_SAMPLES` (set by `scripts/test`).

mod common;

use std::path::{Path, PathBuf};

use common::compute::update_server;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn samples(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.join("servers")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("read samples folder")
            .flatten()
        {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                folders.push(path);
            } else if (name.starts_with("server-update-") || name.starts_with("server-put-"))
                && name.ends_with(".json")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn round_trip<T: DeserializeOwned + Serialize>(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read sample");
    let value: serde_json::Value = serde_json::from_str(&text).expect("sample is JSON");
    let typed: T = serde_path_to_error::deserialize(&value)
        .unwrap_or_else(|e| panic!("{}: {} at {}", path.display(), e.inner(), e.path()));
    let back = serde_json::to_value(&typed).expect("serialize");
    assert_eq!(back, value, "{} does not round-trip", path.display());
}

#[test]
#[ignore = "needs APIREF_NOVA_SAMPLES (scripts/test sets it from ../shared)"]
fn update_server_samples_round_trip() {
    let root = common::needs::dir("APIREF_NOVA_SAMPLES");
    let found = samples(&root);
    assert!(
        found.len() >= 14,
        "expected Nova's update samples, found {found:?}"
    );
    for path in &found {
        let name = path.file_name().unwrap().to_string_lossy();
        if name.ends_with("-req.json") {
            round_trip::<update_server::Request>(path);
        } else {
            round_trip::<update_server::Response>(path);
        }
    }
}

#[test]
#[ignore = "needs APIREF_NOVA_SAMPLES (scripts/test sets it from ../shared)"]
fn samples_fill_typed_fields_not_just_extra() {
    let root = common::needs::dir("APIREF_NOVA_SAMPLES");
    let text = std::fs::read_to_string(root.join("servers/v2.75/server-update-resp.json")).unwrap();
    let reply: update_server::Response = serde_json::from_str(&text).unwrap();
    let s = &reply.server;
    assert_eq!(s.os_ext_sts_power_state, Some(1));
    assert_eq!(s.os_ext_sts_task_state, Some(None));
    assert_eq!(s.locked, Some(false));
    assert_eq!(s.flavor.as_ref().and_then(|f| f.vcpus), Some(1));
    assert_eq!(
        s.security_groups.as_ref().map(|g| g[0].name.clone()),
        Some(Some("default".to_string()))
    );
    assert!(
        s.extra.keys().all(|k| k.starts_with("OS-EXT-SRV-ATTR:")),
        "fields the overlay should type: {:?}",
        s.extra.keys().collect::<Vec<_>>()
    );
}
