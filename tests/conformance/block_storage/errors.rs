//! Typed errors from the real Cinder: each status the suite can provoke, checked
//! to arrive as its own `Error` variant with Cinder's fault name, message and
//! request id.

use apiref::runtime::{Client, Error};
use block_storage_conformance::block_storage as api;
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::volumes::PREFIX;
use crate::{Run, Step, text};

/// Checks that `result` failed as `status` `fault`, with a message and a
/// request id; records the check.
fn expect(
    run: &Run,
    name: &str,
    result: Result<serde_json::Value, Error>,
    (status, fault): (u16, &str),
    variant: fn(&Error) -> bool,
) {
    let passed = match &result {
        Ok(_) => false,
        Err(e) => e.api_error().is_some_and(|a| {
            a.status == status
                && a.fault.as_deref() == Some(fault)
                && a.message.as_deref().is_some_and(|m| !m.is_empty())
                && a.request_id
                    .as_deref()
                    .is_some_and(|id| id.starts_with("req-"))
                && variant(e)
        }),
    };
    let detail = match &result {
        Ok(reply) => format!("succeeded: {reply}"),
        Err(e) if passed => e.to_string(),
        Err(e) => format!("expected {status} {fault} with message and request id, got {e:?}"),
    };
    if passed {
        println!("typed error {name}: {detail}");
    }
    run.ctx
        .check(&format!("typed error {status} ({name})"), passed, detail);
}

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
    expect(
        run,
        "volumes::create of size 0",
        r,
        (400, "badRequest"),
        |e| matches!(e, Error::BadRequest(_)),
    );

    // 401: an unknown token, through a generated function directly.
    let client = Client::builder(&run.url).token("no-such-token").build()?;
    let r = api::volumes::list(&client, &run.project, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    expect(
        run,
        "volumes::list with an unknown token",
        r,
        (401, "Unauthorized"),
        |e| matches!(e, Error::Unauthorized(_)),
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
    expect(
        run,
        "volumes::create as reader",
        r,
        (403, "forbidden"),
        |e| matches!(e, Error::Forbidden(_)),
    );

    // 404: a volume that does not exist.
    let r = run
        .get(
            "volumes::get",
            Member,
            "3.71",
            &["00000000-0000-0000-0000-000000000000"],
        )
        .await;
    expect(
        run,
        "volumes::get of no volume",
        r,
        (404, "itemNotFound"),
        |e| matches!(e, Error::NotFound(_)),
    );

    // 409: a second volume type of the same name.
    let body = json!({"volume_type": {"name": format!("{PREFIX}duplicate")}});
    let first = run
        .send("types::create", Admin, "3.71", &[], body.clone())
        .await?;
    let r = run.send("types::create", Admin, "3.71", &[], body).await;
    expect(
        run,
        "types::create twice",
        r,
        (409, "conflictingRequest"),
        |e| matches!(e, Error::Conflict(_)),
    );
    let id = text(&first, "/volume_type/id")?;
    run.get("types::delete", Admin, "3.71", &[&id]).await?;
    Ok(())
}
