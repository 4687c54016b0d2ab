//! Microversions (`"2.19"`) as typed values, read once where they are written.
//!
//! This module is a leaf: it imports nothing from its siblings.

use std::fmt;

/// A compute microversion, `major.minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Microversion {
    /// The part before the dot.
    pub major: u16,
    /// The part after the dot.
    pub minor: u16,
}

impl Microversion {
    /// `"2.19"` -> `2.19`; anything else is an error that says what was expected.
    pub fn parse(text: &str) -> Result<Microversion, String> {
        let bad = || format!("`{text}` is not a microversion like \"2.19\"");
        let (major, minor) = text.trim().split_once('.').ok_or_else(bad)?;
        let number = |part: &str| {
            part.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse::<u16>().ok())
                .flatten()
                .ok_or_else(bad)
        };
        Ok(Microversion {
            major: number(major)?,
            minor: number(minor)?,
        })
    }
}

/// `2.19`.
impl fmt::Display for Microversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let v = Microversion::parse("2.19").unwrap();
        assert_eq!((v.major, v.minor), (2, 19));
        assert_eq!(v.to_string(), "2.19");
        assert!(Microversion::parse("2").unwrap_err().contains("\"2.19\""));
        assert!(Microversion::parse("2.x").is_err());
        assert!(Microversion::parse("2.+1").is_err());
        assert!(Microversion::parse("2.99999").is_err());
    }
}
