//! Typed errors from the real Glance: each status the suite can provoke, checked
//! to arrive as its own `Error` variant with Glance's fault name (webob's title),
//! message and request id.

use apiref::runtime::Client;
use image_conformance::ctx::Role::{Member, Reader};
use image_conformance::image as api;
use serde_json::json;

use crate::images::create;
use crate::{Run, Step, Unversioned};

/// 400, 401, 403, 404 and 409 from the real Glance.
pub async fn typed_errors(run: &Run) -> Step {
    // 400: a negative `min_ram` fails the image schema.
    let r = run
        .send(
            "images::create",
            Member,
            &[],
            json!({"name": "x", "min_ram": -1}),
        )
        .await;
    run.ctx.expect_error(
        "images::create with a negative min_ram",
        &r,
        400,
        "Bad Request",
    );

    // 401: no identity at all, through a generated function directly.
    let client = Client::builder(&run.url).build()?;
    let r = api::images::list(&client, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    run.ctx
        .expect_error_without_id("images::list without a token", &r, 401, "Unauthorized");

    // 403: a reader may not create an image.
    let r = run
        .send("images::create", Reader, &[], json!({"name": "by-reader"}))
        .await;
    run.ctx
        .expect_error("images::create as reader", &r, 403, "Forbidden");

    // 404: an image that does not exist.
    let r = run
        .get(
            "images::get",
            Member,
            &["00000000-0000-0000-0000-000000000000"],
        )
        .await;
    run.ctx
        .expect_error("images::get of no image", &r, 404, "Not Found");

    // 409: a second image with the id of the first.
    let id = create(run, "duplicate").await?;
    let r = run
        .send(
            "images::create",
            Member,
            &[],
            json!({"id": id, "name": "conformance-duplicate", "tags": ["conformance"]}),
        )
        .await;
    run.ctx
        .expect_error("images::create with a taken id", &r, 409, "Conflict");
    run.get("images::delete", Member, &[&id]).await?;
    Ok(())
}
