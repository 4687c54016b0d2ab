//! Typed errors from the real Nova: each documented status the suite can provoke,
//! checked to arrive as its own `Error` variant with Nova's fault name, message
//! and request id.

use apiref::runtime::{Client, Error};
use compute_conformance::compute as api;
use compute_conformance::ctx::Role::{Member, Reader};
use serde_json::json;

use crate::{Run, Step};

/// Checks that `result` failed as `expected` (by variant name, status and fault),
/// with a message and a request id; records the check.
fn expect(
    run: &Run,
    name: &str,
    result: Result<serde_json::Value, Error>,
    status: u16,
    fault: &str,
    variant: fn(&Error) -> bool,
) {
    let verdict = match &result {
        Ok(reply) => Err(format!("succeeded: {reply}")),
        Err(e) => {
            let api = e.api_error();
            let seen = api.map(|a| {
                (
                    a.status,
                    a.fault.clone(),
                    a.message.clone(),
                    a.request_id.clone(),
                )
            });
            match seen {
                Some((s, Some(f), Some(m), Some(id)))
                    if s == status
                        && f == fault
                        && variant(e)
                        && !m.is_empty()
                        && id.starts_with("req-") =>
                {
                    Ok(format!("{e}"))
                }
                _ => Err(format!(
                    "expected {status} {fault} with message and request id, got {e:?}"
                )),
            }
        }
    };
    match verdict {
        Ok(detail) => {
            println!("typed error {name}: {detail}");
            run.ctx
                .check(&format!("typed error {status} ({name})"), true, detail);
        }
        Err(detail) => run
            .ctx
            .check(&format!("typed error {status} ({name})"), false, detail),
    }
}

/// 400, 401, 403, 404, 409 and 410 from the real Nova.
pub async fn typed_errors(run: &Run, url: &str) -> Step {
    // 400: a name of spaces only fails Nova's JSON-schema validation.
    let r = run
        .send(
            "servers::update",
            Member,
            "2.1",
            &[&server(run)?],
            json!({"server": {"name": " lead"}}),
        )
        .await;
    expect(
        run,
        "servers::update with a bad name",
        r,
        400,
        "badRequest",
        |e| matches!(e, Error::BadRequest(_)),
    );

    // 401: an unknown token, through a generated function directly.
    let client = Client::builder(url).token("no-such-token").build()?;
    let r = api::keypairs::list(&client, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    expect(
        run,
        "keypairs::list with an unknown token",
        r,
        401,
        "Unauthorized",
        |e| matches!(e, Error::Unauthorized(_)),
    );

    // 403: a reader may not change a server.
    let r = run
        .send(
            "servers::update",
            Reader,
            "2.1",
            &[&server(run)?],
            json!({"server": {"name": "by-reader"}}),
        )
        .await;
    expect(run, "servers::update as reader", r, 403, "forbidden", |e| {
        matches!(e, Error::Forbidden(_))
    });

    // 404: a server that does not exist.
    let r = run
        .get(
            "servers::get",
            Member,
            "2.1",
            &["00000000-0000-0000-0000-000000000000"],
        )
        .await;
    expect(
        run,
        "servers::get of no server",
        r,
        404,
        "itemNotFound",
        |e| matches!(e, Error::NotFound(_)),
    );

    // 409: a second keypair of the same name.
    let name = format!("conformance-dup-{}", std::process::id());
    let body = json!({"keypair": {"name": name, "type": "ssh"}});
    run.send("keypairs::create", Member, "2.2", &[], body.clone())
        .await?;
    let r = run.send("keypairs::create", Member, "2.2", &[], body).await;
    expect(
        run,
        "keypairs::create twice",
        r,
        409,
        "conflictingRequest",
        |e| matches!(e, Error::Conflict(_)),
    );
    run.get("keypairs::delete", Member, "2.1", &[&name]).await?;

    // 410: a removed API, whose doc does not list 410.
    let r = run
        .get(
            "cloudpipe::get",
            compute_conformance::ctx::Role::Admin,
            "2.1",
            &[],
        )
        .await;
    expect(
        run,
        "cloudpipe::get (removed)",
        r,
        410,
        "computeFault",
        |e| matches!(e, Error::Gone(_)),
    );
    Ok(())
}

/// The harness's seed server.
fn server(_run: &Run) -> Step<String> {
    Ok(std::env::var("APIREF_NOVA_SERVER")?)
}
