//! The program of `tests/catalog_services.rs`: logs in to the harness's Keystone
//! with passwords from its clouds.yaml, finds Neutron, Placement, Cinder and Glance
//! through the token's catalog, and calls them with clients generated from their references.
//! Prints one line per check and exits 1 if any failed.

use apiref::runtime::{Client, CloudConfig, Error, Microversion, Secret, Version};
use catalog_services::{block_storage, image, network, placement};
use serde_json::json;

type Step<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The checks made so far, and whether all passed.
#[derive(Default)]
struct Checks {
    failed: usize,
}

impl Checks {
    fn check(&mut self, name: &str, passed: bool, detail: impl std::fmt::Display) {
        println!("{} {name}: {detail}", if passed { "ok  " } else { "FAIL" });
        if !passed {
            self.failed += 1;
        }
    }

    /// Records a typed 401: `Error::Unauthorized` carrying keystonemiddleware's
    /// `{"error": {"title": "Unauthorized", ..}}`.
    fn unauthorized<T: std::fmt::Debug>(&mut self, name: &str, result: Result<T, Error>) {
        let passed = matches!(&result, Err(Error::Unauthorized(e))
            if e.fault.as_deref() == Some("Unauthorized") && e.message.is_some());
        self.check(name, passed, format!("{result:?}"));
    }
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"))
}

/// The cloud `name` of the harness's clouds.yaml.
fn cloud(name: &str) -> Step<CloudConfig> {
    Ok(CloudConfig::load_with(
        Some(name),
        [("OS_CLIENT_CONFIG_FILE", var("APIREF_CLOUDS_YAML"))],
        &[],
    )?)
}

/// `DELETE /v3/auth/tokens` as `admin_token`, revoking `token`: the status.
/// Plain HTTP over the loopback, since no generated client here holds Keystone's
/// token operations.
fn revoke(auth_url: &str, admin_token: &Secret, token: &Secret) -> Step<u16> {
    use std::io::{Read, Write};
    let authority = auth_url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .ok_or("an http:// auth URL")?;
    let mut stream = std::net::TcpStream::connect(authority)?;
    write!(
        stream,
        "DELETE /v3/auth/tokens HTTP/1.1\r\nHost: {authority}\r\nX-Auth-Token: {}\r\n\
         X-Subject-Token: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        admin_token.expose(),
        token.expose()
    )?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    Ok(reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status line")?)
}

/// The harness's Keystone URL, from its saved stdout.
fn auth_url() -> Step<String> {
    let out = std::fs::read_to_string(var("APIREF_KEYSTONE_OUT"))?;
    out.lines()
        .find_map(|l| l.strip_prefix("AUTH_URL "))
        .map(|u| u.trim().to_owned())
        .ok_or_else(|| "no AUTH_URL line".into())
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

async fn run(checks: &mut Checks) -> Step {
    let neutron_url = var("APIREF_KS_NEUTRON_URL");
    let placement_url = var("APIREF_KS_PLACEMENT_URL");
    let admin = cloud("keystone-harness-admin")?;
    let demo = cloud("keystone-harness-demo")?;

    // Endpoints from the token's catalog, not from the harness's URLs.
    let net = Client::builder_from_cloud(&admin, &network::SERVICE)
        .connect()
        .await?;
    let pl = Client::builder_from_cloud(&admin, &placement::SERVICE)
        .connect()
        .await?;
    checks.check(
        "network endpoint from the catalog",
        same_url(net.endpoint().root(), &neutron_url),
        format!("{} (harness {neutron_url})", net.endpoint().root()),
    );
    checks.check(
        "placement endpoint from the catalog",
        same_url(pl.endpoint().root(), &placement_url),
        format!("{} (harness {placement_url})", pl.endpoint().root()),
    );

    // Neutron as admin: list, create, delete.
    let listed = network::networks::list(&net, &Default::default()).await?;
    let before = listed.body.networks.as_ref().map_or(0, Vec::len);
    // A `local` network: the harness's Neutron has no project (vxlan) network
    // left to allocate in keystone mode, and an admin may name the type.
    let request: network::networks::create::Request = serde_json::from_value(json!({"network": {
        "name": format!("catalog-{}", std::process::id()),
        "provider:network_type": "local"
    }}))?;
    let created = network::networks::create(&net, &request).await?;
    let id = serde_json::to_value(&created.body)?["network"]["id"]
        .as_str()
        .ok_or("no network id")?
        .to_owned();
    checks.check(
        "networks::create as admin",
        created.status == 201,
        format!("{} {id}", created.status),
    );
    let deleted = network::networks::delete(&net, &id).await?;
    checks.check(
        "networks::list and delete as admin",
        deleted.status == 204,
        format!("{before} networks listed; delete {}", deleted.status),
    );

    // Placement as admin, negotiated: 1.39 from the root document.
    let providers = placement::resource_providers::list(&pl, &Default::default())
        .microversion(Microversion::Negotiate)
        .await?;
    checks.check(
        "resource_providers::list negotiated",
        providers.microversion == Some(Version::new(1, 39)),
        format!("answered at {:?}", providers.microversion),
    );
    let uuid = format!("00000000-0000-4000-8000-{:012x}", std::process::id());
    let request: placement::resource_providers::create::Request =
        serde_json::from_value(json!({"name": format!("catalog-{uuid}"), "uuid": uuid}))?;
    let created = placement::resource_providers::create(&pl, &request)
        .microversion(Microversion::Exact(Version::new(1, 39)))
        .await?;
    let deleted = placement::resource_providers::delete(&pl, &uuid)
        .microversion(Microversion::Exact(Version::new(1, 39)))
        .await?;
    checks.check(
        "resource_providers::create and delete as admin at 1.39",
        created.body.uuid.as_deref() == Some(uuid.as_str()) && deleted.status == 204,
        format!("{} {uuid}; delete {}", created.status, deleted.status),
    );

    // Cinder and Glance as the demo user, found as `block-storage` and `image`.
    let bs = Client::builder_from_cloud(&demo, &block_storage::SERVICE)
        .connect()
        .await?;
    let cinder_url = var("APIREF_KS_CINDER_URL");
    checks.check(
        "block-storage endpoint from the catalog",
        same_url(bs.endpoint().root(), &cinder_url),
        format!("{} (harness {cinder_url})", bs.endpoint().root()),
    );
    let project = bs.project_id().await?;
    let volumes = block_storage::volumes::list(&bs, &project, &Default::default()).await?;
    checks.check(
        "volumes::list as demo",
        volumes.status == 200,
        format!("{} at {:?}", volumes.status, volumes.microversion),
    );
    let im = Client::builder_from_cloud(&demo, &image::SERVICE)
        .connect()
        .await?;
    let glance_url = var("APIREF_KS_GLANCE_URL");
    checks.check(
        "image endpoint from the catalog",
        same_url(im.endpoint().root(), &glance_url),
        format!("{} (harness {glance_url})", im.endpoint().root()),
    );
    let images = image::images::list(&im, &Default::default()).await?;
    checks.check("images::list as demo", images.status == 200, images.status);

    // The demo user (member, reader): Neutron lists its networks, Placement's
    // policy refuses it.
    let demo_net = Client::builder_from_cloud(&demo, &network::SERVICE)
        .connect()
        .await?;
    let mine = network::networks::list(&demo_net, &Default::default()).await;
    checks.check(
        "networks::list as demo",
        mine.as_ref().is_ok_and(|r| r.status == 200),
        format!("{:?}", mine.map(|r| r.status)),
    );
    let demo_pl = Client::builder_from_cloud(&demo, &placement::SERVICE)
        .connect()
        .await?;
    let refused = placement::resource_providers::list(&demo_pl, &Default::default())
        .microversion(Microversion::Negotiate)
        .await;
    checks.check(
        "resource_providers::list as demo: typed 403",
        matches!(&refused, Err(Error::Forbidden(e)) if e.request_id.is_some()),
        format!("{:?}", refused.map(|r| r.status)),
    );

    // A bad token, and a revoked one neither service has seen (so no
    // keystonemiddleware cache holds it): each refused with a typed 401.
    for (what, token) in [
        ("a bad token", Secret::new("not-a-token")),
        ("a revoked token", {
            let fresh = Client::builder_from_cloud(&demo, &placement::SERVICE)
                .connect()
                .await?;
            let token = fresh.token().await?.ok_or("no token")?;
            let admin_token = pl.token().await?.ok_or("no admin token")?;
            let status = revoke(&auth_url()?, &admin_token, &token)?;
            checks.check("token revoked in Keystone", status == 204, status);
            token
        }),
    ] {
        let fixed = |url: &str| Client::builder(url).token(token.expose()).build();
        let r = network::networks::list(
            &fixed(net.endpoint().root())?,
            &Default::default(),
        )
        .await;
        checks.unauthorized(
            &format!("Neutron with {what}: typed 401"),
            r.map(|r| r.status),
        );
        let r =
            placement::resource_providers::list(&fixed(pl.endpoint().root())?, &Default::default())
                .microversion(Microversion::Exact(Version::new(1, 39)))
                .await;
        checks.unauthorized(
            &format!("Placement with {what}: typed 401"),
            r.map(|r| r.status),
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    let mut checks = Checks::default();
    if let Err(e) = run(&mut checks).await {
        checks.check("the run", false, e);
    }
    if checks.failed > 0 {
        std::process::exit(1);
    }
}
