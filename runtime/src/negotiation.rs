//! The rule for [`Microversion::Negotiate`](crate::Microversion::Negotiate): which
//! version to send, given what the server and the operation support. It needs both
//! [`Operation`] and [`Error`], so it sits above them instead of inside `microversion`,
//! which stays a leaf that `operation` can import.

use crate::error::Error;
use crate::microversion::{Version, VersionRange};
use crate::operation::Operation;

/// Picks the version for [`Microversion::Negotiate`](crate::Microversion::Negotiate): the lower of the server's
/// highest and the operation's highest, which must not fall below either lowest.
pub(crate) fn negotiate(server: VersionRange, op: &Operation) -> Result<Version, Error> {
    let chosen = match op.max_microversion {
        Some(op_max) => op_max.min(server.max),
        None => server.max,
    };
    let floor = match op.min_microversion {
        Some(op_min) => op_min.max(server.min),
        None => server.min,
    };
    if chosen < floor {
        let op_range = match (op.min_microversion, op.max_microversion) {
            (None, None) => "any".to_owned(),
            (min, max) => format!(
                "{}..={}",
                min.map(|v| v.to_string()).unwrap_or_default(),
                max.map(|v| v.to_string()).unwrap_or_default()
            ),
        };
        return Err(Error::Negotiation(format!(
            "no common microversion for {}: server supports {server}, operation {op_range}",
            op.name
        )));
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::Method;

    fn v(s: &str) -> Version {
        s.parse().expect("valid version")
    }

    fn op(min: Option<&str>, max: Option<&str>) -> Operation {
        Operation {
            name: "op",
            method: Method::Get,
            path: "/v2.1/servers",
            service: &THING,
            documented_statuses: &[200],
            min_microversion: min.map(v),
            max_microversion: max.map(v),
        }
    }

    const THING: crate::service::Service = crate::service::Service::new("thing");

    #[test]
    fn negotiation_takes_lower_maximum() {
        let server = VersionRange {
            min: v("2.1"),
            max: v("2.104"),
        };
        assert_eq!(negotiate(server, &op(None, None)).ok(), Some(v("2.104")));
        assert_eq!(
            negotiate(server, &op(None, Some("2.90"))).ok(),
            Some(v("2.90"))
        );
        let old = VersionRange {
            min: v("2.1"),
            max: v("2.60"),
        };
        assert_eq!(
            negotiate(old, &op(None, Some("2.90"))).ok(),
            Some(v("2.60"))
        );
    }

    #[test]
    fn negotiation_fails_without_overlap() {
        let old = VersionRange {
            min: v("2.1"),
            max: v("2.60"),
        };
        assert!(matches!(
            negotiate(old, &op(Some("2.90"), None)),
            Err(Error::Negotiation(_))
        ));
        let new = VersionRange {
            min: v("2.50"),
            max: v("2.104"),
        };
        assert!(matches!(
            negotiate(new, &op(None, Some("2.10"))),
            Err(Error::Negotiation(_))
        ));
    }
}
