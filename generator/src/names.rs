//! How JSON names and doc titles become Rust names.
//!
//! Rules (documented in the README):
//! - fields: snake_case of the JSON name; `OS-EXT-SRV-ATTR:host` -> `os_ext_srv_attr_host`,
//!   `accessIPv4` -> `access_ipv4`, `hostId` -> `host_id`; Rust keywords get `r#`
//!   (`r#type`), and the few that cannot be raw get a trailing `_`;
//! - types: PascalCase, arrays' item types singular (`links` -> `Link`);
//! - endpoints: snake_case of the doc title; equal names get the path's version
//!   (`update_server_v2`), then the action or a number, until unique.

/// Words that cannot name a field as they are.
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that `r#` cannot escape.
pub const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a name into lowercase words: at non-alphanumerics, at lower-to-upper
/// changes, and before the last capital of a capital run (`HTTPServer`), except
/// where the run ends in a version marker (`IPv4` stays one word).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let after_next = chars.get(i + 2).copied();
        let boundary = match prev {
            Some(p) if c.is_uppercase() && (p.is_lowercase() || p.is_ascii_digit()) => true,
            Some(p) if c.is_uppercase() && p.is_uppercase() => {
                // `HTTPServer`: split before `S`; `IPv4`: `v4` is a version, no split.
                next.is_some_and(|n| n.is_lowercase())
                    && !(next == Some('v') && after_next.is_some_and(|a| a.is_ascii_digit()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `OS-EXT-SRV-ATTR:host` -> `os_ext_srv_attr_host`. Never empty, never starts with a digit.
pub fn snake_case(name: &str) -> String {
    // Most JSON names are snake_case already (`host_id`), and splitting them into
    // words to join them again was a twentieth of an unoptimised generation.
    let bytes = name.as_bytes();
    let plain = bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_');
    if plain
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && !name.ends_with('_')
        && !name.contains("__")
    {
        return name.to_owned();
    }
    let joined = words(name).join("_");
    match joined.chars().next() {
        None => "field".into(),
        Some(c) if c.is_ascii_digit() => format!("_{joined}"),
        Some(_) => joined,
    }
}

/// `security_groups` -> `SecurityGroups`.
pub fn pascal_case(name: &str) -> String {
    let mut out: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    // The one PascalCase keyword; `r#` cannot escape it.
    if out == "Self" {
        out.push('_');
    }
    out
}

/// The item of a plural: `links` -> `link`, `addresses` -> `address`,
/// `policies` -> `policy`. Names that are not plural stay as they are.
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if name.ends_with(suffix) {
            return name[..name.len() - 2].to_string();
        }
    }
    if name.ends_with('s') && !name.ends_with("ss") && name.len() > 1 {
        return name[..name.len() - 1].to_string();
    }
    name.to_string()
}

/// A field or argument name as Rust source: `type` -> `r#type`, `self` -> `self_`.
pub fn field_ident(snake: &str) -> String {
    if NOT_RAW.contains(&snake) {
        format!("{snake}_")
    } else if KEYWORDS.contains(&snake) {
        format!("r#{snake}")
    } else {
        snake.to_string()
    }
}

/// Gives every name in `names` a unique value, in order: a repeat gets `_2`, `_3`, ...
pub fn dedupe(names: &mut [String]) {
    // Nearly always nothing repeats: found by sorting references, not by hashing
    // and cloning every name.
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w[0] != w[1]) {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for name in names.iter_mut() {
        if !seen.insert(name.clone()) {
            let mut n = 2;
            while !seen.insert(format!("{name}_{n}")) {
                n += 1;
            }
            *name = format!("{name}_{n}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_nova_names() {
        assert_eq!(snake_case("OS-EXT-SRV-ATTR:host"), "os_ext_srv_attr_host");
        assert_eq!(snake_case("accessIPv4"), "access_ipv4");
        assert_eq!(snake_case("accessIPv6"), "access_ipv6");
        assert_eq!(snake_case("hostId"), "host_id");
        assert_eq!(snake_case("OS-DCF:diskConfig"), "os_dcf_disk_config");
        assert_eq!(
            snake_case("os-extended-volumes:volumes_attached"),
            "os_extended_volumes_volumes_attached"
        );
        assert_eq!(snake_case("imageRef"), "image_ref");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("Update Server"), "update_server");
        assert_eq!(snake_case("2fa"), "_2fa");
        assert_eq!(snake_case("::"), "field");
    }

    #[test]
    fn pascal_and_singular() {
        assert_eq!(pascal_case("security_groups"), "SecurityGroups");
        assert_eq!(pascal_case(&singular("security_groups")), "SecurityGroup");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("links"), "link");
        assert_eq!(singular("access"), "access");
        assert_eq!(pascal_case("OS-EXT-IPS:type"), "OsExtIpsType");
        assert_eq!(pascal_case("Self"), "Self_");
        assert_eq!(pascal_case("self"), "Self_");
        assert_eq!(pascal_case("selfLink"), "SelfLink");
    }

    #[test]
    fn keywords_and_duplicates() {
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("name"), "name");
        let mut names = vec!["id".to_string(), "id".into(), "id_2".into(), "x".into()];
        dedupe(&mut names);
        assert_eq!(names, ["id", "id_2", "id_2_2", "x"]);
    }
}
