//! Resource providers and what hangs on them: inventories, resource classes,
//! traits and aggregates, each at the microversions where its shape changes (1.0
//! plain providers, 1.14 nesting, 1.20 a body from create, 1.37 re-parenting;
//! aggregates as a list before 1.19 and with a generation from it).

use placement_conformance::ctx::{Role, microversion};
use placement_conformance::placement as api;
use serde_json::json;

use crate::{Run, Step, ensure, number};

/// The version document, with no microversion (it needs none, and no auth).
pub async fn versions(run: &Run) -> Step {
    let root = run.get("root::get", "", &[]).await?;
    let max = root["versions"][0]["max_version"].as_str().unwrap_or("");
    ensure(max == "1.39", format!("max_version {max}, expected 1.39"))
}

/// A provider made at `version` (1.20 on: the reply is the provider).
pub async fn create(run: &Run, version: &str, parent: Option<&str>) -> Step<String> {
    let uuid = run.uuid();
    run.send(
        "resource_providers::create",
        version,
        &[],
        rp_body(&uuid, parent),
    )
    .await?;
    Ok(uuid)
}

fn rp_body(uuid: &str, parent: Option<&str>) -> serde_json::Value {
    let mut body = json!({"name": format!("conformance-rp-{uuid}"), "uuid": uuid});
    if let Some(parent) = parent {
        body["parent_provider_uuid"] = json!(parent);
    }
    body
}

/// A provider made at `version` below 1.20, where Placement answers 201 with no
/// body: the generated `Response` (the 1.20 provider) has nothing to decode, so
/// the call goes by hand, with the generated request type, and is a check.
async fn create_without_body(run: &Run, version: &str, parent: Option<&str>) -> Step<String> {
    let uuid = run.uuid();
    let body: api::resource_providers::create::Request =
        serde_json::from_value(rp_body(&uuid, parent))?;
    let reply = run
        .ctx
        .client(Role::Admin)
        .call::<(), _, ()>(
            &api::resource_providers::create::OPERATION,
            &[],
            None,
            Some(&body),
            microversion(version),
        )
        .await?;
    let passed = reply.status == 201;
    run.ctx.check(
        &format!("resource_providers::create at {version}: 201, no body"),
        passed,
        format!("status {}", reply.status),
    );
    ensure(
        passed,
        format!("create at {version} answered {}", reply.status),
    )?;
    Ok(uuid)
}

/// The provider's generation, read at 1.14.
pub async fn generation(run: &Run, uuid: &str) -> Step<i64> {
    let rp = run.get("resource_providers::get", "1.14", &[uuid]).await?;
    number(&rp, "/generation")
}

/// Create (1.0, 1.14 nested, 1.20, 1.39), show, rename, re-parent (1.37), list
/// with every filter at the version it appears in, and delete.
pub async fn resource_providers(run: &Run) -> Step {
    let root = create_without_body(run, "1.0", None).await?;
    let child = create_without_body(run, "1.14", Some(&root)).await?;
    let third = create(run, "1.20", None).await?;
    let fourth = create(run, "1.39", Some(&root)).await?;
    for version in ["1.0", "1.11", "1.14", "1.39"] {
        run.get("resource_providers::get", version, &[&child])
            .await?;
    }

    let name = format!("conformance-renamed-{third}");
    run.send(
        "resource_providers::update",
        "1.0",
        &[&third],
        json!({"name": name}),
    )
    .await?;
    // 1.14 can give a parent to a root provider; 1.37 can change or drop it.
    run.send(
        "resource_providers::update",
        "1.14",
        &[&third],
        json!({"name": name, "parent_provider_uuid": root}),
    )
    .await?;
    let moved = run
        .send(
            "resource_providers::update",
            "1.37",
            &[&third],
            json!({"name": name, "parent_provider_uuid": null}),
        )
        .await?;
    ensure(
        moved["root_provider_uuid"] == json!(third),
        format!(
            "un-parented provider's root is {}",
            moved["root_provider_uuid"]
        ),
    )?;

    let list = |version: &'static str, query: serde_json::Value| async move {
        run.query("resource_providers::list", version, &[], query)
            .await
    };
    run.get("resource_providers::list", "1.0", &[]).await?;
    list("1.0", json!({"name": name})).await?;
    list("1.0", json!({"uuid": child})).await?;
    let tree = list("1.14", json!({"in_tree": child})).await?;
    let in_tree = tree["resource_providers"].as_array().map_or(0, Vec::len);
    ensure(
        in_tree == 3,
        format!("in_tree found {in_tree} providers, expected 3"),
    )?;
    run.get("resource_providers::list", "1.39", &[]).await?;

    for uuid in [&fourth, &child, &root, &third] {
        run.get("resource_providers::delete", "1.0", &[uuid])
            .await?;
    }
    Ok(())
}

/// The standard inventory of a small compute node.
fn compute_inventories() -> serde_json::Value {
    json!({
        "VCPU": {"total": 8, "allocation_ratio": 16.0, "max_unit": 8, "min_unit": 1,
                 "reserved": 0, "step_size": 1},
        "MEMORY_MB": {"total": 4096, "reserved": 512, "max_unit": 4096},
        "DISK_GB": {"total": 100}
    })
}

/// Replace all, show one, update one, delete one, delete all (1.5), and the
/// reserved-equals-total inventory 1.26 allows.
pub async fn inventories(run: &Run) -> Step {
    let rp = create(run, "1.20", None).await?;
    let generation = generation(run, &rp).await?;
    let put = run
        .send(
            "resource_providers::inventories::replace",
            "1.0",
            &[&rp],
            json!({"resource_provider_generation": generation,
                   "inventories": compute_inventories()}),
        )
        .await?;
    let generation = number(&put, "/resource_provider_generation")?;
    run.get("resource_providers::inventories::list", "1.0", &[&rp])
        .await?;
    run.get(
        "resource_providers::inventories::get",
        "1.0",
        &[&rp, "MEMORY_MB"],
    )
    .await?;
    let one = run
        .send(
            "resource_providers::inventories::update",
            "1.0",
            &[&rp, "DISK_GB"],
            json!({"resource_provider_generation": generation, "total": 200,
                   "reserved": 10, "step_size": 10, "min_unit": 10, "max_unit": 200,
                   "allocation_ratio": 1.5}),
        )
        .await?;
    let generation = number(&one, "/resource_provider_generation")?;
    run.send(
        "resource_providers::inventories::update",
        "1.26",
        &[&rp, "DISK_GB"],
        json!({"resource_provider_generation": generation, "total": 200, "reserved": 200}),
    )
    .await?;
    run.get(
        "resource_providers::inventories::delete",
        "1.0",
        &[&rp, "DISK_GB"],
    )
    .await?;
    run.get("resource_providers::inventories::delete_all", "1.5", &[&rp])
        .await?;
    let left = run
        .get("resource_providers::inventories::list", "1.39", &[&rp])
        .await?;
    ensure(
        left["inventories"] == json!({}),
        format!("inventories left after delete_all: {}", left["inventories"]),
    )?;
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;
    Ok(())
}

/// Custom resource classes: create (1.2), show, list, rename (1.2 - 1.6),
/// create-or-check by PUT (1.7: 201, then 204), delete.
pub async fn resource_classes(run: &Run) -> Step {
    run.get("resource_classes::list", "1.2", &[]).await?;
    let name = run.custom("RC");
    run.send(
        "resource_classes::create",
        "1.2",
        &[],
        json!({"name": name}),
    )
    .await?;
    run.get("resource_classes::get", "1.2", &[&name]).await?;
    let renamed = run.custom("RENAMED");
    run.send(
        "resource_classes::update",
        "1.6",
        &[&name],
        json!({"name": renamed}),
    )
    .await?;
    run.get("resource_classes::get", "1.39", &[&renamed])
        .await?;
    let put = run.custom("PUT");
    run.get("resource_classes::add", "1.7", &[&put]).await?;
    run.get("resource_classes::add", "1.39", &[&put]).await?;
    run.get("resource_classes::list", "1.39", &[]).await?;
    for name in [&renamed, &put] {
        run.get("resource_classes::delete", "1.2", &[name]).await?;
    }
    Ok(())
}

/// Custom traits (1.6): add (201, then 204), show, list with `name` and
/// `associated`, a provider's traits replaced, shown, deleted, and the trait
/// deleted; providers listed by `required` (1.18), forbidden traits (1.22) and
/// any-of traits (1.39).
pub async fn traits(run: &Run) -> Step {
    let trait_name = run.custom("TRAIT");
    run.get("traits::add", "1.6", &[&trait_name]).await?;
    run.get("traits::add", "1.6", &[&trait_name]).await?;
    run.get("traits::get", "1.6", &[&trait_name]).await?;
    run.query(
        "traits::list",
        "1.6",
        &[],
        json!({"name": "startswith:CUSTOM_"}),
    )
    .await?;

    let rp = create(run, "1.20", None).await?;
    let generation = generation(run, &rp).await?;
    run.send(
        "resource_providers::traits::replace",
        "1.6",
        &[&rp],
        json!({"resource_provider_generation": generation,
               "traits": [trait_name, "HW_CPU_X86_AVX2"]}),
    )
    .await?;
    run.get("resource_providers::traits::get", "1.6", &[&rp])
        .await?;
    run.query(
        "traits::list",
        "1.39",
        &[],
        json!({"name": format!("in:{trait_name},HW_CPU_X86_AVX2"), "associated": "true"}),
    )
    .await?;
    let found = run
        .query(
            "resource_providers::list",
            "1.18",
            &[],
            json!({"required": trait_name}),
        )
        .await?;
    ensure(
        found["resource_providers"][0]["uuid"] == json!(rp),
        format!(
            "required={trait_name} found {}",
            found["resource_providers"]
        ),
    )?;
    run.query(
        "resource_providers::list",
        "1.22",
        &[],
        json!({"required": format!("!{trait_name}")}),
    )
    .await?;
    run.query(
        "resource_providers::list",
        "1.39",
        &[],
        json!({"required": format!("in:{trait_name},HW_CPU_X86_SSE")}),
    )
    .await?;

    // A trait a provider has cannot go: 409.
    let in_use = run.get("traits::delete", "1.6", &[&trait_name]).await;
    ensure(
        in_use.as_ref().err().and_then(|e| e.status()) == Some(409),
        format!("deleting a trait in use: {in_use:?}"),
    )?;
    run.get("resource_providers::traits::delete", "1.6", &[&rp])
        .await?;
    run.get("traits::delete", "1.6", &[&trait_name]).await?;
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;
    Ok(())
}

/// A provider's aggregates as a plain list (1.1 - 1.18) and with the provider's
/// generation (1.19), and providers listed by `member_of` (1.3, with `in:`; 1.32
/// forbidden).
pub async fn aggregates(run: &Run) -> Step {
    let rp = create(run, "1.20", None).await?;
    let (first, second) = (run.uuid(), run.uuid());
    run.send(
        "resource_providers::aggregates::replace",
        "1.1",
        &[&rp],
        json!([first]),
    )
    .await?;
    run.get("resource_providers::aggregates::get", "1.1", &[&rp])
        .await?;
    let got = run
        .get("resource_providers::aggregates::get", "1.19", &[&rp])
        .await?;
    let generation = number(&got, "/resource_provider_generation")?;
    run.send(
        "resource_providers::aggregates::replace",
        "1.19",
        &[&rp],
        json!({"aggregates": [first, second], "resource_provider_generation": generation}),
    )
    .await?;
    let member = run
        .query(
            "resource_providers::list",
            "1.3",
            &[],
            json!({"member_of": format!("in:{first},{}", run.uuid())}),
        )
        .await?;
    ensure(
        member["resource_providers"][0]["uuid"] == json!(rp),
        format!("member_of found {}", member["resource_providers"]),
    )?;
    run.query(
        "resource_providers::list",
        "1.32",
        &[],
        json!({"member_of": format!("!{second}")}),
    )
    .await?;
    // A reader of the project may not see providers.
    let denied = run
        .read_as(Role::Reader, "resource_providers::list", "1.39", None)
        .await;
    ensure(
        denied.as_ref().err().and_then(|e| e.status()) == Some(403),
        format!("a reader listed providers: {denied:?}"),
    )?;
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;
    Ok(())
}
