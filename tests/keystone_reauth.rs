//! A token revoked in Keystone while a client holds it: Nova (no token cache) answers
//! 401, and the client gets exactly one new token and retries once. One test in its
//! own binary, so Keystone's access log counts only its logins. Skips (passes) when
//! `APIREF_KEYSTONE_OUT` is unset.

mod common;
mod keystone_common;

use apiref::runtime::{Client, CloudConfig};
use common::compute;
use common::rename_to;
use keystone_common::Keystone;

#[tokio::test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
async fn a_revoked_token_is_renewed_once_and_the_call_retried() {
    let ks = Keystone::from_env();
    let demo =
        CloudConfig::load_with(Some("keystone-harness-demo"), ks.clouds_env(), &[]).expect("reads");
    let admin = CloudConfig::load_with(Some("keystone-harness-admin"), ks.clouds_env(), &[])
        .expect("reads");
    let client = Client::builder_from_cloud(&demo, &compute::SERVICE)
        .connect()
        .await
        .expect("connect");
    let project = client.project_id().await.expect("project");
    let update = |name: &'static str| {
        let client = client.clone();
        let project = project.clone();
        let server = ks.server.clone();
        async move { compute::update_server(&client, &project, &server, &rename_to(name)).await }
    };
    update("ks-before-revoke").await.expect("works before");

    let revoked = client.token().await.expect("token").expect("some");
    let admin_client = Client::builder_from_cloud(&admin, &compute::SERVICE)
        .connect()
        .await
        .expect("admin connect");
    let admin_token = admin_client.token().await.expect("token").expect("some");
    assert_eq!(ks.revoke(admin_token.expose(), revoked.expose()), 204);

    let issued_before = ks.tokens_issued();
    let reply = update("ks-after-revoke")
        .await
        .unwrap_or_else(|e| panic!("the call re-authenticates and succeeds: {e}"));
    assert_eq!(reply.body.server.name.as_deref(), Some("ks-after-revoke"));
    assert_eq!(
        ks.tokens_issued(),
        issued_before + 1,
        "exactly one new token was fetched"
    );
    let current = client.token().await.expect("token").expect("some");
    assert_ne!(
        current.expose(),
        revoked.expose(),
        "the client holds the new token"
    );
}
