//! Typed errors from the real Glance: each status the suite can provoke, checked
//! to arrive as its own `Error` variant with Glance's fault name (webob's title),
//! message and request id.

use apiref::runtime::{Client, Error};
use image_conformance::ctx::Role::{Member, Reader};
use image_conformance::image as api;
use serde_json::json;

use crate::images::create;
use crate::{Run, Step};

/// What a typed error must carry besides its status and variant.
struct Expected {
    status: u16,
    fault: &'static str,
    /// Glance's 401 comes from its auth filter, which answers before the
    /// request-id middleware runs: it has no request id.
    request_id: bool,
}

/// Checks that `result` failed as `expected`, with a message; records the check.
fn expect(
    run: &Run,
    name: &str,
    result: Result<serde_json::Value, Error>,
    expected: Expected,
    variant: fn(&Error) -> bool,
) {
    let Expected {
        status,
        fault,
        request_id,
    } = expected;
    let passed = match &result {
        Ok(_) => false,
        Err(e) => e.api_error().is_some_and(|a| {
            a.status == status
                && a.fault.as_deref() == Some(fault)
                && a.message.as_deref().is_some_and(|m| !m.is_empty())
                && (!request_id
                    || a.request_id
                        .as_deref()
                        .is_some_and(|id| id.starts_with("req-")))
                && variant(e)
        }),
    };
    let detail = match &result {
        Ok(reply) => format!("succeeded: {reply}"),
        Err(e) if passed => e.to_string(),
        Err(e) => format!("expected {status} {fault} with a message, got {e:?}"),
    };
    if passed {
        println!("typed error {name}: {detail}");
    }
    run.ctx
        .check(&format!("typed error {status} ({name})"), passed, detail);
}

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
    let bad = Expected {
        status: 400,
        fault: "Bad Request",
        request_id: true,
    };
    expect(run, "images::create with a negative min_ram", r, bad, |e| {
        matches!(e, Error::BadRequest(_))
    });

    // 401: no identity at all, through a generated function directly.
    let client = Client::builder(&run.url).build()?;
    let r = api::images::list(&client, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    let unauthorized = Expected {
        status: 401,
        fault: "Unauthorized",
        request_id: false,
    };
    expect(run, "images::list without a token", r, unauthorized, |e| {
        matches!(e, Error::Unauthorized(_))
    });

    // 403: a reader may not create an image.
    let r = run
        .send("images::create", Reader, &[], json!({"name": "by-reader"}))
        .await;
    let forbidden = Expected {
        status: 403,
        fault: "Forbidden",
        request_id: true,
    };
    expect(run, "images::create as reader", r, forbidden, |e| {
        matches!(e, Error::Forbidden(_))
    });

    // 404: an image that does not exist.
    let r = run
        .get(
            "images::get",
            Member,
            &["00000000-0000-0000-0000-000000000000"],
        )
        .await;
    let not_found = Expected {
        status: 404,
        fault: "Not Found",
        request_id: true,
    };
    expect(run, "images::get of no image", r, not_found, |e| {
        matches!(e, Error::NotFound(_))
    });

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
    let conflict = Expected {
        status: 409,
        fault: "Conflict",
        request_id: true,
    };
    expect(run, "images::create with a taken id", r, conflict, |e| {
        matches!(e, Error::Conflict(_))
    });
    run.get("images::delete", Member, &[&id]).await?;
    Ok(())
}
