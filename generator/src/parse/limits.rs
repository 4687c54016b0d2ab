//! What a doc may hold before the generator refuses it: paths it can send as
//! written, names it can write as identifiers, examples it can nest into types
//! that rustc compiles. Each check says which limit a doc broke, so the doc's
//! line can be fixed rather than the generated code debugged.

use serde_json::Value;

/// The longest row or example key, in bytes, that may become a Rust name.
pub const MAX_NAME_BYTES: usize = 128;

/// The longest doc title, in bytes: the endpoint's function is named after it.
pub const MAX_TITLE_BYTES: usize = 256;

/// The deepest an example may nest objects and arrays: each level of objects
/// becomes a nested type, and rustc and serde's derives recurse on each.
pub const MAX_EXAMPLE_DEPTH: usize = 32;

/// The most keys one example object may have: each becomes a struct field.
pub const MAX_OBJECT_KEYS: usize = 1000;

/// Why a path cannot be sent as written: the byte offset into the path where
/// the problem starts, and what is wrong there.
#[derive(Debug, PartialEq, Eq)]
pub struct PathProblem {
    pub offset: usize,
    pub message: String,
}

const ALLOWED: &str =
    "segments of letters, digits and `-._~!$&'()*+,;=:@`, or `{name}` placeholders";

/// Checks a doc's path: `/` then segments of unreserved or sub-delim characters
/// (and `:`/`@`), or `{name}` placeholders; no `.` or `..` segment, no `?`, `#`
/// or `\`, no empty segment except a trailing one (and leading `//`, a corpus
/// typo), balanced braces. A placeholder's name is letters, digits and `_-./`
/// with at least one letter or digit: references write `{project-id}` and
/// `{tap_service_id/name}`, and the runtime fills a placeholder by position, so
/// its name only has to give a Rust name (`project_id`, `tap_service_id_name`).
pub fn check_path(path: &str) -> Result<(), PathProblem> {
    let problem = |offset: usize, what: String| {
        Err(PathProblem {
            offset,
            message: format!("path `{path}`: {what}; a path is `/` and {ALLOWED}"),
        })
    };
    if !path.starts_with('/') {
        return problem(0, "does not start with `/`".into());
    }
    // Five docs of the Compute corpus start `//v2.1/...`: a typo that generation has
    // always kept as written, so leading slashes are let through; `//` later is not.
    let body = path.trim_start_matches('/');
    let base = path.len() - body.len();
    let mut segment_start = 0;
    let mut chars = body.char_indices();
    // The segment ends at each `/` outside a placeholder, and at the end.
    let end_segment = |start: usize, end: usize, last: bool| {
        let segment = &body[start..end];
        if segment.is_empty() && !last {
            return problem(base + start, "empty segment (`//`)".into());
        }
        if segment == "." || segment == ".." {
            return problem(
                base + start,
                format!("`{segment}` segment (a server would resolve it to another path)"),
            );
        }
        Ok(())
    };
    while let Some((i, c)) = chars.next() {
        let at = base + i;
        match c {
            '/' => {
                end_segment(segment_start, i, false)?;
                segment_start = i + 1;
            }
            '{' => {
                let rest = &body[i + 1..];
                let Some(close) = rest
                    .find(['}', '{'])
                    .filter(|&k| rest[k..].starts_with('}'))
                else {
                    return problem(at, "unclosed `{`".into());
                };
                let name = &rest[..close];
                if !is_placeholder_name(name) {
                    return problem(
                        at,
                        format!(
                            "placeholder `{{{name}}}` is not a name (letters, digits and `_-./`, with a letter or digit)"
                        ),
                    );
                }
                for _ in 0..=name.chars().count() {
                    chars.next();
                }
            }
            '}' => return problem(at, "`}` without `{`".into()),
            c if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c) => {}
            '%' => {
                let hex = body.get(i + 1..i + 3).unwrap_or("");
                if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    return problem(at, "`%` not followed by two hex digits".into());
                }
            }
            other => return problem(at, format!("`{}` is not allowed", other.escape_debug())),
        }
    }
    end_segment(segment_start, body.len(), true)
}

fn is_placeholder_name(name: &str) -> bool {
    name.len() <= MAX_NAME_BYTES
        && name.chars().any(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
}

/// Checks a row's name: not longer than [`MAX_NAME_BYTES`].
pub fn check_name(name: &str) -> Result<(), String> {
    if name.len() > MAX_NAME_BYTES {
        let start: String = name.chars().take(30).collect();
        Err(format!(
            "name `{start}…` is {} bytes long; names that become Rust names may have at most {MAX_NAME_BYTES}",
            name.len()
        ))
    } else {
        Ok(())
    }
}

/// Checks a doc's title: not longer than [`MAX_TITLE_BYTES`].
pub fn check_title(title: &str) -> Result<(), String> {
    if title.len() > MAX_TITLE_BYTES {
        let start: String = title.chars().take(30).collect();
        Err(format!(
            "title `{start}…` is {} bytes long; the endpoint is named after it, and a title may have at most {MAX_TITLE_BYTES}",
            title.len()
        ))
    } else {
        Ok(())
    }
}

/// Checks an example's value against the depth, key-count and name limits,
/// without recursion (the value itself may be deeper than a stack allows).
pub fn check_example(value: &Value) -> Result<(), String> {
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Object(map) => {
                if map.len() > MAX_OBJECT_KEYS {
                    return Err(format!(
                        "an object has {} keys; an example object may have at most {MAX_OBJECT_KEYS}",
                        map.len()
                    ));
                }
                if let Some(key) = map.keys().find(|k| check_name(k).is_err()) {
                    return check_name(key).map_err(|e| format!("a key's {e}"));
                }
                Box::new(map.values())
            }
            Value::Array(items) => Box::new(items.iter()),
            _ => continue,
        };
        for child in children {
            if matches!(child, Value::Object(_) | Value::Array(_)) {
                if depth + 1 > MAX_EXAMPLE_DEPTH {
                    return Err(format!(
                        "it nests deeper than {MAX_EXAMPLE_DEPTH} levels of objects and arrays, the most an example may"
                    ));
                }
                stack.push((child, depth + 1));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_at(path: &str) -> (usize, String) {
        let p = check_path(path).expect_err(path);
        (p.offset, p.message)
    }

    #[test]
    fn corpus_paths_pass() {
        for path in [
            "/v2.1/{tenant_id}/servers/{server_id}",
            "/v2.1/{tenant_id}/servers/{server_id}/action",
            "/",
            "//v2.1/{tenant_id}/images/{image_id}/metadata/{key}",
            "/v3/auth/tokens",
            "/v2.1/os-hypervisors/{hypervisor_hostname_pattern}/search",
            "/v2.1/{tenant_id}/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}",
            "/v3/default-types/{project-id}",
            "/v2.0/taas/tap_services/{tap_service_id/name}",
            "/v1.0/sfc/service_graphs/{sfc_service_graph_id-path}",
            "/v2/{1abc}/x",
        ] {
            assert_eq!(check_path(path), Ok(()), "{path}");
        }
    }

    #[test]
    fn hostile_paths_are_refused_where_they_go_wrong() {
        let (at, msg) = refused_at("/v2.1/{tenant_id}/../os-hypervisors");
        assert_eq!(at, 18);
        assert!(msg.contains("`..` segment"), "{msg}");
        assert!(msg.contains("placeholders"), "{msg}");
        assert_eq!(refused_at("/v2.1/./x").0, 6);
        assert_eq!(refused_at("/v2.1/servers#x").0, 13);
        assert_eq!(refused_at("/v2.1/servers?x=1").0, 13);
        assert_eq!(refused_at("/v2.1\\servers").0, 5);
        let (at, msg) = refused_at("/v2.1/{tenant_id/servers");
        assert_eq!(at, 6);
        assert!(msg.contains("unclosed `{`"), "{msg}");
        let (at, msg) = refused_at("/v2.1/{a/{b}");
        assert_eq!(at, 6);
        assert!(msg.contains("unclosed `{`"), "{msg}");
        assert!(refused_at("/v2.1/tenant_id}").1.contains("`}` without `{`"));
        assert!(refused_at("/v2.1/{-}").1.contains("is not a name"));
        assert!(refused_at("/v2.1/{}").1.contains("is not a name"));
        assert!(refused_at("/v2.1/{a b}").1.contains("is not a name"));
        assert!(refused_at("/v2.1//x").1.contains("empty segment"));
        assert!(refused_at("/v2.1/a%zz").1.contains("hex"));
        assert!(refused_at("/v2.1/\r\nX: 1").1.contains("not allowed"));
    }

    #[test]
    fn names_and_examples_within_limits() {
        assert!(check_name(&"a".repeat(MAX_NAME_BYTES)).is_ok());
        assert!(check_title(&"T".repeat(MAX_TITLE_BYTES)).is_ok());
        let err = check_title(&"T".repeat(MAX_TITLE_BYTES + 1)).unwrap_err();
        assert!(err.contains("at most 256"), "{err}");
        let err = check_name(&"a".repeat(MAX_NAME_BYTES + 1)).unwrap_err();
        assert!(err.contains("at most 128"), "{err}");

        let mut deep = serde_json::json!("leaf");
        for _ in 0..MAX_EXAMPLE_DEPTH {
            deep = serde_json::json!({ "a": deep });
        }
        assert!(check_example(&deep).is_ok());
        let deeper = serde_json::json!({ "a": deep });
        let err = check_example(&deeper).unwrap_err();
        assert!(err.contains("32 levels"), "{err}");

        let wide: serde_json::Map<String, Value> = (0..=MAX_OBJECT_KEYS)
            .map(|i| (format!("k{i}"), Value::Null))
            .collect();
        let err = check_example(&Value::Object(wide)).unwrap_err();
        assert!(err.contains("at most 1000"), "{err}");

        let long_key = serde_json::json!({ "x": { "b".repeat(200): 1 } });
        assert!(check_example(&long_key).unwrap_err().contains("200 bytes"));
    }
}
