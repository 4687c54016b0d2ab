//! Overlays for os-api-ref references: one TOML file for a whole reference.
//!
//! An os-api-ref file holds many operations and the reference is often not the
//! user's to edit, so its corrections live in one file of their own, named
//! `NAME.api-ref.toml` and given as another input beside the reference
//! (`apiref generate ../nova/api-ref/source spec/nova/compute.api-ref.toml`), or
//! found as `apiref.api-ref.toml` inside the reference folder. Its top-level tables
//! are generated operation names; each holds what a grid-table doc's overlay holds
//! (`[operation]`, `[query]`, `[request]`, `[response]`, see [`crate::overlay`]):
//!
//! ```toml
//! [reference]
//! path_prefix = "/v2.1"   # the reference's paths are relative to the versioned endpoint
//! service = "compute"     # for OpenStack-API-Version
//!
//! [create_server.request.fields."server/networks"]
//! type = "json"
//! description = "A list of networks, or \"auto\" or \"none\" (2.37)."
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::overlay::Overlay;

/// The file name suffix of a reference overlay given as an input.
pub const SUFFIX: &str = ".api-ref.toml";

/// The name a reference overlay has inside a reference folder.
pub const IN_FOLDER: &str = "apiref.api-ref.toml";

/// Settings for every operation of the reference: the reserved `[reference]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSettings {
    /// Put before every path (`/v2.1`): os-api-ref paths are relative to the
    /// versioned service endpoint, and the runtime joins paths to the endpoint's
    /// root, so the version the paths live under is a fact the generated code says.
    pub path_prefix: Option<String>,
    /// The service type for `OpenStack-API-Version` (default `compute`).
    pub service: Option<String>,
}

/// One reference overlay file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceOverlay {
    pub file: String,
    pub text: String,
    pub settings: ReferenceSettings,
    /// Operation name -> its overlay, in file order.
    pub operations: Vec<(String, Overlay)>,
}

struct InOrder(ReferenceSettings, Vec<(String, Overlay)>);

impl<'de> Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = InOrder;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of operation names")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut settings = ReferenceSettings::default();
                let mut operations = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "reference" {
                        settings = map.next_value()?;
                    } else {
                        operations.push((key, map.next_value::<Overlay>()?));
                    }
                }
                Ok(InOrder(settings, operations))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Reads a reference overlay; TOML and schema errors point at line and column.
pub fn parse_reference_overlay(file: &str, text: &str) -> Result<ReferenceOverlay, Diagnostics> {
    let parsed = toml::from_str::<InOrder>(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_col(text, span.start))
            .unwrap_or((1, 1));
        Diagnostics::single(Diagnostic::error(
            file,
            line,
            column,
            format!("invalid reference overlay: {}", e.message()),
        ))
    })?;
    Ok(ReferenceOverlay {
        file: file.to_string(),
        text: text.to_string(),
        settings: parsed.0,
        operations: parsed.1,
    })
}

/// Reads a reference overlay from disk.
pub fn load_reference_overlay(
    path: &std::path::Path,
    shown: &str,
) -> Result<ReferenceOverlay, Diagnostics> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostics::single(Diagnostic::error(
            shown,
            1,
            1,
            format!("cannot read reference overlay: {e}"),
        ))
    })?;
    parse_reference_overlay(shown, &text)
}

impl ReferenceOverlay {
    /// The line of the first table header naming `operation`, else 1.
    pub fn line_of(&self, operation: &str) -> usize {
        let plain = format!("[{operation}.");
        let quoted = format!("[\"{operation}\".");
        self.text
            .lines()
            .position(|l| l.trim_start().starts_with(&plain) || l.trim_start().starts_with(&quoted))
            .map_or(1, |i| i + 1)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_operations_in_order() {
        let text = "\
[reference]
path_prefix = \"/v2.1\"

[create_server.request.fields.\"server/networks\"]
type = \"json\"

[list_servers.operation]
min_microversion = \"2.1\"
";
        let o = parse_reference_overlay("c.api-ref.toml", text).unwrap();
        let names: Vec<_> = o.operations.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["create_server", "list_servers"]);
        assert_eq!(o.line_of("list_servers"), 7);
        assert_eq!(o.settings.path_prefix.as_deref(), Some("/v2.1"));
        let fields = &o.operations[0].1.request.fields.0;
        assert_eq!(fields[0].0, "server/networks");
        assert_eq!(fields[0].1.ty.as_deref(), Some("json"));
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let err =
            parse_reference_overlay("c.api-ref.toml", "[x.request]\nreplac = true\n").unwrap_err();
        assert_eq!(err.0[0].line, 2);
        assert!(err.0[0].message.contains("replac"), "{}", err.0[0].message);
    }
}
