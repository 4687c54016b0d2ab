//! What the integration tests share: the generated client for the shipped spec.

#![allow(dead_code)]

pub mod compute {
    apiref::generate!("spec/compute");
}

pub mod example;
#[path = "../needs/mod.rs"]
pub mod needs;
pub mod nova;

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
