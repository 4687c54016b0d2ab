//! Allocation candidates over a small provider tree (a compute node with a NIC
//! child holding bandwidth), at each version that changes the reply or adds a
//! query parameter, and the reshaper moving inventory and the allocations on it
//! from a provider to its new child.

use serde_json::json;

use crate::allocations::compute_node;
use crate::providers::{create, generation};
use crate::{Run, Step, ensure, number};

/// The bandwidth resource class the NIC child holds.
const BANDWIDTH: &str = "NET_BW_EGR_KILOBIT_PER_SEC";

/// The versions and queries asked: 1.10 (allocation requests as lists), 1.12
/// (keyed by provider), 1.16 `limit`, 1.17 `required` and traits in the
/// summaries, 1.21 `member_of`, 1.25 granular groups and `group_policy`, 1.29
/// nested providers in the summaries, 1.31 `in_tree`, 1.33 named groups, 1.34
/// `mappings`, 1.35 `root_required`, 1.36 `same_subtree`, 1.39 `in:` traits.
pub async fn allocation_candidates(run: &Run) -> Step {
    let root = compute_node(run).await?;
    let nic = create(run, "1.20", Some(&root)).await?;
    let physnet = run.custom("PHYSNET");
    let root_trait = run.custom("ROOT");
    run.get("traits::add", "1.6", &[&physnet]).await?;
    run.get("traits::add", "1.6", &[&root_trait]).await?;
    let g = generation(run, &nic).await?;
    let put = run
        .send(
            "resource_providers::inventories::replace",
            "1.0",
            &[&nic],
            json!({"resource_provider_generation": g,
                   "inventories": {BANDWIDTH: {"total": 10000}}}),
        )
        .await?;
    run.send(
        "resource_providers::traits::replace",
        "1.6",
        &[&nic],
        json!({"resource_provider_generation": number(&put, "/resource_provider_generation")?,
               "traits": [physnet]}),
    )
    .await?;
    let g = generation(run, &root).await?;
    let traits = run
        .send(
            "resource_providers::traits::replace",
            "1.6",
            &[&root],
            json!({"resource_provider_generation": g, "traits": [root_trait]}),
        )
        .await?;
    let aggregate = run.uuid();
    run.send(
        "resource_providers::aggregates::replace",
        "1.19",
        &[&root],
        json!({"aggregates": [aggregate],
               "resource_provider_generation":
                   number(&traits, "/resource_provider_generation")?}),
    )
    .await?;

    let ask = |version: &'static str, query: serde_json::Value| async move {
        run.query("allocation_candidates", version, &[], query)
            .await
    };
    let compute = "VCPU:1,MEMORY_MB:512";
    ask("1.10", json!({"resources": compute})).await?;
    ask("1.12", json!({"resources": compute})).await?;
    ask("1.16", json!({"resources": compute, "limit": 1})).await?;
    ask(
        "1.17",
        json!({"resources": compute, "required": root_trait}),
    )
    .await?;
    let found = ask(
        "1.21",
        json!({"resources": compute, "member_of": format!("in:{aggregate}")}),
    )
    .await?;
    ensure(
        found["provider_summaries"].get(&root).is_some(),
        format!("member_of found {}", found["provider_summaries"]),
    )?;
    let granular = json!({
        "resources": compute, "resources1": format!("{BANDWIDTH}:10"),
        "required1": physnet, "group_policy": "isolate"
    });
    ask("1.25", granular.clone()).await?;
    ask("1.29", granular).await?;
    ask("1.31", json!({"resources": compute, "in_tree": nic})).await?;
    let named = json!({
        "resources": compute, "resources_NET": format!("{BANDWIDTH}:10"),
        "required_NET": physnet, "group_policy": "none"
    });
    ask("1.33", named.clone()).await?;
    let mapped = ask("1.34", named).await?;
    ensure(
        mapped["allocation_requests"][0]["mappings"]["_NET"] == json!([nic]),
        format!("mappings {}", mapped["allocation_requests"][0]["mappings"]),
    )?;
    ask(
        "1.35",
        json!({"resources": compute, "root_required": root_trait}),
    )
    .await?;
    let subtree = json!({
        "resources_COMPUTE": compute, "resources_NET": format!("{BANDWIDTH}:10"),
        "required_NIC": physnet, "same_subtree": "_NET,_NIC", "group_policy": "none"
    });
    ask("1.36", subtree.clone()).await?;
    ask("1.38", subtree).await?;
    let any = ask(
        "1.39",
        json!({"resources": compute, "required": format!("in:{root_trait},HW_CPU_X86_SSE")}),
    )
    .await?;
    ensure(
        any["allocation_requests"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        format!("required=in: found nothing: {any}"),
    )?;

    for uuid in [&nic, &root] {
        run.get("resource_providers::delete", "1.0", &[uuid])
            .await?;
    }
    for name in [&physnet, &root_trait] {
        run.get("traits::delete", "1.6", &[name]).await?;
    }
    Ok(())
}

/// Moves VCPU inventory and the allocation on it from a compute node to a new
/// child (1.30), and back at 1.38 with the consumer's type.
pub async fn reshaper(run: &Run) -> Step {
    let root = compute_node(run).await?;
    let child = create(run, "1.20", Some(&root)).await?;
    let project = run.ctx.project.clone();
    let user = run.uuid();
    let consumer = run.uuid();
    run.send(
        "allocations::update",
        "1.38",
        &[&consumer],
        json!({"allocations": {root.as_str(): {"resources": {"VCPU": 2, "MEMORY_MB": 512}}},
               "project_id": project, "user_id": user, "consumer_generation": null,
               "consumer_type": "INSTANCE"}),
    )
    .await?;

    let (g_root, g_child) = (
        generation(run, &root).await?,
        generation(run, &child).await?,
    );
    let cg = number(
        &run.get("allocations::get", "1.28", &[&consumer]).await?,
        "/consumer_generation",
    )?;
    run.send(
        "reshaper",
        "1.30",
        &[],
        json!({
            "inventories": {
                root.as_str(): {"resource_provider_generation": g_root, "inventories": {
                    "MEMORY_MB": {"total": 8192}, "DISK_GB": {"total": 200}}},
                child.as_str(): {"resource_provider_generation": g_child, "inventories": {
                    "VCPU": {"total": 16, "max_unit": 8}}}
            },
            "allocations": {consumer.as_str(): {
                "allocations": {
                    root.as_str(): {"resources": {"MEMORY_MB": 512}},
                    child.as_str(): {"resources": {"VCPU": 2}}
                },
                "project_id": project, "user_id": user, "consumer_generation": cg
            }}
        }),
    )
    .await?;
    let moved = run.get("allocations::get", "1.38", &[&consumer]).await?;
    ensure(
        moved["allocations"][&child]["resources"]["VCPU"] == json!(2),
        format!("after the reshape: {moved}"),
    )?;

    let (g_root, g_child) = (
        generation(run, &root).await?,
        generation(run, &child).await?,
    );
    run.send(
        "reshaper",
        "1.38",
        &[],
        json!({
            "inventories": {
                root.as_str(): {"resource_provider_generation": g_root, "inventories": {
                    "VCPU": {"total": 16}, "MEMORY_MB": {"total": 8192},
                    "DISK_GB": {"total": 200}}},
                child.as_str(): {"resource_provider_generation": g_child, "inventories": {}}
            },
            "allocations": {consumer.as_str(): {
                "allocations": {root.as_str(): {"resources": {"VCPU": 2, "MEMORY_MB": 512}}},
                "project_id": project, "user_id": user,
                "consumer_generation": number(&moved, "/consumer_generation")?,
                "consumer_type": "INSTANCE"
            }}
        }),
    )
    .await?;

    run.get("allocations::delete", "1.0", &[&consumer]).await?;
    for uuid in [&child, &root] {
        run.get("resource_providers::delete", "1.0", &[uuid])
            .await?;
    }
    Ok(())
}
