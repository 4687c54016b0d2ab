// Forgetting a path parameter is a compile error, never an empty URL segment.
mod compute {
    apiref::generate!("$SOURCE_DIR/../../spec/compute");
}

use apiref::runtime::Client;

async fn rename(client: &Client, body: &compute::update_server::Request) {
    let _ = compute::update_server(client, "tenant", body).await;
}

fn main() {}
