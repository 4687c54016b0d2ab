// A field of the wrong type does not compile.
mod compute {
    apiref::generate!("../../../../spec/compute");
}

fn main() {
    let _ = compute::update_server::RequestServer {
        name: Some(42),
        ..Default::default()
    };
}
