//! Volume types with their extra specs, project access, encryption and the
//! per-project default (3.62); QoS specs with their keys and associations.

use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::volumes::PREFIX;
use crate::{Run, Step, Versioned, text};

/// The volume type lifecycle.
/// Deletes the volume types an interrupted run left.
pub async fn cleanup(run: &Run) -> Step {
    let types = run
        .query(
            "types::list",
            Admin,
            "3.71",
            &[],
            json!({"is_public": true}),
        )
        .await?;
    for t in types["volume_types"].as_array().into_iter().flatten() {
        if t["name"].as_str().is_some_and(|n| n.starts_with(PREFIX))
            && let Some(id) = t["id"].as_str()
        {
            let _ = run.get("types::delete", Admin, "3.71", &[id]).await;
        }
    }
    Ok(())
}

/// The volume type lifecycle.
pub async fn volume_types(run: &Run) -> Step {
    let created = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}type"), "description": "conformance",
                                   "os-volume-type-access:is_public": false,
                                   "extra_specs": {"capabilities": "gpu"}}}),
        )
        .await?;
    let id = text(&created, "/volume_type/id")?;
    let tid = id.as_str();
    run.remember("volume_type_id", tid);
    run.remember("volume_type", tid);
    for version in ["", "3.71"] {
        run.get("types::get", Admin, version, &[tid]).await?;
        run.get("types::list", Member, version, &[]).await?;
        run.get("types::default", Reader, version, &[]).await?;
    }
    run.query(
        "types::list",
        Admin,
        "3.71",
        &[],
        json!({"is_public": true}),
    )
    .await?;
    run.send(
        "types::update",
        Admin,
        "3.71",
        &[tid],
        json!({"volume_type": {"description": "updated"}}),
    )
    .await?;

    run.sample("types::extra_specs::create", Admin, "3.71", &[tid])
        .await?;
    run.get("types::extra_specs::list", Admin, "3.71", &[tid])
        .await?;
    run.get("types::extra_specs::get", Admin, "3.71", &[tid, "key1"])
        .await?;
    run.sample("types::extra_specs::update", Admin, "3.71", &[tid, "key1"])
        .await?;
    run.get("types::extra_specs::delete", Admin, "3.71", &[tid, "key1"])
        .await?;

    let other = json!({"project": run.other_project});
    run.send(
        "types::add_project_access",
        Admin,
        "3.71",
        &[tid],
        json!({"addProjectAccess": other}),
    )
    .await?;
    run.get("types::volume_type_access", Admin, "3.71", &[tid])
        .await?;
    run.send(
        "types::remove_project_access",
        Admin,
        "3.71",
        &[tid],
        json!({"removeProjectAccess": other}),
    )
    .await?;

    let encryption = run
        .sample("types::encryption::create", Admin, "3.71", &[tid])
        .await?;
    let eid = text(&encryption, "/encryption/encryption_id")?;
    run.get("types::encryption::list", Admin, "3.71", &[tid])
        .await?;
    run.get("types::encryption::get", Admin, "3.71", &[tid, "cipher"])
        .await?;
    run.send(
        "types::encryption::update",
        Admin,
        "3.71",
        &[tid, &eid],
        json!({"encryption": {"key_size": 512, "control_location": "back-end"}}),
    )
    .await?;
    run.get("types::encryption::delete", Admin, "3.71", &[tid, &eid])
        .await?;

    run.get("types::delete", Admin, "3.71", &[tid]).await?;
    Ok(())
}

/// QoS specs: create, keys, associate with a type, read, delete.
pub async fn qos_specs(run: &Run) -> Step {
    let created = run
        .send(
            "qos_specs::create",
            Admin,
            "3.71",
            &[],
            json!({"qos_specs": {"name": format!("{PREFIX}qos")}}),
        )
        .await?;
    let id = text(&created, "/qos_specs/id")?;
    let qid = id.as_str();
    run.remember("qos_id", qid);
    run.get("qos_specs::get", Admin, "3.71", &[qid]).await?;
    run.get("qos_specs::list", Admin, "3.71", &[]).await?;
    run.sample("qos_specs::update", Admin, "3.71", &[qid])
        .await?;
    run.send(
        "qos_specs::delete_keys",
        Admin,
        "3.71",
        &[qid],
        json!({"keys": ["delay"]}),
    )
    .await?;
    let t = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}qos-type")}}),
        )
        .await?;
    let t = text(&t, "/volume_type/id")?;
    let with_type = json!({"vol_type_id": t});
    run.query(
        "qos_specs::associate",
        Admin,
        "3.71",
        &[qid],
        with_type.clone(),
    )
    .await?;
    run.get("qos_specs::associations", Admin, "3.71", &[qid])
        .await?;
    run.query(
        "qos_specs::disassociate",
        Admin,
        "3.71",
        &[qid],
        with_type.clone(),
    )
    .await?;
    run.query("qos_specs::associate", Admin, "3.71", &[qid], with_type)
        .await?;
    run.get("qos_specs::disassociate_all", Admin, "3.71", &[qid])
        .await?;
    run.get("types::delete", Admin, "3.71", &[&t]).await?;
    run.query(
        "qos_specs::delete",
        Admin,
        "3.71",
        &[qid],
        json!({"force": false}),
    )
    .await?;
    Ok(())
}
