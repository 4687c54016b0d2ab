//! Microversions per request field: a field that exists only from (or up to) some
//! microversion is refused, before anything is sent, when a request sets it at a
//! version outside that range (Nova would answer 400, or ignore it silently).
//!
//! Generated code says which fields have a range (`REQUEST_FIELD_VERSIONS`, from the
//! API reference's `min_version` / `max_version`); [`check_field_versions`] walks
//! the serialized body.

use serde_json::Value;

use crate::error::Error;
use crate::microversion::Version;

/// A request field with a microversion range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldVersion {
    /// JSON names from the body's top (`["server", "hostname"]`); arrays are passed
    /// through, so an array's item fields are its children.
    pub path: &'static [&'static str],
    /// The first microversion with the field.
    pub min: Option<Version>,
    /// The last microversion with the field.
    pub max: Option<Version>,
}

/// Refuses a body that sets a field outside its range at `version`: an
/// [`Error::InvalidArgument`] naming the field (`server.hostname`), its range and
/// the version.
pub fn check_field_versions(
    fields: &[FieldVersion],
    body: &Value,
    version: Version,
) -> Result<(), Error> {
    for field in fields {
        let in_range = field.min.is_none_or(|min| version >= min)
            && field.max.is_none_or(|max| version <= max);
        if in_range || !is_set(body, field.path) {
            continue;
        }
        let range = match (field.min, field.max) {
            (Some(min), Some(max)) => format!("microversions {min} to {max}"),
            (Some(min), None) => format!("microversion {min} or later"),
            (None, Some(max)) => format!("microversion {max} or earlier"),
            (None, None) => continue,
        };
        return Err(Error::InvalidArgument {
            name: field.path.join("."),
            reason: format!("needs {range}; this request is sent at microversion {version}"),
        });
    }
    Ok(())
}

/// The microversions every field of `fields` that `body` sets exists in: the
/// highest of their lowest, and the lowest of their highest (`None`: no bound).
pub(crate) fn set_range(
    fields: &[FieldVersion],
    body: &Value,
) -> (Option<Version>, Option<Version>) {
    let mut range = (None, None);
    for field in fields.iter().filter(|f| is_set(body, f.path)) {
        range.0 = range.0.max(field.min);
        range.1 = match (range.1, field.max) {
            (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
            (a, b) => a.or(b),
        };
    }
    range
}

/// Whether any value at `path` is present (arrays passed through).
fn is_set(value: &Value, path: &[&str]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    match value {
        Value::Object(map) => map.get(*first).is_some_and(|v| is_set(v, rest)),
        Value::Array(items) => items.iter().any(|v| is_set(v, path)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: &[FieldVersion] = &[
        FieldVersion {
            path: &["server", "hostname"],
            min: Some(Version::new(2, 90)),
            max: None,
        },
        FieldVersion {
            path: &["server", "personality", "path"],
            min: None,
            max: Some(Version::new(2, 56)),
        },
    ];

    #[test]
    fn a_field_outside_its_range_is_refused_with_field_range_and_version() {
        let body = json!({"server": {"name": "a", "hostname": "h"}});
        let err = check_field_versions(FIELDS, &body, Version::new(2, 1)).unwrap_err();
        let Error::InvalidArgument { name, reason } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(name, "server.hostname");
        assert_eq!(
            reason,
            "needs microversion 2.90 or later; this request is sent at microversion 2.1"
        );
        assert!(check_field_versions(FIELDS, &body, Version::new(2, 90)).is_ok());
    }

    #[test]
    fn fields_under_arrays_and_absent_fields() {
        let body = json!({"server": {"personality": [{"path": "/etc/motd"}]}});
        let err = check_field_versions(FIELDS, &body, Version::new(2, 57)).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument { name, .. } if name == "server.personality.path"),
            "{err:?}"
        );
        assert!(check_field_versions(FIELDS, &body, Version::new(2, 56)).is_ok());
        let unset = json!({"server": {"name": "a"}});
        assert!(check_field_versions(FIELDS, &unset, Version::new(2, 1)).is_ok());
    }

    #[test]
    fn the_range_a_body_sets_is_what_its_set_fields_share() {
        let name_only = json!({"server": {"name": "a"}});
        assert_eq!(set_range(FIELDS, &name_only), (None, None));
        let hostname = json!({"server": {"hostname": "h"}});
        assert_eq!(
            set_range(FIELDS, &hostname),
            (Some(Version::new(2, 90)), None)
        );
        let both = json!({"server": {"hostname": "h", "personality": [{"path": "/p"}]}});
        // No version has both: the range is empty, and negotiation says so.
        assert_eq!(
            set_range(FIELDS, &both),
            (Some(Version::new(2, 90)), Some(Version::new(2, 56)))
        );
    }
}
