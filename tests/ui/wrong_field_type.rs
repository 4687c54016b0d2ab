// A field of the wrong type does not compile.
mod compute {
    apiref::generate!("$SOURCE_DIR/../../spec/compute");
}

fn main() {
    let _ = compute::update_server::RequestServer {
        name: Some(42),
        ..Default::default()
    };
}
