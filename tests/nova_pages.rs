//! `Client::pages` against a real Nova: five servers created for the test, listed
//! two to a page through Nova's own `servers_links`, then deleted.
//!
//! Needs `APIREF_NOVA_*` (tests/common/nova.rs); `scripts/test` starts the Nova
//! harness and sets them.

mod common;

use apiref::runtime::{Client, Error, Microversion, Version};
use common::nova::{CREATE_SERVER, DELETE_SERVER, Nova, SHOW_SERVER};
use serde_json::{Value, json};

mod listing {
    apiref::generate!("benches/spec/list_servers_detail");
}
use listing::servers;

/// 2.37: the first version where `networks: "none"` boots a server without ports.
const CREATE_VERSION: Microversion = Microversion::Exact(Version::new(2, 37));
const SERVERS: usize = 5;
const PAGE: i64 = 2;

/// Boots a server named `name` from the seed server's image and flavor.
async fn create(client: &Client, nova: &Nova, seed: &Value, name: &str) -> Result<String, Error> {
    let body = json!({ "server": {
        "name": name,
        "imageRef": seed["image"]["id"],
        "flavorRef": seed["flavor"]["id"],
        "networks": "none",
    }});
    let reply = client
        .call::<(), _, Value>(
            &CREATE_SERVER,
            &[&nova.project],
            None,
            Some(&body),
            CREATE_VERSION,
        )
        .await?;
    Ok(reply.body["server"]["id"]
        .as_str()
        .expect("Nova's create reply has server.id")
        .to_owned())
}

/// Every page of the servers whose name starts with `prefix`: each page's ids.
async fn walk(client: &Client, nova: &Nova, prefix: &str) -> Result<Vec<Vec<String>>, Error> {
    let query = servers::list_detailed::Query {
        limit: Some(PAGE),
        name: Some(format!("^{prefix}")),
        ..Default::default()
    };
    let mut pages = client.pages::<_, servers::list_detailed::Response>(
        &servers::list_detailed::OPERATION,
        &[&nova.project],
        Some(&query),
        Microversion::Exact(Version::new(2, 1)),
    )?;
    let mut walked = Vec::new();
    while let Some(page) = pages.next_page().await? {
        let servers = page.body.servers.into_option().unwrap_or_default();
        walked.push(
            servers
                .into_iter()
                .map(|s| s.id.into_option().expect("every server has an id"))
                .collect(),
        );
    }
    Ok(walked)
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL (scripts/test starts the Nova harness)"]
async fn walks_more_servers_than_one_page_holds() {
    let nova = Nova::from_env();
    let client = nova.client();
    let seed: Value = client
        .call::<(), (), Value>(
            &SHOW_SERVER,
            &[&nova.project, &nova.server],
            None,
            None,
            Microversion::Default,
        )
        .await
        .expect("show the seed server")
        .body["server"]
        .clone();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let prefix = format!("apiref-pages-{}-{nanos}-", std::process::id());
    let mut created = Vec::new();
    let mut failure = None;
    for i in 0..SERVERS {
        match create(&client, &nova, &seed, &format!("{prefix}{i}")).await {
            Ok(id) => created.push(id),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let walked = match failure {
        None => Some(walk(&client, &nova, &prefix).await),
        Some(_) => None,
    };
    // Clean up before any assertion can stop the test.
    let mut deleted = Vec::new();
    for id in &created {
        deleted.push(
            client
                .call::<(), (), ()>(
                    &DELETE_SERVER,
                    &[&nova.project, id],
                    None,
                    None,
                    Microversion::Default,
                )
                .await
                .map(|reply| reply.status),
        );
    }
    if let Some(e) = failure {
        panic!("creating the servers: {e}");
    }
    let walked = walked
        .expect("walked")
        .unwrap_or_else(|e| panic!("walking the pages: {e}"));
    let sizes: Vec<usize> = walked.iter().map(Vec::len).collect();
    assert_eq!(sizes, [2, 2, 1], "{walked:?}");
    let mut seen: Vec<String> = walked.into_iter().flatten().collect();
    seen.sort();
    created.sort();
    assert_eq!(seen, created, "each server once, none missing");
    for result in deleted {
        assert_eq!(result.expect("delete a created server"), 204);
    }
}
