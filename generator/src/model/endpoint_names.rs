//! Endpoint names, unique across the endpoints generated together.

use crate::names::{dedupe, snake_case};

use super::endpoint::Endpoint;

/// Makes endpoint names unique, deterministically. Among endpoints with the same
/// name (from equal titles), in this order until the names differ:
/// 1. those whose path is of an older API version (`/v2/` beside `/v2.1/`) get the
///    version appended (`update_server_v2`);
/// 2. each gets the first literal path segment in which their paths differ
///    (`associate_host_os_networks`, `associate_host_os_tenant_networks`);
/// 3. each gets the first key of its request body (the action name, for
///    `.../action`);
/// 4. repeats get `_2`, `_3`, ... in file order.
pub fn assign_endpoint_names(endpoints: &mut [Endpoint]) {
    disambiguate(endpoints, |e, _| {
        path_version(&e.path).filter(|v| v != "v2_1")
    });
    disambiguate(endpoints, |e, group| {
        let segments = |p: &str| -> Vec<String> {
            p.split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{'))
                .map(String::from)
                .collect()
        };
        let mine = segments(&e.path);
        let others: Vec<Vec<String>> = group.iter().map(|p| segments(p)).collect();
        mine.iter()
            .enumerate()
            .find(|(i, seg)| others.iter().any(|o| o.get(*i) != Some(seg)))
            .map(|(_, seg)| snake_case(seg))
    });
    disambiguate(endpoints, |e, _| {
        e.request
            .as_ref()
            .and_then(|b| b.object.fields.first())
            .map(|f| snake_case(&f.json_name))
    });
    let mut names: Vec<String> = endpoints.iter().map(|e| e.name.clone()).collect();
    dedupe(&mut names);
    for (e, name) in endpoints.iter_mut().zip(names) {
        e.name = name;
    }
}

/// Appends `suffix(endpoint, paths of its namesakes)` to every endpoint whose name
/// is shared.
fn disambiguate(
    endpoints: &mut [Endpoint],
    suffix: impl Fn(&Endpoint, &[String]) -> Option<String>,
) {
    let mut groups: std::collections::HashMap<String, Vec<String>> = Default::default();
    for e in endpoints.iter() {
        groups
            .entry(e.name.clone())
            .or_default()
            .push(e.path.clone());
    }
    let suffixes: Vec<Option<String>> = endpoints
        .iter()
        .map(|e| match groups.get(&e.name) {
            Some(group) if group.len() > 1 => suffix(e, group),
            _ => None,
        })
        .collect();
    for (e, suffix) in endpoints.iter_mut().zip(suffixes) {
        if let Some(suffix) = suffix {
            e.name = format!("{}_{suffix}", e.name);
        }
    }
}

/// `/v2.1/{tenant_id}/...` -> `v2_1`.
fn path_version(path: &str) -> Option<String> {
    let first = path.trim_start_matches('/').split('/').next()?;
    (first.starts_with('v') && first[1..].chars().all(|c| c.is_ascii_digit() || c == '.'))
        .then(|| first.replace('.', "_"))
}
