//! API microversions: the `X.Y` numbers sent in `OpenStack-API-Version`, the caller's
//! choice of which one to send, and the negotiation rule for
//! [`Microversion::Negotiate`].

use std::fmt;
use std::str::FromStr;

/// A microversion number such as `2.19`. Orders numerically (`2.9 < 2.10`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The API's major version (`2` for compute v2.1).
    pub major: u16,
    /// The microversion within it; each new one may change requests or replies.
    pub minor: u16,
}

/// What the caller asks for on one call.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Microversion {
    /// The client's default ([`ClientBuilder::microversion`](crate::ClientBuilder::microversion)),
    /// or no header at all if the client has none (Nova then uses 2.1).
    #[default]
    Default,
    /// Exactly this version. Not checked against the operation's documented range:
    /// the server is the authority and answers 404/406 if it disagrees.
    Exact(Version),
    /// Sends `latest`: the server's highest.
    Latest,
    /// The highest version both the server and the operation know, found once per
    /// client from the server's version document.
    Negotiate,
}

/// The versions a server supports, from its version document.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct VersionRange {
    /// The lowest version the server accepts (`version.min_version`).
    pub min: Version,
    /// The highest version the server accepts (`version.version`).
    pub max: Version,
}

/// Why a string is not a microversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseVersionError {
    input: String,
}

impl Version {
    /// `MAJOR.MINOR`; `const` so that generated operations can hold versions.
    pub const fn new(major: u16, minor: u16) -> Self {
        Version { major, minor }
    }
}

impl FromStr for Version {
    type Err = ParseVersionError;

    /// Parses `MAJOR.MINOR`, both plain decimal numbers (`2.19`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseVersionError {
            input: s.to_owned(),
        };
        let (major, minor) = s.split_once('.').ok_or_else(err)?;
        let number = |part: &str| {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            part.parse::<u16>().map_err(|_| err())
        };
        Ok(Version::new(number(major)?, number(minor)?))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl From<Version> for Microversion {
    fn from(version: Version) -> Self {
        Microversion::Exact(version)
    }
}

impl FromStr for Microversion {
    type Err = ParseVersionError;

    /// Parses `latest` (any case) or a version such as `2.19`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("latest") {
            Ok(Microversion::Latest)
        } else {
            s.parse().map(Microversion::Exact)
        }
    }
}

impl VersionRange {
    /// Whether the server accepts `version` (both ends included).
    pub fn contains(&self, version: Version) -> bool {
        self.min <= version && version <= self.max
    }
}

impl fmt::Display for VersionRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.min, self.max)
    }
}

impl fmt::Display for ParseVersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid microversion {:?}: expected MAJOR.MINOR such as 2.19, or latest",
            self.input
        )
    }
}

impl std::error::Error for ParseVersionError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        s.parse().expect("valid version")
    }

    #[test]
    fn parses_and_displays() {
        assert_eq!(v("2.19"), Version::new(2, 19));
        assert_eq!(Version::new(2, 104).to_string(), "2.104");
        for bad in [
            "", "2", "2.", ".1", "2.1.3", "+2.1", " 2.1", "2.x", "99999.1",
        ] {
            assert!(bad.parse::<Version>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn orders_numerically() {
        assert!(v("2.9") < v("2.10"));
        assert!(v("2.104") > v("2.99"));
        assert!(v("3.0") > v("2.104"));
    }

    #[test]
    fn microversion_from_str() {
        assert_eq!("latest".parse(), Ok(Microversion::Latest));
        assert_eq!("2.19".parse(), Ok(Microversion::Exact(Version::new(2, 19))));
        assert!("newest".parse::<Microversion>().is_err());
        assert_eq!(
            Microversion::from(Version::new(2, 1)),
            Microversion::Exact(Version::new(2, 1))
        );
    }
}
