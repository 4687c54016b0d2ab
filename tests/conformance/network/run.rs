//! The Neutron conformance program: real lifecycles through the client generated
//! from Neutron's reference, every call recorded (see `ctx.rs`), then a sweep that
//! calls each operation no lifecycle reached once, so an operation this Neutron
//! cannot serve shows what it answered. Built and run by
//! `tests/network_conformance.rs`, which turns the record into the report.

mod admin;
mod conventions;
mod core;
mod errors;
mod qos;
mod routers;
mod security;
mod sweep;
mod trunks;

use network_conformance::ctx::{Ctx, Role};

use apiref::runtime::Json;

pub use network_conformance::ctx::{ALL_ROLES, Step, Unversioned, text};

/// The run's state: the calls, and what the harness seeded.
pub struct Run {
    /// Calls and the record.
    pub ctx: Ctx,
    /// The shared external network ("public") floating IPs and gateways come from.
    pub external_network: String,
    /// Its IPv4 subnet.
    pub external_subnet: String,
    /// The default IPv4 subnet pool.
    pub subnetpool: String,
    /// The project of `other-project-token`, a target for RBAC policies.
    pub other_project: String,
    /// Names made in this run start with it, so reruns against one Neutron and
    /// filters by name see only this run's resources.
    pub prefix: String,
}

impl Unversioned for Run {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl Run {
    /// Creates with `body` and returns the new resource's id, read at `/<key>/id`
    /// (`key` being the body's one top-level key); remembers it for the sweep
    /// under `placeholder`.
    pub async fn create(
        &self,
        op: &str,
        role: Role,
        args: &[&str],
        body: Json,
        placeholder: &str,
    ) -> Step<String> {
        let key = body
            .as_object()
            .and_then(|o| o.keys().next().cloned())
            .ok_or("a create body has one top-level key")?;
        let reply = self.send(op, role, args, body).await?;
        let id = text(&reply, &format!("/{key}/id"))?;
        self.ctx.remember(placeholder, &id);
        Ok(id)
    }

    /// [`Run::create`] through `<ops>::create`, `parent` being the path arguments
    /// before the new resource's id (its router's, for a conntrack helper): the
    /// new resource, for the calls on it.
    pub async fn make(
        &self,
        ops: &str,
        role: Role,
        parent: &[&str],
        body: Json,
        placeholder: &str,
    ) -> Step<Resource<'_>> {
        let op = format!("{ops}::create");
        let id = self.create(&op, role, parent, body, placeholder).await?;
        Ok(self.on(ops, parent, &id))
    }

    /// The calls on the resource `id` of `ops` (see [`Resource`]).
    pub fn on(&self, ops: &str, parent: &[&str], id: &str) -> Resource<'_> {
        Resource {
            run: self,
            ops: ops.to_owned(),
            parent: parent.iter().map(|&a| a.to_owned()).collect(),
            id: id.to_owned(),
        }
    }

    /// `op` of `args` as every role: a read each role of the project may make.
    pub async fn read_by_all(&self, op: &str, args: &[&str]) -> Step {
        for role in ALL_ROLES {
            self.get(op, role, args).await?;
        }
        Ok(())
    }

    /// A name of this run.
    pub fn name(&self, what: &str) -> String {
        format!("{}{what}", self.prefix)
    }

    /// Records a check of the program: passed when `passed`, with `detail`.
    pub fn check(&self, name: &str, passed: bool, detail: impl Into<String>) -> Step {
        let detail = detail.into();
        self.ctx.check(name, passed, detail.clone());
        if passed {
            Ok(())
        } else {
            Err(format!("{name}: {detail}").into())
        }
    }
}

/// One resource, for the calls on it: `<ops>::<verb>` (`ops` being `routers`,
/// `qos::policies`, ...) with its parent's path arguments, then its id; `list`
/// with its parent's alone.
pub struct Resource<'r> {
    run: &'r Run,
    ops: String,
    parent: Vec<String>,
    /// Its id.
    pub id: String,
}

impl Resource<'_> {
    fn op(&self, verb: &str) -> String {
        format!("{}::{verb}", self.ops)
    }

    fn parent(&self) -> Vec<&str> {
        self.parent.iter().map(String::as_str).collect()
    }

    fn args(&self) -> Vec<&str> {
        let mut args = self.parent();
        args.push(&self.id);
        args
    }

    /// `<verb>` on it with no body (`get`, `l3_agents`).
    pub async fn call(&self, verb: &str, role: Role) -> Step<Json> {
        Ok(self.run.get(&self.op(verb), role, &self.args()).await?)
    }

    /// `<verb>` on it with `body` (`update`, `add_prefixes`).
    pub async fn send(&self, verb: &str, role: Role, body: Json) -> Step<Json> {
        let op = self.op(verb);
        Ok(self.run.send(&op, role, &self.args(), body).await?)
    }

    /// `get` as `role`.
    pub async fn get(&self, role: Role) -> Step<Json> {
        self.call("get", role).await
    }

    /// `get` as every role.
    pub async fn read_by_all(&self) -> Step {
        self.run.read_by_all(&self.op("get"), &self.args()).await
    }

    /// `update` as `role` with `body`.
    pub async fn update(&self, role: Role, body: Json) -> Step<Json> {
        self.send("update", role, body).await
    }

    /// `list` of its kind as `role`.
    pub async fn list(&self, role: Role) -> Step<Json> {
        Ok(self.run.get(&self.op("list"), role, &self.parent()).await?)
    }

    /// `list` of its kind as `role`, with `query`.
    pub async fn filter(&self, role: Role, query: Json) -> Step<Json> {
        let op = self.op("list");
        Ok(self.run.query(&op, role, &self.parent(), query).await?)
    }

    /// `delete` as `role`.
    pub async fn delete(&self, role: Role) -> Step {
        self.call("delete", role).await?;
        Ok(())
    }
}

/// The `field` of every item of the array at `pointer`.
pub fn all(value: &Json, pointer: &str, field: &str) -> Vec<String> {
    value
        .pointer(pointer)
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i[field].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name}"));
    let url = var("APIREF_NEUTRON_URL");
    let project = var("APIREF_NEUTRON_PROJECT");
    let ctx = Ctx::new(
        &url,
        &project,
        ["admin-token", "member-token", "reader-token"],
    )
    .expect("clients");
    let run = Run {
        ctx,
        external_network: var("APIREF_NEUTRON_EXTERNAL_NETWORK"),
        external_subnet: var("APIREF_NEUTRON_EXTERNAL_SUBNET"),
        subnetpool: var("APIREF_NEUTRON_SUBNETPOOL"),
        other_project: var("APIREF_NEUTRON_OTHER_PROJECT"),
        prefix: format!("conformance-{}-", std::process::id()),
    };

    run.ctx
        .lifecycle(
            "versions and extensions",
            admin::versions_and_extensions(&run),
        )
        .await;
    run.ctx.lifecycle("networks", core::networks(&run)).await;
    run.ctx.lifecycle("subnets", core::subnets(&run)).await;
    run.ctx.lifecycle("ports", core::ports(&run)).await;
    run.ctx
        .lifecycle("listing conventions", conventions::listing(&run))
        .await;
    run.ctx.lifecycle("routers", routers::routers(&run)).await;
    run.ctx
        .lifecycle("floating ips", routers::floating_ips(&run))
        .await;
    run.ctx
        .lifecycle("ndp proxies", routers::ndp_proxies(&run))
        .await;
    run.ctx
        .lifecycle("local ips", routers::local_ips(&run))
        .await;
    run.ctx
        .lifecycle("security groups", security::security_groups(&run))
        .await;
    run.ctx
        .lifecycle("default rules", security::default_rules(&run))
        .await;
    run.ctx
        .lifecycle(
            "address scopes and pools",
            security::address_scopes_and_pools(&run),
        )
        .await;
    run.ctx
        .lifecycle("address groups", security::address_groups(&run))
        .await;
    run.ctx
        .lifecycle("rbac policies", security::rbac_policies(&run))
        .await;
    run.ctx.lifecycle("qos", qos::qos(&run)).await;
    run.ctx.lifecycle("trunks", trunks::trunks(&run)).await;
    run.ctx.lifecycle("tags", admin::tags(&run)).await;
    run.ctx.lifecycle("quotas", admin::quotas(&run)).await;
    run.ctx.lifecycle("segments", admin::segments(&run)).await;
    run.ctx.lifecycle("metering", admin::metering(&run)).await;
    run.ctx.lifecycle("logging", admin::logging(&run)).await;
    run.ctx.lifecycle("flavors", admin::flavors(&run)).await;
    run.ctx
        .lifecycle(
            "auto-allocated topology",
            admin::auto_allocated_topology(&run),
        )
        .await;
    run.ctx
        .lifecycle("agents and zones", admin::agents_and_zones(&run))
        .await;
    run.ctx
        .lifecycle("typed errors", errors::typed_errors(&run, &url))
        .await;
    run.ctx.lifecycle("sweep", sweep::sweep(&run)).await;

    run.ctx.write_records();
}
