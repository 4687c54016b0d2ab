//! Volume types with their extra specs, project access, encryption and the
//! per-project default (3.62); QoS specs with their keys and associations.

use apiref::runtime::Json;
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::Body::{Empty, Query, Sample, Send};
use crate::volumes::{PREFIX, named};
use crate::{Run, Step, Versioned, text};

/// The calls of volume types or of group types, whose APIs mirror each other.
pub struct Types {
    /// The operations' prefix (`types`).
    ops: &'static str,
    /// A type's key in bodies and replies (`volume_type`).
    key: &'static str,
    /// Its specs' operations (`extra_specs`).
    specs: &'static str,
    /// The microversion of every call.
    version: &'static str,
}

/// Volume types.
pub const VOLUME_TYPES: Types = Types {
    ops: "types",
    key: "volume_type",
    specs: "extra_specs",
    version: "3.71",
};

/// Group types (3.11).
pub const GROUP_TYPES: Types = Types {
    ops: "group_types",
    key: "group_type",
    specs: "group_specs",
    version: "3.11",
};

impl Types {
    /// Creates a type named `name` with `fields` besides, as admin; returns its
    /// id.
    pub async fn create(&self, run: &Run, name: &str, fields: Json) -> Step<String> {
        let op = format!("{}::create", self.ops);
        let body = json!({self.key: named(name, fields)});
        let pointer = format!("/{}/id", self.key);
        run.create(&op, Admin, self.version, body, &pointer).await
    }

    /// Updates the type's description; sets its specs by the reference's
    /// sample, lists them, and reads, updates and deletes `key1`.
    pub async fn update_and_specs(&self, run: &Run, id: &str) -> Step {
        let (ops, version) = (self.ops, self.version);
        let spec = |op: &str| format!("{ops}::{}::{op}", self.specs);
        let update = json!({self.key: {"description": "updated"}});
        run.send(&format!("{ops}::update"), Admin, version, &[id], update)
            .await?;
        run.sample(&spec("create"), Admin, version, &[id]).await?;
        run.get(&spec("list"), Admin, version, &[id]).await?;
        let key = [id, "key1"];
        run.get(&spec("get"), Admin, version, &key).await?;
        run.sample(&spec("update"), Admin, version, &key).await?;
        run.get(&spec("delete"), Admin, version, &key).await?;
        Ok(())
    }

    /// Deletes the type.
    pub async fn delete(&self, run: &Run, id: &str) -> Step {
        let op = format!("{}::delete", self.ops);
        run.get(&op, Admin, self.version, &[id]).await?;
        Ok(())
    }
}

/// The public volume types, as admin.
async fn public(run: &Run) -> Step<Json> {
    let public = json!({"is_public": true});
    Ok(run.query("types::list", Admin, "3.71", &[], public).await?)
}

/// Deletes the volume types an interrupted run left.
pub async fn cleanup(run: &Run) -> Step {
    let types = public(run).await?;
    for t in types["volume_types"].as_array().into_iter().flatten() {
        if t["name"].as_str().is_some_and(|n| n.starts_with(PREFIX))
            && let Some(id) = t["id"].as_str()
        {
            let _ = VOLUME_TYPES.delete(run, id).await;
        }
    }
    Ok(())
}

/// The volume type lifecycle.
pub async fn volume_types(run: &Run) -> Step {
    let fields = json!({"description": "conformance", "os-volume-type-access:is_public": false,
                        "extra_specs": {"capabilities": "gpu"}});
    let id = VOLUME_TYPES.create(run, "type", fields).await?;
    let tid = id.as_str();
    run.remember("volume_type_id", tid);
    run.remember("volume_type", tid);
    for version in ["", "3.71"] {
        run.get("types::get", Admin, version, &[tid]).await?;
        run.get("types::list", Member, version, &[]).await?;
        run.get("types::default", Reader, version, &[]).await?;
    }
    public(run).await?;
    VOLUME_TYPES.update_and_specs(run, tid).await?;

    let other = json!({"project": run.other_project});
    let (add, remove) = (
        json!({"addProjectAccess": other}),
        json!({"removeProjectAccess": other}),
    );
    let access = [
        ("types::add_project_access", Admin, Send(add)),
        ("types::volume_type_access", Admin, Empty),
        ("types::remove_project_access", Admin, Send(remove)),
    ];
    run.requests("3.71", &[tid], access).await?;

    let encryption = run
        .sample("types::encryption::create", Admin, "3.71", &[tid])
        .await?;
    let eid = text(&encryption, "/encryption/encryption_id")?;
    run.get("types::encryption::list", Admin, "3.71", &[tid])
        .await?;
    run.get("types::encryption::get", Admin, "3.71", &[tid, "cipher"])
        .await?;
    let update = json!({"encryption": {"key_size": 512, "control_location": "back-end"}});
    let by_id = [
        ("types::encryption::update", Admin, Send(update)),
        ("types::encryption::delete", Admin, Empty),
    ];
    run.requests("3.71", &[tid, &eid], by_id).await?;
    VOLUME_TYPES.delete(run, tid).await
}

/// QoS specs: create, keys, associate with a type, read, delete.
pub async fn qos_specs(run: &Run) -> Step {
    let qos = json!({"qos_specs": named("qos", json!({}))});
    let id = run
        .create("qos_specs::create", Admin, "3.71", qos, "/qos_specs/id")
        .await?;
    let qid = id.as_str();
    run.remember("qos_id", qid);
    run.get("qos_specs::get", Admin, "3.71", &[qid]).await?;
    run.get("qos_specs::list", Admin, "3.71", &[]).await?;
    let t = VOLUME_TYPES.create(run, "qos-type", json!({})).await?;
    let with_type = Query(json!({"vol_type_id": t}));
    let calls = [
        ("qos_specs::update", Admin, Sample),
        (
            "qos_specs::delete_keys",
            Admin,
            Send(json!({"keys": ["delay"]})),
        ),
        ("qos_specs::associate", Admin, with_type.clone()),
        ("qos_specs::associations", Admin, Empty),
        ("qos_specs::disassociate", Admin, with_type.clone()),
        ("qos_specs::associate", Admin, with_type),
        ("qos_specs::disassociate_all", Admin, Empty),
    ];
    run.requests("3.71", &[qid], calls).await?;
    VOLUME_TYPES.delete(run, &t).await?;
    let force = json!({"force": false});
    run.query("qos_specs::delete", Admin, "3.71", &[qid], force)
        .await?;
    Ok(())
}
