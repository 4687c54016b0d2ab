//! Lifecycles of the resources servers use: flavors, keypairs, server groups and
//! images, and the version documents.

use compute_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{Run, Step, Versioned, text};

/// Finds an image of Nova's Glance fixture and a network of its Neutron fixture.
pub async fn discover(mut run: Run) -> Step<Run> {
    let images = run.get("images::list", Member, "2.1", &[]).await?;
    run.image = text(&images, "/images/0/id")?;
    // The network proxy is gone from 2.36; at 2.1 it still lists Neutron's networks.
    let networks = run.get("networks::list", Admin, "2.1", &[]).await;
    run.network = match networks {
        Ok(networks) => text(&networks, "/networks/0/id")?,
        Err(_) => text(
            &run.get("tenant_networks::list", Member, "2.1", &[]).await?,
            "/networks/0/id",
        )?,
    };
    run.remember("image_id", &run.image.clone());
    run.remember("network_id", &run.network.clone());
    run.remember("tenant_id", &run.ctx.project.clone());
    Ok(run)
}

/// The extensions list (frozen since 2.1). The version documents live at the
/// service root, outside the reference's /v2.1 prefix: see `not_servable.rs`.
pub async fn versions(run: &Run) -> Step {
    let extensions = run.get("extensions::list", Member, "2.1", &[]).await?;
    let alias = text(&extensions, "/extensions/0/alias")?;
    run.get("extensions::get", Reader, "2.1", &[&alias]).await?;
    Ok(())
}

/// Create (2.1 and with a description at 2.55), show, list, list with details at the
/// versions where a flavor's shape changes, update the description, extra specs,
/// access to a private flavor, delete.
pub async fn flavors(run: &Run) -> Step {
    let public = format!("conformance-{}", std::process::id());
    let private = format!("conformance-private-{}", std::process::id());
    let created = run
        .send(
            "flavors::create",
            Admin,
            "2.55",
            &[],
            json!({"flavor": {"name": public, "ram": 512, "vcpus": 1, "disk": 1,
                              "id": public, "description": "made by the suite"}}),
        )
        .await?;
    let id = text(&created, "/flavor/id")?;
    run.send(
        "flavors::create",
        Admin,
        "2.1",
        &[],
        json!({"flavor": {"name": private, "ram": 256, "vcpus": 1, "disk": 0,
                          "id": private, "os-flavor-access:is_public": false}}),
    )
    .await?;
    for version in ["2.1", "2.55", "2.61", "2.75", "latest"] {
        run.every_role(version, &[("flavors::get", &[&id])]).await?;
        run.query("flavors::list", Member, version, &[], json!({"limit": 2}))
            .await?;
        run.query(
            "flavors::list_detailed",
            Admin,
            version,
            &[],
            json!({"is_public": "None"}),
        )
        .await?;
    }
    // `limit` and `marker` page through the list.
    run.two_pages("flavors::list", Reader, "/flavors/0/id")
        .await?;
    run.send(
        "flavors::update",
        Admin,
        "2.55",
        &[&id],
        json!({"flavor": {"description": "changed"}}),
    )
    .await?;

    run.send(
        "flavors::extra_specs::create",
        Admin,
        "2.1",
        &[&id],
        json!({"extra_specs": {"hw:cpu_policy": "shared", "hw:numa_nodes": "1"}}),
    )
    .await?;
    run.every_role(
        "2.1",
        &[
            ("flavors::extra_specs::list", &[&id]),
            ("flavors::extra_specs::get", &[&id, "hw:numa_nodes"]),
        ],
    )
    .await?;
    run.send(
        "flavors::extra_specs::update",
        Admin,
        "2.1",
        &[&id, "hw:numa_nodes"],
        json!({"hw:numa_nodes": "2"}),
    )
    .await?;
    run.get(
        "flavors::extra_specs::delete",
        Admin,
        "2.1",
        &[&id, "hw:numa_nodes"],
    )
    .await?;
    run.remember("flavor_extra_spec_key", "hw:cpu_policy");

    let other =
        std::env::var("APIREF_NOVA_OTHER_PROJECT").unwrap_or_else(|_| "other-project".into());
    run.send(
        "flavors::add_tenant_access",
        Admin,
        "2.1",
        &[&private],
        json!({"addTenantAccess": {"tenant": other}}),
    )
    .await?;
    run.get("flavors::flavor_access", Admin, "2.1", &[&private])
        .await?;
    run.send(
        "flavors::remove_tenant_access",
        Admin,
        "2.1",
        &[&private],
        json!({"removeTenantAccess": {"tenant": other}}),
    )
    .await?;
    run.get("flavors::delete", Admin, "2.1", &[&private])
        .await?;
    run.get("flavors::delete", Admin, "2.1", &[&id]).await?;
    run.remember("flavor_id", "1");
    Ok(())
}

/// Create (Nova generates the key before 2.92), show, list, import the public key
/// under another name at the latest version (which requires one), delete both.
pub async fn keypairs(run: &Run) -> Step {
    // Unique names, so the program can run again against the same Nova.
    let generated = format!("conformance-gen-{}", std::process::id());
    let imported = format!("conformance-imported-{}", std::process::id());
    let created = run
        .send(
            "keypairs::create",
            Member,
            "2.2",
            &[],
            json!({"keypair": {"name": generated, "type": "ssh"}}),
        )
        .await?;
    let public_key = text(&created, "/keypair/public_key")?;
    run.send(
        "keypairs::create",
        Member,
        "latest",
        &[],
        json!({"keypair": {"name": imported, "type": "ssh", "public_key": public_key}}),
    )
    .await?;
    for version in ["2.1", "2.2", "2.10", "2.35", "latest"] {
        run.get("keypairs::get", Member, version, &[&generated])
            .await?;
        run.get("keypairs::list", Member, version, &[]).await?;
    }
    // Keypairs belong to a user: the reader (another user) sees only its own.
    run.get("keypairs::list", Reader, "latest", &[]).await?;
    run.query("keypairs::list", Admin, "2.35", &[], json!({"limit": 1}))
        .await?;
    run.remember("keypair_name", &imported);
    run.get("keypairs::delete", Member, "2.1", &[&generated])
        .await?;
    Ok(())
}

/// Create with `policies` (2.1) and with `policy` and `rules` (2.64), show, list, delete.
pub async fn server_groups(run: &Run) -> Step {
    // Groups an interrupted earlier run left behind count against the quota (10).
    let groups = run.get("server_groups::list", Member, "2.1", &[]).await?;
    for group in groups["server_groups"].as_array().into_iter().flatten() {
        if let (Some(id), Some(name)) = (group["id"].as_str(), group["name"].as_str())
            && name.starts_with("conformance-")
        {
            run.get("server_groups::delete", Member, "2.1", &[id])
                .await?;
        }
    }
    let old = run
        .send(
            "server_groups::create",
            Member,
            "2.1",
            &[],
            json!({"server_group": {"name": "conformance-old", "policies": ["anti-affinity"]}}),
        )
        .await?;
    let old = text(&old, "/server_group/id")?;
    let new = run
        .send(
            "server_groups::create",
            Member,
            "2.64",
            &[],
            json!({"server_group": {"name": "conformance-new", "policy": "anti-affinity", "rules": {"max_server_per_host": 3}}}),
        )
        .await?;
    let new = text(&new, "/server_group/id")?;
    for version in ["2.1", "2.13", "2.64", "latest"] {
        run.every_role(version, &[("server_groups::get", &[&new])])
            .await?;
        run.query(
            "server_groups::list",
            Member,
            version,
            &[],
            json!({"limit": 5}),
        )
        .await?;
    }
    run.query(
        "server_groups::list",
        Admin,
        "latest",
        &[],
        json!({"all_projects": "True"}),
    )
    .await?;
    run.get("server_groups::delete", Member, "2.1", &[&old])
        .await?;
    run.get("server_groups::delete", Member, "latest", &[&new])
        .await?;
    Ok(())
}

/// The image proxy (gone from 2.36): list, details, metadata.
pub async fn images(run: &Run) -> Step {
    let image = run.image.as_str();
    run.every_role(
        "2.1",
        &[
            ("images::list", &[]),
            ("images::list_detailed", &[]),
            ("images::get", &[image]),
        ],
    )
    .await?;
    run.get("images::metadata::list", Member, "2.1", &[image])
        .await?;
    for (op, metadata) in [
        ("images::metadata::create", json!({"kernel_id": "nokernel"})),
        (
            "images::metadata::replace",
            json!({"kernel_id": "nokernel", "auto_disk_config": "True"}),
        ),
    ] {
        let body = json!({ "metadata": metadata });
        run.send(op, Admin, "2.1", &[image], body).await?;
    }
    run.send(
        "images::metadata::update",
        Admin,
        "2.1",
        &[image, "auto_disk_config"],
        json!({"meta": {"auto_disk_config": "False"}}),
    )
    .await?;
    run.get(
        "images::metadata::get",
        Member,
        "2.1",
        &[image, "kernel_id"],
    )
    .await?;
    run.get(
        "images::metadata::delete",
        Admin,
        "2.1",
        &[image, "auto_disk_config"],
    )
    .await?;
    run.remember("key", "kernel_id");
    Ok(())
}
