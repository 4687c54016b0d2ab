//! Where generated code finds the runtime: `::apiref::runtime` for users, `crate`
//! for the runtime's own checked-in Keystone client (a crate cannot name itself by
//! its package name). Every runtime path the emitter writes is made here.

use std::fmt::{self, Display};

/// The path of the runtime crate, checked to be a plain Rust path; it prints as
/// written, both in code and inside the strings of `#[serde(...)]` attributes,
/// which serde parses itself.
#[derive(Debug, Clone)]
pub struct RuntimePath {
    text: String,
}

impl RuntimePath {
    /// The path users' generated code names: the facade's re-export.
    pub const DEFAULT: &'static str = "::apiref::runtime";

    /// Reads a path such as `::apiref::runtime`, `apiref_runtime` or `crate`.
    /// Anything that is not a plain Rust path (generics, spaces inside a segment,
    /// an empty string) is refused with a message naming it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let path: syn::Path = syn::parse_str(text)
            .map_err(|e| format!("runtime path `{text}` is not a Rust path: {e}"))?;
        if path
            .segments
            .iter()
            .any(|s| !matches!(s.arguments, syn::PathArguments::None))
        {
            return Err(format!(
                "runtime path `{text}` has generic arguments; name a module"
            ));
        }
        Ok(RuntimePath {
            text: text.to_owned(),
        })
    }

    /// `<runtime>::<item>` as text, for serde's string-valued attributes.
    pub fn item_text(&self, item: &str) -> String {
        format!("{self}::{item}")
    }
}

impl Default for RuntimePath {
    fn default() -> Self {
        RuntimePath {
            text: Self::DEFAULT.to_owned(),
        }
    }
}

impl Display for RuntimePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_parsed_default_agree() {
        let parsed = RuntimePath::parse(RuntimePath::DEFAULT).expect("valid");
        assert_eq!(parsed.to_string(), RuntimePath::default().to_string());
        assert_eq!(
            parsed.item_text("__generated::serde"),
            "::apiref::runtime::__generated::serde"
        );
    }

    #[test]
    fn crate_is_a_path_and_garbage_is_not() {
        let own = RuntimePath::parse(" crate ").expect("valid");
        assert_eq!(format!("{own}::Client"), "crate::Client");
        for bad in ["", "a b", "Vec<u8>", "::", "1x"] {
            let err = RuntimePath::parse(bad).expect_err(bad);
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
    }
}
