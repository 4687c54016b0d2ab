//! Neutron's listing conventions through a generated list operation: `limit` and
//! `marker` pages walked by the runtime (`Client::pages`, `networks::list_stream`),
//! `sort_key`/`sort_dir`, `fields=` selections (a partial object decodes into the
//! generated type), and filters by attribute and by tag.

use apiref::runtime::Microversion;
use network_conformance::ctx::Role::{Member, Reader};
use network_conformance::network as api;
use serde_json::json;

use crate::core::network;
use crate::{Run, Step, Unversioned, all, text};

/// Four networks tagged alike, listed every way Neutron lists.
pub async fn listing(run: &Run) -> Step {
    let tag = run.name("listed");
    let mut ids = Vec::new();
    for n in ["a", "b", "c", "d"] {
        let id = network(run, &format!("listed-{n}")).await?;
        run.get("tags::add", Member, &["networks", &id, &tag])
            .await?;
        ids.push(id);
    }
    let outcome = checks(run, &tag, &ids).await;
    for id in &ids {
        run.get("networks::delete", Member, &[id]).await?;
    }
    outcome
}

async fn checks(run: &Run, tag: &str, ids: &[String]) -> Step {
    // Pages of two through the runtime's walker: two full pages, each with a
    // `next` link (Neutron links on every full page), then an empty one that ends
    // the walk. Neutron wants as many `sort_dir`s as `sort_key`s.
    let client = run.ctx.client(Member);
    let query: api::networks::list::Query = serde_json::from_value(
        json!({"tags": tag, "limit": 2, "sort_key": "name", "sort_dir": "asc"}),
    )?;
    let mut pages = client.pages::<_, api::networks::list::Response>(
        &api::networks::list::OPERATION,
        &[],
        Some(&query),
        Microversion::Default,
    )?;
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut links = 0;
    while let Some(page) = pages.next_page().await? {
        let body = serde_json::to_value(&page.body)?;
        links += body["networks_links"].as_array().map_or(0, Vec::len);
        seen.push(all(&body, "/networks", "id"));
        if seen.len() > 5 {
            break;
        }
    }
    let full: Vec<&Vec<String>> = seen.iter().filter(|p| !p.is_empty()).collect();
    let distinct = full.len() == 2 && full[0].iter().all(|id| !full[1].contains(id));
    run.check(
        "pages: two pages of two, different items, the walk ends",
        distinct && full.iter().all(|p| p.len() == 2) && seen.len() <= 3 && links > 0,
        format!("pages {seen:?}, {links} links"),
    )?;

    // The same walk item by item through the generated stream function.
    let items = api::networks::list_stream(client, &query)
        .collect_all()
        .await?;
    let mut walked: Vec<String> = items
        .iter()
        .filter_map(|n| n.id.clone().into_option())
        .collect();
    walked.sort();
    let mut expected = ids.to_vec();
    expected.sort();
    run.check(
        "pages: list_stream yields every item once",
        walked == expected,
        format!("walked {walked:?}"),
    )?;

    let list = |role, query| run.query("networks::list", role, &[], query);

    // One page by `marker` through the recorded call, as a user would ask for it.
    let mut page = json!({"tags": tag, "limit": 1, "sort_key": "name", "sort_dir": "asc"});
    let first = list(Member, page.clone()).await?;
    let marker = text(&first, "/networks/0/id")?;
    page["marker"] = json!(marker);
    let second = list(Member, page).await?;
    let next = text(&second, "/networks/0/id")?;
    run.check(
        "pages: the marker's page starts after it",
        next != marker,
        format!("marker {marker}, next page {next}"),
    )?;

    // Sorting: names descending.
    let sorted = list(
        Reader,
        json!({"tags": tag, "sort_key": "name", "sort_dir": "desc"}),
    )
    .await?;
    let names = all(&sorted, "/networks", "name");
    let mut descending = names.clone();
    descending.sort_by(|a, b| b.cmp(a));
    run.check(
        "sort_key=name&sort_dir=desc orders by name, descending",
        names.len() == 4 && names == descending,
        format!("{names:?}"),
    )?;

    // A `fields=` selection: only `id` and `name` come back, and the partial
    // objects decode (the generated reply fields are `Nullable`: absent is a value).
    let partial = list(Member, json!({"tags": tag, "fields": ["id", "name"]})).await?;
    let keys: Vec<Vec<String>> = partial["networks"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    i.as_object()
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let typed: api::networks::list::Response = serde_json::from_value(partial.clone())?;
    let only = keys.len() == 4 && keys.iter().all(|k| k == &["id", "name"]);
    run.check(
        "fields=id&fields=name: partial objects decode into the generated type",
        only && typed.networks.as_ref().map(Vec::len) == Some(4)
            && typed
                .networks
                .as_ref()
                .is_some_and(|n| n.iter().all(|n| n.status.is_absent())),
        format!("keys {keys:?}"),
    )?;
    let one = run
        .query(
            "networks::get",
            Member,
            &[&ids[0]],
            json!({"fields": ["id", "status"]}),
        )
        .await?;
    run.check(
        "fields= on a show",
        one["network"].as_object().map(|o| o.len()) == Some(2),
        format!("{one}"),
    )?;

    // Filters: by a tag (any of two), by an attribute, by two tags that no network has both of.
    let any = list(Member, json!({"tags-any": format!("{tag},no-such-tag")})).await?;
    let none = list(Member, json!({"tags": format!("{tag},no-such-tag")})).await?;
    let by_name = list(
        Member,
        json!({"name": run.name("listed-c"), "admin_state_up": true}),
    )
    .await?;
    let counts = (
        all(&any, "/networks", "id").len(),
        all(&none, "/networks", "id").len(),
        all(&by_name, "/networks", "id"),
    );
    run.check(
        "filters: ?tags-any=, ?tags=, ?name=&admin_state_up=",
        counts.0 == 4 && counts.1 == 0 && counts.2 == [ids[2].clone()],
        format!("{counts:?}"),
    )?;
    Ok(())
}
