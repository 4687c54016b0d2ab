//! A path as naming sees it: the API version cut off, placeholders told from
//! literals, and the literal words made into identifiers.

use crate::names::words;

/// The longest identifier naming writes (a module segment or a function name).
pub const MAX_LEN: usize = 40;

/// One segment of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A literal segment as written (`servers`, `os-hypervisors`, `OS-FEDERATION`).
    Literal(String),
    /// A placeholder's name, without braces (`server_id`).
    Param(String),
}

/// A path cut into what names are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPath {
    /// The API version the path starts with (`v2.1`, `v3`), if any.
    pub version: Option<String>,
    /// The project scope's placeholder (`project_id` of `/v3/{project_id}/volumes`).
    pub scope: Option<String>,
    /// The segments after the version and the project scope.
    pub tokens: Vec<Token>,
}

impl ParsedPath {
    /// The path as naming sees it: every placeholder as `{}`, every literal as its
    /// module name. Two paths of one shape reach one resource
    /// (`/share-servers/{id}` and `/{project_id}/share_servers/{share_server_id}`).
    pub fn shape(&self) -> String {
        self.tokens
            .iter()
            .map(|t| match t {
                Token::Literal(l) => join_words(&ident_words(l, false)),
                Token::Param(_) => "{}".to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The placeholders' names, in order, the scope's first.
    pub fn params(&self) -> Vec<&str> {
        let params = self.tokens.iter().filter_map(|t| match t {
            Token::Param(p) => Some(p.as_str()),
            Token::Literal(_) => None,
        });
        self.scope.as_deref().into_iter().chain(params).collect()
    }
}

/// Reads a path as a reference writes it (`/v2.1/{tenant_id}/servers/{server_id}`,
/// `/identity/v3/OS-OAUTH2/token`, `/v2/quota-sets/{id}?user_id={u}`).
///
/// - a query written into the path is not part of it;
/// - a version segment (`v2`, `v2.0`, `v3`) among the first two segments is cut, with
///   what stands before it (a deployment's prefix such as `/identity`);
/// - a placeholder first after that, with more segments after it, is the project
///   scope (`{project_id}`, `{tenant_id}`), not a resource: it is cut too;
/// - segments with no letter, digit or brace (stray zero-width spaces) are skipped.
pub fn parse_path(path: &str) -> ParsedPath {
    let path = path.split('?').next().unwrap_or_default();
    let path = one_segment_placeholders(path);
    let mut segments: Vec<&str> = path
        .split('/')
        .map(|s| s.trim_matches(|c: char| !c.is_ascii()))
        .filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric() || c == '{'))
        .collect();
    let mut version = None;
    if let Some(at) = segments.iter().take(2).position(|s| is_version(s)) {
        version = Some(segments[at].to_string());
        segments.drain(..=at);
    }
    let mut tokens: Vec<Token> = segments.iter().map(|s| token(s)).collect();
    let mut scope = None;
    if tokens.len() > 1
        && let Token::Param(name) = &tokens[0]
    {
        scope = Some(name.clone());
        tokens.remove(0);
    }
    ParsedPath {
        version,
        scope,
        tokens,
    }
}

/// A placeholder may hold a `/` (Neutron's `{tap_service_id/name}`): it is one
/// segment, its `/` read as `_` (`tap_service_id_name`, its argument's name).
fn one_segment_placeholders(path: &str) -> String {
    let mut depth = 0usize;
    path.chars()
        .map(|c| {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '/' if depth > 0 => return '_',
                _ => {}
            }
            c
        })
        .collect()
}

fn token(segment: &str) -> Token {
    match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        Some(name) => Token::Param(name.to_string()),
        None if segment.contains('{') => Token::Param(segment.replace(['{', '}'], "")),
        None => Token::Literal(segment.to_string()),
    }
}

/// `v2`, `v2.0`, `v2.1`, `v3`, `v1.0`.
pub fn is_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// A version as numbers, to find the newest: `v2.1` -> `[2, 1]`.
pub fn version_numbers(version: &str) -> Vec<u32> {
    version
        .trim_start_matches('v')
        .split('.')
        .map(|n| n.parse().unwrap_or(0))
        .collect()
}

/// A literal or an action key as snake_case words; an `os-` prefix (any case) is
/// cut unless `keep_os`: it marks an extension that every user of the API treats
/// as part of it (`os-hypervisors`, `OS-FEDERATION`, `os-start`).
pub fn ident_words(raw: &str, keep_os: bool) -> Vec<String> {
    let bare = match raw.get(..3) {
        Some(p) if !keep_os && p.eq_ignore_ascii_case("os-") && raw.len() > 3 => &raw[3..],
        _ => raw,
    };
    words(bare)
}

/// Joins words into an identifier of at most [`MAX_LEN`] characters: whole words
/// from the start while they fit (the first word cut if it alone is too long).
/// Never empty; a leading digit gets `_`.
pub fn join_words(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        let extra = if out.is_empty() { w.len() } else { w.len() + 1 };
        if out.len() + extra > MAX_LEN {
            break;
        }
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = words
            .first()
            .map(|w| w.chars().take(MAX_LEN).collect())
            .unwrap_or_else(|| "op".to_string());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
        if out.len() > MAX_LEN {
            out.truncate(MAX_LEN);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Token {
        Token::Literal(s.into())
    }
    fn param(s: &str) -> Token {
        Token::Param(s.into())
    }

    #[test]
    fn versions_prefixes_and_project_scopes_are_cut() {
        let p = parse_path("/v2.1/{tenant_id}/servers/{server_id}/action");
        assert_eq!(p.version.as_deref(), Some("v2.1"));
        assert_eq!(
            p.tokens,
            [lit("servers"), param("server_id"), lit("action")]
        );
        assert_eq!(p.params(), ["tenant_id", "server_id"]);
        assert_eq!(p.shape(), "servers/{}/action");
        assert_eq!(
            parse_path("/v2/os-share-servers/{id}").shape(),
            "share_servers/{}"
        );
        let p = parse_path("/identity/v3/OS-OAUTH2/token");
        assert_eq!(p.version.as_deref(), Some("v3"));
        assert_eq!(p.tokens, [lit("OS-OAUTH2"), lit("token")]);
        let p = parse_path("/resource_providers/{uuid}/inventories/{resource_class}");
        assert_eq!(p.version, None);
        assert_eq!(p.params(), ["uuid", "resource_class"]);
        // The only segment: an item of the root, not a scope.
        let p = parse_path("/v2.1/{api_version}/");
        assert_eq!(p.tokens, [param("api_version")]);
        let p = parse_path("/v2/quota-sets/{project_id}?user_id={user_id}");
        assert_eq!(p.tokens, [lit("quota-sets"), param("project_id")]);
        // A zero-width space around a placeholder.
        let p = parse_path(
            "/v2/shares/{share_id}/export_locations/\u{200b}{export_location_id}\u{200b}",
        );
        assert_eq!(p.params(), ["share_id", "export_location_id"]);
        // A placeholder holding a `/` is one segment.
        let p = parse_path("/v2.0/taas/tap_services/{tap_service_id/name}");
        assert_eq!(
            p.tokens,
            [
                lit("taas"),
                lit("tap_services"),
                param("tap_service_id_name")
            ]
        );
        assert_eq!(parse_path("/").tokens, []);
        // A `v1` deep in the path is a resource.
        assert_eq!(
            parse_path("/v2.0/things/v1/x").tokens,
            [lit("things"), lit("v1"), lit("x")]
        );
    }

    #[test]
    fn words_lose_the_os_prefix_and_fit_the_limit() {
        assert_eq!(
            ident_words("os-getVNCConsole", false),
            ["get", "vnc", "console"]
        );
        assert_eq!(ident_words("OS-EP-FILTER", false), ["ep", "filter"]);
        assert_eq!(ident_words("OS-EP-FILTER", true), ["os", "ep", "filter"]);
        assert_eq!(
            ident_words("addFloatingIp", false),
            ["add", "floating", "ip"]
        );
        assert_eq!(ident_words("os-", false), ["os"]);
        assert_eq!(ident_words("ostrich", false), ["ostrich"]);
        let long: Vec<String> = "alpha beta gamma delta epsilon zeta eta theta iota"
            .split(' ')
            .map(String::from)
            .collect();
        let joined = join_words(&long);
        assert_eq!(joined, "alpha_beta_gamma_delta_epsilon_zeta_eta");
        assert!(joined.len() <= MAX_LEN);
        assert_eq!(join_words(&["x".repeat(50)]).len(), MAX_LEN);
        assert_eq!(join_words(&["2fa".into()]), "_2fa");
        assert_eq!(version_numbers("v2.1"), [2, 1]);
        assert!(
            is_version("v2.0") && is_version("v3") && !is_version("volumes") && !is_version("v")
        );
    }
}
