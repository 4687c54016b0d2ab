//! Typed errors from the real Cinder: each status the suite can provoke, checked
//! to arrive as its own `Error` variant with Cinder's fault name, message and
//! request id.

use apiref::runtime::Client;
use block_storage_conformance::block_storage as api;
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::volumes::PREFIX;
use crate::{Run, Step, Versioned, text};

/// 400, 401, 403, 404 and 409 from the real Cinder.
pub async fn typed_errors(run: &Run) -> Step {
    // 400: a size that is not a number fails Cinder's JSON-schema validation.
    let r = run
        .send(
            "volumes::create",
            Member,
            "3.71",
            &[],
            json!({"volume": {"size": 0, "name": "conformance-bad"}}),
        )
        .await;
    run.ctx
        .expect_error("volumes::create of size 0", &r, 400, "badRequest");

    // 401: an unknown token, through a generated function directly.
    let client = Client::builder(&run.url).token("no-such-token").build()?;
    let r = api::volumes::list(&client, &run.project, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    run.ctx.expect_error(
        "volumes::list with an unknown token",
        &r,
        401,
        "Unauthorized",
    );

    // 403: a reader may not create a volume.
    let r = run
        .send(
            "volumes::create",
            Reader,
            "3.71",
            &[],
            json!({"volume": {"size": 1, "name": "conformance-by-reader"}}),
        )
        .await;
    run.ctx
        .expect_error("volumes::create as reader", &r, 403, "forbidden");

    // 404: a volume that does not exist.
    let r = run
        .get(
            "volumes::get",
            Member,
            "3.71",
            &["00000000-0000-0000-0000-000000000000"],
        )
        .await;
    run.ctx
        .expect_error("volumes::get of no volume", &r, 404, "itemNotFound");

    // 409: a second volume type of the same name.
    let body = json!({"volume_type": {"name": format!("{PREFIX}duplicate")}});
    let first = run
        .send("types::create", Admin, "3.71", &[], body.clone())
        .await?;
    let r = run.send("types::create", Admin, "3.71", &[], body).await;
    run.ctx
        .expect_error("types::create twice", &r, 409, "conflictingRequest");
    let id = text(&first, "/volume_type/id")?;
    run.get("types::delete", Admin, "3.71", &[&id]).await?;
    Ok(())
}
