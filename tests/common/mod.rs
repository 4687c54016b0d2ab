//! What the integration tests share: the generated client for the shipped spec.

#![allow(dead_code)]

pub mod compute {
    apiref::generate!("spec/compute");
}

pub mod example;
pub mod nova;

/// A folder named by an environment variable that `.ci/run` sets: `None` (with a
/// printed notice) when unset, a panic when set but missing or empty.
pub fn shared_dir(var: &str) -> Option<std::path::PathBuf> {
    let Some(dir) = std::env::var_os(var) else {
        println!("skipping: {var} is not set");
        return None;
    };
    let dir = std::path::PathBuf::from(dir);
    let empty = std::fs::read_dir(&dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(true);
    assert!(!empty, "{var}={} is missing or empty", dir.display());
    Some(dir)
}

/// The smallest Update Server body: a new name.
pub fn rename_to(name: &str) -> compute::update_server::Request {
    compute::update_server::Request {
        server: compute::update_server::RequestServer {
            name: Some(name.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    }
}
