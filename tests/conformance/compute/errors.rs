//! Typed errors from the real Nova: each documented status the suite can provoke,
//! checked to arrive as its own `Error` variant with Nova's fault name, message
//! and request id.

use apiref::runtime::Client;
use compute_conformance::compute as api;
use compute_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{Run, Step, Versioned};

/// 400, 401, 403, 404, 409 and 410 from the real Nova.
pub async fn typed_errors(run: &Run, url: &str) -> Step {
    // The harness's seed server, which the suites may rename.
    let seed = std::env::var("APIREF_NOVA_SERVER")?;
    let seed = [seed.as_str()];

    // 400: a name of spaces only fails Nova's JSON-schema validation.
    let name = json!({"server": {"name": " lead"}});
    let r = run
        .send("servers::update", Member, "2.1", &seed, name)
        .await;
    run.ctx
        .expect_error("servers::update with a bad name", &r, 400, "badRequest");

    // 401: an unknown token, through a generated function directly.
    let client = Client::builder(url).token("no-such-token").build()?;
    let r = api::keypairs::list(&client, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    let unknown = "keypairs::list with an unknown token";
    run.ctx.expect_error(unknown, &r, 401, "Unauthorized");

    // 403: a reader may not change a server.
    let name = json!({"server": {"name": "by-reader"}});
    let r = run
        .send("servers::update", Reader, "2.1", &seed, name)
        .await;
    run.ctx
        .expect_error("servers::update as reader", &r, 403, "forbidden");

    // 404: a server that does not exist.
    let none = ["00000000-0000-0000-0000-000000000000"];
    let r = run.get("servers::get", Member, "2.1", &none).await;
    run.ctx
        .expect_error("servers::get of no server", &r, 404, "itemNotFound");

    // 409: a second keypair of the same name.
    let name = format!("conformance-dup-{}", std::process::id());
    let body = json!({"keypair": {"name": name, "type": "ssh"}});
    run.send("keypairs::create", Member, "2.2", &[], body.clone())
        .await?;
    let r = run.send("keypairs::create", Member, "2.2", &[], body).await;
    run.ctx
        .expect_error("keypairs::create twice", &r, 409, "conflictingRequest");
    run.get("keypairs::delete", Member, "2.1", &[&name]).await?;

    // 410: a removed API, whose doc does not list 410.
    let r = run.get("cloudpipe::get", Admin, "2.1", &[]).await;
    run.ctx
        .expect_error("cloudpipe::get (removed)", &r, 410, "computeFault");
    Ok(())
}
