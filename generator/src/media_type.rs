//! Media types, as a request's `Content-Type` names them.
//!
//! This module is a leaf: it imports nothing from its siblings.

/// Whether `text` is a bare media type, `type/subtype` of RFC 6838's characters
/// (no parameters, nothing a header could not carry).
pub fn is_media_type(text: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part.len() <= 127
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    match text.split_once('/') {
        Some((kind, subtype)) => token(kind) && token(subtype),
        None => false,
    }
}

/// Whether a body of `media_type` is raw data rather than JSON. JSON's own
/// type, the `+json` suffix and the JSON-Patch types
/// (`application/openstack-images-v2.1-json-patch`) all name `json` in their
/// subtype; any other (`application/octet-stream`) is bytes to stream as they are.
pub fn is_raw_data(media_type: &str) -> bool {
    match media_type.split_once('/') {
        Some((_, subtype)) => !subtype.to_ascii_lowercase().contains("json"),
        None => false,
    }
}

/// The first media type a reference's prose names in double backquotes
/// (``application/openstack-images-v2.1-json-patch``), as the descriptions of
/// `Content-Type` parameters say which one to use.
pub fn first_in_prose(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find("``") {
        let after = &rest[open + 2..];
        let close = after.find("``")?;
        let candidate = after[..close].trim();
        if is_media_type(candidate) {
            return Some(candidate);
        }
        rest = &after[close + 2..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_type_slash_subtype_tokens() {
        assert!(is_media_type(
            "application/openstack-images-v2.1-json-patch"
        ));
        assert!(is_media_type("application/json-patch+json"));
        assert!(!is_media_type("application/json; charset=utf-8"));
        assert!(!is_media_type("application/json\r\nX-Evil: 1"));
        assert!(!is_media_type("json"));
        assert!(!is_media_type("/json"));
    }

    #[test]
    fn raw_data_is_whatever_names_no_json() {
        assert!(is_raw_data("application/octet-stream"));
        assert!(is_raw_data("text/plain"));
        assert!(!is_raw_data("application/json"));
        assert!(!is_raw_data("application/openstack-images-v2.1-json-patch"));
        assert!(!is_raw_data("application/merge-patch+JSON"));
        assert!(!is_raw_data("octet-stream"));
    }

    #[test]
    fn the_first_media_type_in_double_backquotes_is_the_one_to_use() {
        let prose = "The media type descriptor for the request body.  Use\n\
                     ``application/openstack-images-v2.1-json-patch``.  (You can also use\n\
                     ``application/openstack-images-v2.0-json-patch``.)";
        assert_eq!(
            first_in_prose(prose),
            Some("application/openstack-images-v2.1-json-patch")
        );
        assert_eq!(
            first_in_prose("Use ``PATCH`` then ``application/json``"),
            Some("application/json")
        );
        assert_eq!(first_in_prose("no type here"), None);
        assert_eq!(first_in_prose("unclosed ``application/json"), None);
    }
}
