//! Update Server through the generated client against a real Keystone and a Nova that
//! validates every token with it (scripts/services/keystone.sh starts both): clouds
//! from the harness's clouds.yaml and from `OS_*` variables, a refused login, and a
//! region the catalog does not have. Skips (passes) when `APIREF_KEYSTONE_OUT` is
//! unset.

mod common;
mod keystone_common;

use apiref::runtime::{Client, CloudConfig, Error};
use common::compute;
use common::rename_to;
use keystone_common::Keystone;

/// Renames the harness's server through `cloud` and checks Nova's reply.
async fn rename_through(ks: &Keystone, cloud: &CloudConfig, name: &str) {
    let client = Client::builder_from_cloud(cloud, &compute::SERVICE)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    let project = client.project_id().await.expect("project scope");
    assert_eq!(
        project,
        ks.project_id(),
        "the token's project is the demo project"
    );
    let reply = compute::update_server(&client, &project, &ks.server, &rename_to(name))
        .await
        .unwrap_or_else(|e| panic!("update: {e}"));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body.server.id.as_deref(), Some(ks.server.as_str()));
    assert_eq!(reply.body.server.name.as_deref(), Some(name));
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
async fn password_cloud_from_clouds_yaml() {
    let ks = Keystone::from_env();
    let cloud = CloudConfig::load_with(Some("keystone-harness-demo"), ks.clouds_env(), &[])
        .expect("the harness's clouds.yaml reads");
    rename_through(&ks, &cloud, "ks-password-cloud").await;
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
async fn application_credential_cloud_from_clouds_yaml() {
    let ks = Keystone::from_env();
    // OS_CLOUD picks the cloud when no name is given.
    let env = [
        ("OS_CLOUD".to_owned(), "keystone-harness-appcred".to_owned()),
        ("OS_CLIENT_CONFIG_FILE".to_owned(), ks.clouds_yaml()),
    ];
    let cloud = CloudConfig::load_with(None, env, &[]).expect("the appcred cloud reads");
    assert_eq!(cloud.name.as_deref(), Some("keystone-harness-appcred"));
    rename_through(&ks, &cloud, "ks-appcred-cloud").await;
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
async fn os_variables_without_any_file() {
    let ks = Keystone::from_env();
    let vars = [
        ("OS_AUTH_URL", ks.auth_url().to_owned()),
        ("OS_USERNAME", "demo".to_owned()),
        ("OS_PASSWORD", ks.user["password"].clone()),
        ("OS_PROJECT_NAME", "demo".to_owned()),
        ("OS_USER_DOMAIN_NAME", "Default".to_owned()),
        ("OS_PROJECT_DOMAIN_ID", "default".to_owned()),
        ("OS_REGION_NAME", "RegionOne".to_owned()),
        ("OS_INTERFACE", "public".to_owned()),
    ];
    // No search folders: nothing but the variables.
    let cloud = CloudConfig::load_with(None, vars, &[]).expect("OS_* variables read");
    assert_eq!(cloud.name, None);
    rename_through(&ks, &cloud, "ks-os-variables").await;
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
async fn a_wrong_password_is_keystones_401_without_the_password() {
    let ks = Keystone::from_env();
    const WRONG: &str = "not-the-password-4711";
    let auth_url = ks.auth_url().to_owned();
    let env = [
        ("OS_AUTH_URL", auth_url.as_str()),
        ("OS_USERNAME", "demo"),
        ("OS_PASSWORD", WRONG),
        ("OS_PROJECT_NAME", "demo"),
        ("OS_USER_DOMAIN_NAME", "Default"),
        ("OS_PROJECT_DOMAIN_NAME", "Default"),
    ];
    let cloud = CloudConfig::load_with(None, env, &[]).expect("reads");
    let err = Client::builder_from_cloud(&cloud, &compute::SERVICE)
        .connect()
        .await
        .expect_err("Keystone refuses");
    let Error::Auth(api) = &err else {
        panic!("not an auth error: {err:?}")
    };
    assert_eq!(api.status, 401);
    assert_eq!(api.fault.as_deref(), Some("Unauthorized"));
    assert_eq!(
        api.message.as_deref(),
        Some("The request you have made requires authentication.")
    );
    assert!(api.request_id.is_some(), "Keystone sends a request id");
    let shown = format!("{err} | {err:?} | {cloud:?}");
    assert!(
        shown.contains("Keystone refused authentication: 401"),
        "{shown}"
    );
    assert!(!shown.contains(WRONG), "{shown}");
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
async fn a_region_the_catalog_lacks_lists_what_it_has() {
    let ks = Keystone::from_env();
    let mut cloud =
        CloudConfig::load_with(Some("keystone-harness-demo"), ks.clouds_env(), &[]).expect("reads");
    cloud.region_name = Some("Atlantis".to_owned());
    let err = Client::builder_from_cloud(&cloud, &compute::SERVICE)
        .connect()
        .await
        .expect_err("no such region");
    let Error::Catalog(catalog) = &err else {
        panic!("not a catalog error: {err:?}")
    };
    assert_eq!(catalog.service_type, "compute");
    assert!(catalog.offered_services.iter().any(|s| s == "identity"));
    let msg = err.to_string();
    for expected in [
        "\"Atlantis\"",
        "public in RegionOne",
        "internal in RegionOne",
    ] {
        assert!(msg.contains(expected), "{expected} missing: {msg}");
    }
}

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT (scripts/test sets it)"]
async fn openrc_files_of_both_kinds_through_the_library() {
    let ks = Keystone::from_env();
    // The demo user's openrc; a clouds.yaml of two clouds in reach changes nothing.
    let mut env = ks.openrc();
    env.push(("OS_CLIENT_CONFIG_FILE".to_owned(), ks.clouds_yaml()));
    let cloud = CloudConfig::load_with(None, env, &[]).expect("the openrc reads");
    assert_eq!(cloud.name, None);
    rename_through(&ks, &cloud, "ks-openrc-library").await;

    // An application-credential openrc.
    let cloud = CloudConfig::load_with(None, ks.appcred_openrc(), &[]).expect("the openrc reads");
    let shown = format!("{cloud:?}");
    assert!(!shown.contains(ks.app_cred["secret"].as_str()), "{shown}");
    rename_through(&ks, &cloud, "ks-openrc-appcred-library").await;
}
