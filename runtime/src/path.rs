//! Rendering an operation's path template. Each argument becomes exactly one path
//! segment: every byte outside RFC 3986 "unreserved" is percent-encoded, so a `/` in
//! an id cannot reach another resource, and arguments that URL parsers would drop or
//! collapse (empty, `.`, `..`) are refused rather than sent.

use std::fmt::Write as _;

use crate::error::Error;

/// Fills `template`'s `{name}` placeholders, in order, with `args`.
pub fn render_path(template: &str, args: &[&str]) -> Result<String, Error> {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    let mut used = 0;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| Error::InvalidArgument {
            name: template.to_owned(),
            reason: "unclosed '{' in path template".to_owned(),
        })?;
        let name = &after[..close];
        let arg = args.get(used).ok_or_else(|| Error::InvalidArgument {
            name: name.to_owned(),
            reason: format!(
                "path {template} needs more than the {} argument(s) given",
                args.len()
            ),
        })?;
        check_segment(name, arg)?;
        encode_segment(arg, &mut out);
        used += 1;
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    if used != args.len() {
        return Err(Error::InvalidArgument {
            name: "path_args".to_owned(),
            reason: format!(
                "path {template} has {used} placeholder(s) but {} argument(s) were given",
                args.len()
            ),
        });
    }
    Ok(out)
}

fn check_segment(name: &str, value: &str) -> Result<(), Error> {
    let reason = match value {
        "" => "must not be empty",
        "." | ".." => "must not be `.` or `..` (URL parsers collapse such segments)",
        _ => return Ok(()),
    };
    Err(Error::InvalidArgument {
        name: name.to_owned(),
        reason: reason.to_owned(),
    })
}

/// Percent-encodes every byte outside `A-Za-z0-9-._~`.
pub(crate) fn encode_segment(value: &str, out: &mut String) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "/v2.1/{tenant_id}/servers/{server_id}";

    #[test]
    fn fills_in_order() {
        assert_eq!(
            render_path(T, &["p1", "abc-123"]).ok().as_deref(),
            Some("/v2.1/p1/servers/abc-123")
        );
        assert_eq!(
            render_path("/v2.1/flavors", &[]).ok().as_deref(),
            Some("/v2.1/flavors")
        );
    }

    #[test]
    fn placeholders_that_are_no_rust_names_are_filled_by_position() {
        assert_eq!(
            render_path("/v3/default-types/{project-id}", &["p 1"])
                .ok()
                .as_deref(),
            Some("/v3/default-types/p%201")
        );
        assert_eq!(
            render_path("/v2.0/taas/tap_services/{tap_service_id/name}", &["a/b"])
                .ok()
                .as_deref(),
            Some("/v2.0/taas/tap_services/a%2Fb")
        );
    }

    #[test]
    fn traversal_stays_one_segment() {
        assert_eq!(
            render_path(T, &["p", "../../os-hypervisors"])
                .ok()
                .as_deref(),
            Some("/v2.1/p/servers/..%2F..%2Fos-hypervisors")
        );
    }

    #[test]
    fn encodes_unicode_spaces_and_reserved() {
        assert_eq!(
            render_path(T, &["p", "naïve name"]).ok().as_deref(),
            Some("/v2.1/p/servers/na%C3%AFve%20name")
        );
        assert_eq!(
            render_path(T, &["p", "a?b#c%d+e&f=g;h"]).ok().as_deref(),
            Some("/v2.1/p/servers/a%3Fb%23c%25d%2Be%26f%3Dg%3Bh")
        );
        assert_eq!(
            render_path(T, &["p", "%2e%2e"]).ok().as_deref(),
            Some("/v2.1/p/servers/%252e%252e")
        );
        assert_eq!(
            render_path(T, &["p", "A-z_0.9~"]).ok().as_deref(),
            Some("/v2.1/p/servers/A-z_0.9~")
        );
    }

    #[test]
    fn rejects_empty_and_dot_segments() {
        for bad in ["", ".", ".."] {
            match render_path(T, &["p", bad]) {
                Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "server_id"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
        assert!(render_path(T, &["p", "..."]).is_ok());
    }

    #[test]
    fn rejects_wrong_argument_count() {
        assert!(matches!(
            render_path(T, &["p"]),
            Err(Error::InvalidArgument { .. })
        ));
        assert!(matches!(
            render_path(T, &["p", "s", "extra"]),
            Err(Error::InvalidArgument { .. })
        ));
        assert!(matches!(
            render_path("/v2.1/{oops", &["p"]),
            Err(Error::InvalidArgument { .. })
        ));
    }
}
