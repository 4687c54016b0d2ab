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

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Ctxt;
use crate::overlay::{
    NamedOverlay, ReservedTable, overlay_reporter, position, read_named_overlays,
};

/// Settings for every operation of the reference: the reserved `[reference]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceSettings {
    /// Put before every path (`/v2.1`): os-api-ref paths are relative to the
    /// versioned service endpoint, and the runtime joins paths to the endpoint's
    /// root, so the version the paths live under is a fact the generated code says.
    pub path_prefix: Option<String>,
    /// The service type: which `SERVICE` the generated operations point at (its
    /// microversion header, version segments); default `compute`.
    pub service: Option<String>,
}

/// One reference overlay file, checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceOverlay {
    /// The file as the user named it.
    pub file: String,
    /// The `[reference]` table.
    pub settings: ReferenceSettings,
    /// One overlay per operation name (or `*`), in file order.
    pub operations: Vec<NamedOverlay>,
}

/// The `[reference]` table as TOML gives it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    path_prefix: Option<Spanned<String>>,
    service: Option<String>,
}

impl ReservedTable for RawSettings {
    const KEY: &'static str = "reference";
}

/// Reads a reference overlay's text into `cx`: TOML and schema errors, and every
/// bad value, at its line and column. The overlay comes back only when all of it
/// is good.
pub fn read_reference_overlay(cx: &Ctxt, file: &str, text: &str) -> Option<ReferenceOverlay> {
    cx.unit(|own| {
        let (raw, operations) = read_named_overlays::<RawSettings>(own, file, text)?;
        let path_prefix = raw.path_prefix.and_then(|prefix| {
            let at = position(text, prefix.span().start);
            let prefix = prefix.into_inner();
            if prefix.starts_with('/') && !prefix.ends_with('/') && !prefix.contains('{') {
                Some(prefix)
            } else {
                overlay_reporter(own, file).error(
                    at.line,
                    at.column,
                    format!("`path_prefix = \"{prefix}\"`: expected a path like \"/v2.1\""),
                );
                None
            }
        });
        Some(ReferenceOverlay {
            file: file.to_string(),
            settings: ReferenceSettings {
                path_prefix,
                service: raw.service,
            },
            operations,
        })
    })
}

/// Reads a reference overlay from disk into `cx`.
pub fn load_reference_overlay(
    cx: &Ctxt,
    path: &std::path::Path,
    shown: &str,
) -> Option<ReferenceOverlay> {
    match std::fs::read_to_string(path) {
        Ok(text) => read_reference_overlay(cx, shown, &text),
        Err(e) => {
            overlay_reporter(cx, shown).file_error(format!("cannot read reference overlay: {e}"));
            None
        }
    }
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
        let cx = Ctxt::new();
        let o = read_reference_overlay(&cx, "c.api-ref.toml", text).unwrap();
        cx.check().unwrap();
        let names: Vec<_> = o.operations.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["create_server", "list_servers"]);
        assert_eq!(o.operations[1].at.line, 7);
        assert_eq!(o.settings.path_prefix.as_deref(), Some("/v2.1"));
        let fields = &o.operations[0].overlay.request.fields;
        assert_eq!(fields[0].path, "server/networks");
        assert_eq!(fields[0].ty, Some(crate::overlay::TypeExpr::Json));
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let cx = Ctxt::new();
        read_reference_overlay(&cx, "c.api-ref.toml", "[x.request]\nreplac = true\n");
        let err = cx.check().unwrap_err();
        assert_eq!(err.0[0].line, 2);
        assert!(err.0[0].message.contains("replac"), "{}", err.0[0].message);
    }
}
