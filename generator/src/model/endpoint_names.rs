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
        let mine = literal_segments(&e.path);
        let others: Vec<Vec<String>> = group.iter().map(|p| literal_segments(p)).collect();
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

/// The segments of a path that are not placeholders. A placeholder may hold a
/// `/` (`{tap_service_id/name}`), so placeholders go before the path is split.
fn literal_segments(path: &str) -> Vec<String> {
    let mut bare = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        bare.push_str(&rest[..open]);
        bare.push('{');
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    bare.push_str(rest);
    bare.split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(String::from)
        .collect()
}

/// `/v2.1/{tenant_id}/...` -> `v2_1`.
fn path_version(path: &str) -> Option<String> {
    let first = path.trim_start_matches('/').split('/').next()?;
    (first.starts_with('v') && first[1..].chars().all(|c| c.is_ascii_digit() || c == '.'))
        .then(|| first.replace('.', "_"))
}

#[cfg(test)]
mod tests {
    use super::literal_segments;

    #[test]
    fn placeholders_holding_a_slash_are_no_segments() {
        assert_eq!(
            literal_segments("/v2.0/taas/tap_services/{tap_service_id/name}/x"),
            ["v2.0", "taas", "tap_services", "x"]
        );
        assert_eq!(
            literal_segments("/v3/default-types/{project-id}"),
            ["v3", "default-types"]
        );
        assert_eq!(literal_segments("/a/{unclosed"), ["a"]);
    }
}
