//! Lifecycles of the resources servers use: flavors, keypairs, server groups and
//! images, and the version documents.

use nova_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{ALL_ROLES, Run, Step, text};

/// Finds an image of Nova's Glance fixture and a network of its Neutron fixture.
pub async fn discover(mut run: Run) -> Step<Run> {
    let images = run.get("list_images", Member, "2.1", &[]).await?;
    run.image = text(&images, "/images/0/id")?;
    // The network proxy is gone from 2.36; at 2.1 it still lists Neutron's networks.
    let networks = run.get("list_networks", Admin, "2.1", &[]).await;
    run.network = match networks {
        Ok(networks) => text(&networks, "/networks/0/id")?,
        Err(_) => text(
            &run.get("list_project_networks", Member, "2.1", &[]).await?,
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
    let extensions = run.get("list_extensions", Member, "2.1", &[]).await?;
    let alias = text(&extensions, "/extensions/0/alias")?;
    run.get("show_extension_details", Reader, "2.1", &[&alias])
        .await?;
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
            "create_flavor",
            Admin,
            "2.55",
            &[],
            json!({"flavor": {"name": public, "ram": 512, "vcpus": 1, "disk": 1,
                              "id": public, "description": "made by the suite"}}),
        )
        .await?;
    let id = text(&created, "/flavor/id")?;
    run.send(
        "create_flavor",
        Admin,
        "2.1",
        &[],
        json!({"flavor": {"name": private, "ram": 256, "vcpus": 1, "disk": 0,
                          "id": private, "os-flavor-access:is_public": false}}),
    )
    .await?;
    for version in ["2.1", "2.55", "2.61", "2.75", "latest"] {
        for role in ALL_ROLES {
            run.get("show_flavor_details", role, version, &[&id])
                .await?;
        }
        run.call(
            "list_flavors",
            Member,
            version,
            &[],
            Some(json!({"limit": 2})),
            None,
        )
        .await?;
        run.call(
            "list_flavors_with_details",
            Admin,
            version,
            &[],
            Some(json!({"is_public": "None"})),
            None,
        )
        .await?;
    }
    // `limit` and `marker` page through the list.
    run.two_pages("list_flavors", Reader, "/flavors/0/id")
        .await?;
    run.send(
        "update_flavor_description",
        Admin,
        "2.55",
        &[&id],
        json!({"flavor": {"description": "changed"}}),
    )
    .await?;

    run.send(
        "create_extra_specs_for_a_flavor",
        Admin,
        "2.1",
        &[&id],
        json!({"extra_specs": {"hw:cpu_policy": "shared", "hw:numa_nodes": "1"}}),
    )
    .await?;
    for role in ALL_ROLES {
        run.get("list_extra_specs_for_a_flavor", role, "2.1", &[&id])
            .await?;
        run.get(
            "show_an_extra_spec_for_a_flavor",
            role,
            "2.1",
            &[&id, "hw:numa_nodes"],
        )
        .await?;
    }
    run.send(
        "update_an_extra_spec_for_a_flavor",
        Admin,
        "2.1",
        &[&id, "hw:numa_nodes"],
        json!({"hw:numa_nodes": "2"}),
    )
    .await?;
    run.get(
        "delete_an_extra_spec_for_a_flavor",
        Admin,
        "2.1",
        &[&id, "hw:numa_nodes"],
    )
    .await?;
    run.remember("flavor_extra_spec_key", "hw:cpu_policy");

    let other =
        std::env::var("APIREF_NOVA_OTHER_PROJECT").unwrap_or_else(|_| "other-project".into());
    run.send(
        "add_flavor_access_to_tenant",
        Admin,
        "2.1",
        &[&private],
        json!({"addTenantAccess": {"tenant": other}}),
    )
    .await?;
    run.get(
        "list_flavor_access_information_for_given_flavor",
        Admin,
        "2.1",
        &[&private],
    )
    .await?;
    run.send(
        "remove_flavor_access_from_tenant",
        Admin,
        "2.1",
        &[&private],
        json!({"removeTenantAccess": {"tenant": other}}),
    )
    .await?;
    run.get("delete_flavor", Admin, "2.1", &[&private]).await?;
    run.get("delete_flavor", Admin, "2.1", &[&id]).await?;
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
            "import_keypair",
            Member,
            "2.2",
            &[],
            json!({"keypair": {"name": generated, "type": "ssh"}}),
        )
        .await?;
    let public_key = text(&created, "/keypair/public_key")?;
    run.send(
        "import_keypair",
        Member,
        "latest",
        &[],
        json!({"keypair": {"name": imported, "type": "ssh", "public_key": public_key}}),
    )
    .await?;
    for version in ["2.1", "2.2", "2.10", "2.35", "latest"] {
        run.get("show_keypair_details", Member, version, &[&generated])
            .await?;
        run.get("list_keypairs", Member, version, &[]).await?;
    }
    // Keypairs belong to a user: the reader (another user) sees only its own.
    run.get("list_keypairs", Reader, "latest", &[]).await?;
    run.call(
        "list_keypairs",
        Admin,
        "2.35",
        &[],
        Some(json!({"limit": 1})),
        None,
    )
    .await?;
    run.remember("keypair_name", &imported);
    run.get("delete_keypair", Member, "2.1", &[&generated])
        .await?;
    Ok(())
}

/// Create with `policies` (2.1) and with `policy` and `rules` (2.64), show, list, delete.
pub async fn server_groups(run: &Run) -> Step {
    // Groups an interrupted earlier run left behind count against the quota (10).
    let groups = run.get("list_server_groups", Member, "2.1", &[]).await?;
    for group in groups["server_groups"].as_array().into_iter().flatten() {
        if let (Some(id), Some(name)) = (group["id"].as_str(), group["name"].as_str())
            && name.starts_with("conformance-")
        {
            run.get("delete_server_group", Member, "2.1", &[id]).await?;
        }
    }
    let old = run
        .send(
            "create_server_group",
            Member,
            "2.1",
            &[],
            json!({"server_group": {"name": "conformance-old", "policies": ["anti-affinity"]}}),
        )
        .await?;
    let old = text(&old, "/server_group/id")?;
    let new = run
        .send(
            "create_server_group",
            Member,
            "2.64",
            &[],
            json!({"server_group": {"name": "conformance-new", "policy": "anti-affinity", "rules": {"max_server_per_host": 3}}}),
        )
        .await?;
    let new = text(&new, "/server_group/id")?;
    for version in ["2.1", "2.13", "2.64", "latest"] {
        for role in ALL_ROLES {
            run.get("show_server_group_details", role, version, &[&new])
                .await?;
        }
        run.call(
            "list_server_groups",
            Member,
            version,
            &[],
            Some(json!({"limit": 5})),
            None,
        )
        .await?;
    }
    run.call(
        "list_server_groups",
        Admin,
        "latest",
        &[],
        Some(json!({"all_projects": "True"})),
        None,
    )
    .await?;
    run.get("delete_server_group", Member, "2.1", &[&old])
        .await?;
    run.get("delete_server_group", Member, "latest", &[&new])
        .await?;
    Ok(())
}

/// The image proxy (gone from 2.36): list, details, metadata.
pub async fn images(run: &Run) -> Step {
    let image = run.image.as_str();
    for role in ALL_ROLES {
        run.get("list_images", role, "2.1", &[]).await?;
        run.get("list_images_with_details", role, "2.1", &[])
            .await?;
        run.get("show_image_details", role, "2.1", &[image]).await?;
    }
    run.get("list_image_metadata", Member, "2.1", &[image])
        .await?;
    run.send(
        "create_image_metadata",
        Admin,
        "2.1",
        &[image],
        json!({"metadata": {"kernel_id": "nokernel"}}),
    )
    .await?;
    run.send(
        "update_image_metadata",
        Admin,
        "2.1",
        &[image],
        json!({"metadata": {"kernel_id": "nokernel", "auto_disk_config": "True"}}),
    )
    .await?;
    run.send(
        "create_or_update_image_metadata_item",
        Admin,
        "2.1",
        &[image, "auto_disk_config"],
        json!({"meta": {"auto_disk_config": "False"}}),
    )
    .await?;
    run.get(
        "show_image_metadata_item",
        Member,
        "2.1",
        &[image, "kernel_id"],
    )
    .await?;
    run.get(
        "delete_image_metadata_item",
        Admin,
        "2.1",
        &[image, "auto_disk_config"],
    )
    .await?;
    run.remember("key", "kernel_id");
    Ok(())
}
