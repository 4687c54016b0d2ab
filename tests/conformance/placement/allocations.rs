//! Allocations and usages: a consumer's allocations written in each shape the
//! reference documents (1.0 a list, 1.8 with project and user, 1.12 keyed by
//! provider, 1.28 with the consumer's generation, 1.38 with its type), read back at
//! each of those versions, written for several consumers at once (1.13), and the
//! usages they add up to per provider and per project (1.9; grouped by consumer
//! type at 1.38).

use placement_conformance::ctx::Role;
use serde_json::json;

use crate::providers::{create, generation};
use crate::{Run, Step, ensure, number};

/// A root provider with a small compute node's inventory.
pub async fn compute_node(run: &Run) -> Step<String> {
    let rp = create(run, "1.20", None).await?;
    let generation = generation(run, &rp).await?;
    run.send(
        "resource_providers::inventories::replace",
        "1.0",
        &[&rp],
        json!({"resource_provider_generation": generation, "inventories": {
            "VCPU": {"total": 16, "allocation_ratio": 1.0},
            "MEMORY_MB": {"total": 8192},
            "DISK_GB": {"total": 200}
        }}),
    )
    .await?;
    Ok(rp)
}

/// Allocations of one consumer on `rp`, keyed by provider (1.12 on).
fn on(rp: &str, vcpu: i64, memory: i64) -> serde_json::Value {
    json!({rp: {"resources": {"VCPU": vcpu, "MEMORY_MB": memory}}})
}

/// Every write and read shape of a consumer's allocations, then the provider's
/// allocations and usages, and deletion.
pub async fn allocations(run: &Run) -> Step {
    let rp = compute_node(run).await?;
    let project = run.ctx.project.clone();
    let user = run.uuid();
    let consumer = run.uuid();
    let c = [consumer.as_str()];

    // 1.0: a list of provider-and-resources, no project or user.
    run.send(
        "allocations::update",
        "1.0",
        &c,
        json!({"allocations": [{"resource_provider": {"uuid": rp},
                                "resources": {"VCPU": 1}}]}),
    )
    .await?;
    run.get("allocations::get", "1.0", &c).await?;
    // 1.8: the list with project and user (required from here).
    run.send(
        "allocations::update",
        "1.8",
        &c,
        json!({"allocations": [{"resource_provider": {"uuid": rp},
                                "resources": {"VCPU": 2, "MEMORY_MB": 256}}],
               "project_id": project, "user_id": user}),
    )
    .await?;
    // 1.12: keyed by provider; the reply names project and user.
    run.send(
        "allocations::update",
        "1.12",
        &c,
        json!({"allocations": on(&rp, 2, 512), "project_id": project, "user_id": user}),
    )
    .await?;
    run.get("allocations::get", "1.12", &c).await?;
    // 1.28: the consumer's generation, checked on write.
    let got = run.get("allocations::get", "1.28", &c).await?;
    let consumer_generation = number(&got, "/consumer_generation")?;
    run.send(
        "allocations::update",
        "1.28",
        &c,
        json!({"allocations": on(&rp, 3, 512), "project_id": project, "user_id": user,
               "consumer_generation": consumer_generation}),
    )
    .await?;
    // 1.34: `mappings` may be sent back (and is ignored).
    let got = run.get("allocations::get", "1.34", &c).await?;
    run.send(
        "allocations::update",
        "1.34",
        &c,
        json!({"allocations": on(&rp, 3, 512), "project_id": project, "user_id": user,
               "consumer_generation": number(&got, "/consumer_generation")?,
               "mappings": {"": [rp]}}),
    )
    .await?;
    // 1.38: the consumer's type, required from here.
    let got = run.get("allocations::get", "1.38", &c).await?;
    run.send(
        "allocations::update",
        "1.38",
        &c,
        json!({"allocations": on(&rp, 4, 1024), "project_id": project, "user_id": user,
               "consumer_generation": number(&got, "/consumer_generation")?,
               "consumer_type": "INSTANCE"}),
    )
    .await?;
    let got = run.get("allocations::get", "1.38", &c).await?;
    ensure(
        got["consumer_type"] == json!("INSTANCE"),
        format!("consumer_type {}", got["consumer_type"]),
    )?;

    // POST /allocations: several consumers at once (1.13), with generations
    // (1.28; null for a new consumer) and types (1.38); an empty `allocations`
    // removes a consumer's.
    let (second, third) = (run.uuid(), run.uuid());
    run.send(
        "allocations::create",
        "1.13",
        &[],
        json!({second.as_str(): {"allocations": on(&rp, 1, 128),
                                 "project_id": project, "user_id": user}}),
    )
    .await?;
    let got = run.get("allocations::get", "1.28", &[&second]).await?;
    run.send(
        "allocations::create",
        "1.28",
        &[],
        json!({
            second.as_str(): {"allocations": on(&rp, 1, 256), "project_id": project,
                              "user_id": user,
                              "consumer_generation": number(&got, "/consumer_generation")?},
            third.as_str(): {"allocations": on(&rp, 1, 128), "project_id": project,
                             "user_id": user, "consumer_generation": null}
        }),
    )
    .await?;
    let (g2, g3) = (
        number(
            &run.get("allocations::get", "1.38", &[&second]).await?,
            "/consumer_generation",
        )?,
        number(
            &run.get("allocations::get", "1.38", &[&third]).await?,
            "/consumer_generation",
        )?,
    );
    run.send(
        "allocations::create",
        "1.38",
        &[],
        json!({
            second.as_str(): {"allocations": {}, "project_id": project, "user_id": user,
                              "consumer_generation": g2, "consumer_type": "INSTANCE"},
            third.as_str(): {"allocations": on(&rp, 2, 256), "project_id": project,
                             "user_id": user, "consumer_generation": g3,
                             "consumer_type": "MIGRATION"}
        }),
    )
    .await?;
    // A consumer with no allocations reads as `{"allocations": {}}`.
    let gone = run.get("allocations::get", "1.38", &[&second]).await?;
    ensure(
        gone == json!({"allocations": {}}),
        format!("a consumer with no allocations: {gone}"),
    )?;

    run.get("resource_providers::allocations", "1.0", &[&rp])
        .await?;
    run.get("resource_providers::usages", "1.0", &[&rp]).await?;
    let usages = run
        .get("resource_providers::usages", "1.39", &[&rp])
        .await?;
    ensure(
        usages["usages"]["VCPU"] == json!(6),
        format!("provider usages {}", usages["usages"]),
    )?;
    // Providers that can hold more (1.4).
    let fits = run
        .query(
            "resource_providers::list",
            "1.4",
            &[],
            json!({"resources": "VCPU:10,MEMORY_MB:1024"}),
        )
        .await?;
    ensure(
        fits["resource_providers"]
            .as_array()
            .is_some_and(|l| l.iter().any(|p| p["uuid"] == json!(rp))),
        format!("resources=VCPU:10 did not find {rp}"),
    )?;

    // A provider with allocations cannot go: 409.
    let in_use = run.get("resource_providers::delete", "1.0", &[&rp]).await;
    ensure(
        in_use.as_ref().err().and_then(|e| e.status()) == Some(409),
        format!("deleting a provider in use: {in_use:?}"),
    )?;
    for consumer in [&consumer, &third] {
        run.get("allocations::delete", "1.0", &[consumer]).await?;
    }
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;
    Ok(())
}

/// A project's usages (1.9), for one user, and by consumer type (1.38), read by
/// admin and by a reader of the project (whom Placement's policy allows).
pub async fn usages(run: &Run) -> Step {
    let rp = compute_node(run).await?;
    let project = run.ctx.project.clone();
    let user = run.uuid();
    let (instance, untyped) = (run.uuid(), run.uuid());
    run.send(
        "allocations::update",
        "1.38",
        &[&instance],
        json!({"allocations": on(&rp, 2, 512), "project_id": project, "user_id": user,
               "consumer_generation": null, "consumer_type": "INSTANCE"}),
    )
    .await?;
    run.send(
        "allocations::update",
        "1.28",
        &[&untyped],
        json!({"allocations": on(&rp, 1, 256), "project_id": project, "user_id": user,
               "consumer_generation": null}),
    )
    .await?;

    let by_project = json!({"project_id": project});
    run.query("usages", "1.9", &[], by_project.clone()).await?;
    run.query(
        "usages",
        "1.9",
        &[],
        json!({"project_id": project, "user_id": user}),
    )
    .await?;
    run.read_as(Role::Reader, "usages", "1.9", Some(by_project.clone()))
        .await?;
    run.query("usages", "1.38", &[], by_project).await?;
    // This run's user alone: other runs may have left usages in the project.
    let typed = run
        .query(
            "usages",
            "1.38",
            &[],
            json!({"project_id": project, "user_id": user}),
        )
        .await?;
    ensure(
        typed["usages"]["INSTANCE"]["consumer_count"] == json!(1)
            && typed["usages"]["unknown"]["VCPU"] == json!(1),
        format!("usages by consumer type {}", typed["usages"]),
    )?;
    run.query(
        "usages",
        "1.38",
        &[],
        json!({"project_id": project, "consumer_type": "INSTANCE"}),
    )
    .await?;
    let all = json!({"project_id": project, "consumer_type": "all"});
    run.read_as(Role::Member, "usages", "1.38", Some(all))
        .await?;

    for consumer in [&instance, &untyped] {
        run.get("allocations::delete", "1.0", &[consumer]).await?;
    }
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;
    Ok(())
}
