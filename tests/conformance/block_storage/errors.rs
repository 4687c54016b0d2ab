//! Typed errors from the real Cinder: each status the suite can provoke, checked
//! to arrive as its own `Error` variant with Cinder's fault name, message and
//! request id.

use apiref::runtime::Client;
use block_storage_conformance::block_storage as api;
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::Body::{Empty, Send};
use crate::types::VOLUME_TYPES;
use crate::volumes::named;
use crate::{Run, Step};

/// 400, 401, 403, 404 and 409 from the real Cinder.
pub async fn typed_errors(run: &Run) -> Step {
    // 401: an unknown token, through a generated function directly.
    let client = Client::builder(&run.url).token("no-such-token").build()?;
    let r = api::volumes::list(&client, &run.project, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    let unknown = "volumes::list with an unknown token";
    run.ctx.expect_error(unknown, &r, 401, "Unauthorized");

    // The rest through the program's calls, each named `op` and what it is.
    let duplicate = json!({"volume_type": named("duplicate", json!({}))});
    let first = VOLUME_TYPES.create(run, "duplicate", json!({})).await?;
    let size_0 = json!({"volume": {"size": 0, "name": "conformance-bad"}});
    let by_reader = json!({"volume": {"size": 1, "name": "conformance-by-reader"}});
    let none: &[&str] = &[];
    let no_volume: &[&str] = &["00000000-0000-0000-0000-000000000000"];
    #[rustfmt::skip]
    let cases = [
        // 400: a size that is not a number fails Cinder's JSON-schema validation.
        ("volumes::create", "of size 0", Member, none, Send(size_0), 400, "badRequest"),
        // 403: a reader may not create a volume.
        ("volumes::create", "as reader", Reader, none, Send(by_reader), 403, "forbidden"),
        // 404: a volume that does not exist.
        ("volumes::get", "of no volume", Member, no_volume, Empty, 404, "itemNotFound"),
        // 409: a second volume type of the same name.
        ("types::create", "twice", Admin, none, Send(duplicate), 409, "conflictingRequest"),
    ];
    for (op, what, role, args, body, status, fault) in cases {
        let r = run.request(op, role, "3.71", args, body).await;
        run.ctx
            .expect_error(&format!("{op} {what}"), &r, status, fault);
    }
    VOLUME_TYPES.delete(run, &first).await
}
