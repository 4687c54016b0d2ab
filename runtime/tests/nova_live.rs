//! Against a real Nova (../shared/nova-harness). Skipped unless these are set:
//! `APIREF_NOVA_URL` (e.g. http://127.0.0.1:18774), `APIREF_NOVA_PROJECT`,
//! `APIREF_NOVA_SERVER` — the READY lines of `run_nova.sh`. Tokens are the harness's
//! fixed ones.

use apiref_runtime::{Client, Error, Extra, Method, Microversion, Operation, Version};
use serde::{Deserialize, Serialize};
use serde_json::json;

const UPDATE: Operation = Operation {
    name: "updateServer",
    method: Method::Put,
    path: "/v2.1/{tenant_id}/servers/{server_id}",
    service: "compute",
    documented_statuses: &[200, 400, 401, 403, 404, 409],
    min_microversion: None,
    max_microversion: None,
};

#[derive(Deserialize, Debug)]
struct Reply {
    server: Server,
}

#[derive(Deserialize, Debug)]
struct Server {
    id: String,
    name: String,
    description: Option<String>,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Serialize)]
struct Body {
    server: serde_json::Value,
}

struct Live {
    url: String,
    project: String,
    server: String,
}

fn live() -> Option<Live> {
    let get = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        get("APIREF_NOVA_URL"),
        get("APIREF_NOVA_PROJECT"),
        get("APIREF_NOVA_SERVER"),
    ) {
        (Some(url), Some(project), Some(server)) => Some(Live {
            url,
            project,
            server,
        }),
        _ => {
            eprintln!("skipped: APIREF_NOVA_URL/PROJECT/SERVER not set");
            None
        }
    }
}

fn client(live: &Live, token: &str) -> Client {
    Client::builder(&format!("{}/v2.1/{}", live.url, live.project))
        .token(token)
        .build()
        .expect("client builds")
}

async fn update(
    client: &Client,
    live: &Live,
    server_id: &str,
    server: serde_json::Value,
    mv: Microversion,
) -> Result<apiref_runtime::Response<Reply>, Error> {
    client
        .call::<(), _, Reply>(
            &UPDATE,
            &[&live.project, server_id],
            None,
            Some(&Body { server }),
            mv,
        )
        .await
}

#[tokio::test]
async fn real_nova() {
    let Some(live) = live() else { return };
    let admin = client(&live, "admin-token");

    let range = admin.server_versions().await.expect("version document");
    assert_eq!(range.min, Version::new(2, 1));
    assert_eq!(range.max, Version::new(2, 104));

    let reply = update(
        &admin,
        &live,
        &live.server,
        json!({"name": "renamed", "description": "from apiref"}),
        Version::new(2, 19).into(),
    )
    .await
    .expect("update at 2.19");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.microversion, Some(Version::new(2, 19)));
    assert!(
        reply
            .request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("req-"))
    );
    assert_eq!(reply.body.server.id, live.server);
    assert_eq!(reply.body.server.name, "renamed");
    assert_eq!(
        reply.body.server.description.as_deref(),
        Some("from apiref")
    );
    assert!(reply.body.server.extra.contains_key("locked"));

    // Negotiation picks min(server max 2.104, operation max 2.60). (From 2.90 on,
    // this harness's PUT fails with a 500 from a SQLAlchemy deprecation warning.)
    const UP_TO_60: Operation = Operation {
        max_microversion: Some(Version::new(2, 60)),
        ..UPDATE
    };
    let reply = admin
        .call::<(), _, Reply>(
            &UP_TO_60,
            &[&live.project, &live.server],
            None,
            Some(&Body {
                server: json!({"name": "n2"}),
            }),
            Microversion::Negotiate,
        )
        .await
        .expect("negotiated update");
    assert_eq!(reply.microversion, Some(Version::new(2, 60)));

    let err = update(
        &admin,
        &live,
        &live.server,
        json!({"description": "x"}),
        Microversion::Default,
    )
    .await
    .expect_err("description needs 2.19");
    assert!(matches!(err, Error::BadRequest(_)), "{err}");
    assert_eq!(
        err.api_error().and_then(|e| e.fault.as_deref()),
        Some("badRequest")
    );

    let err = update(
        &admin,
        &live,
        "../../os-hypervisors",
        json!({"name": "x"}),
        Microversion::Default,
    )
    .await
    .expect_err("no such server");
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    // Nova's router decodes %2F, finds no route, and answers with an HTML 404.
    let api = err.api_error().expect("api error");
    assert_eq!(api.fault, None);
    assert!(api.body.contains("404 Not Found"), "{}", api.body);

    let err = update(
        &admin,
        &live,
        &live.server,
        json!({"name": "x"}),
        Version::new(9, 9).into(),
    )
    .await
    .expect_err("unsupported microversion");
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err}");
    assert_eq!(err.status(), Some(406));

    let reader = client(&live, "reader-token");
    let err = update(
        &reader,
        &live,
        &live.server,
        json!({"name": "x"}),
        Microversion::Default,
    )
    .await
    .expect_err("reader cannot update");
    assert!(matches!(err, Error::Forbidden(_)), "{err}");

    let bad = client(&live, "no-such-token");
    let err = update(
        &bad,
        &live,
        &live.server,
        json!({"name": "x"}),
        Microversion::Default,
    )
    .await
    .expect_err("unknown token");
    assert!(matches!(err, Error::Unauthorized(_)), "{err}");
    assert_eq!(
        err.api_error().and_then(|e| e.fault.as_deref()),
        Some("Unauthorized")
    );
    assert!(!format!("{err} {err:?}").contains("no-such-token"));
    eprintln!("401 shown as: {err}");
}
