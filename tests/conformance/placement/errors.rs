//! Placement's conventions, typed: its `{"errors": [{"status", "title",
//! "detail", "code", "request_id"}]}` arrives as the `Error` variant of its status
//! with the `code` as the fault (the `title` where the code is
//! `placement.undefined_code`), the `detail` as the message and the request id;
//! its `OpenStack-API-Version: placement X.Y` negotiated from the root document,
//! and a version it does not serve refused with a typed 406.

use apiref::runtime::{Client, Microversion, Version};
use placement_conformance::ctx::Role;
use placement_conformance::placement as api;
use serde_json::json;

use crate::providers::create;
use crate::{Run, Step};

/// 400, 401, 403, 404, 406 and 409 from the real Placement, and negotiation.
pub async fn typed_errors(run: &Run) -> Step {
    // 400: a `resources` filter that is not `CLASS:AMOUNT`.
    let r = run
        .query(
            "resource_providers::list",
            "1.4",
            &[],
            json!({"resources": "VCPU"}),
        )
        .await;
    run.ctx.expect_error(
        "resource_providers::list with a bad resources filter",
        &r,
        400,
        "Bad Request",
    );

    // 401: no token at all, through a generated function directly.
    let anonymous = Client::builder(&run.url).build()?;
    let r = api::resource_providers::list(&anonymous, &Default::default())
        .microversion(Microversion::Exact(Version::new(1, 39)))
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    run.ctx.expect_error(
        "resource_providers::list with no token",
        &r,
        401,
        "Unauthorized",
    );

    // 403: a reader of the project may not list providers.
    let r = run
        .read_as(Role::Reader, "resource_providers::list", "1.39", None)
        .await;
    run.ctx
        .expect_error("resource_providers::list as reader", &r, 403, "Forbidden");

    // 404: a provider that does not exist.
    let missing = run.uuid();
    let r = run
        .get("resource_providers::get", "1.39", &[&missing])
        .await;
    run.ctx.expect_error(
        "resource_providers::get of no provider",
        &r,
        404,
        "Not Found",
    );

    // 409: a second provider of the same name.
    let rp = create(run, "1.39", None).await?;
    let r = run
        .send(
            "resource_providers::create",
            "1.39",
            &[],
            json!({"name": format!("conformance-rp-{rp}")}),
        )
        .await;
    run.ctx.expect_error(
        "resource_providers::create with a name taken",
        &r,
        409,
        "placement.duplicate_name",
    );
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;

    // 406: a microversion above Placement's maximum; no operation documents it.
    let r = run.get("resource_providers::list", "1.40", &[]).await;
    run.ctx.expect_error(
        "resource_providers::list at 1.40",
        &r,
        406,
        "Not Acceptable",
    );

    negotiation(run).await
}

/// `Microversion::Negotiate` reads the root document and asks for the highest
/// version both sides know: 1.39 for a provider list.
async fn negotiation(run: &Run) -> Step {
    let admin = Client::builder(&run.url)
        .token("admin")
        .service(&api::SERVICE)
        .build()?;
    let range = admin.server_versions().await;
    let listed = api::resource_providers::list(&admin, &Default::default())
        .microversion(Microversion::Negotiate)
        .await?;
    let expected = Some(Version::new(1, 39));
    let passed = listed.microversion == expected
        && range
            .as_ref()
            .is_ok_and(|r| r.min == Version::new(1, 0) && r.max == Version::new(1, 39));
    let detail = format!(
        "server range {range:?}; resource_providers::list answered at {:?}",
        listed.microversion
    );
    println!("negotiation: {detail}");
    run.ctx.check(
        "microversion negotiated from the root document",
        passed,
        detail,
    );
    Ok(())
}
