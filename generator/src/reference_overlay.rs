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
//! service = "compute"     # which service it describes (a type or an alias)
//!
//! [create_server.request.fields."server/networks"]
//! type = "json"
//! description = "A list of networks, or \"auto\" or \"none\" (2.37)."
//! ```

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Ctxt;
use crate::overlay::{
    NamedOverlay, ReservedTable, overlay_reporter, position, read_named_overlays, service_type,
};

/// Settings for every operation of the reference: the reserved `[reference]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceSettings {
    /// Put before every path (`/v2.1`): os-api-ref paths are relative to the
    /// versioned service endpoint, and the runtime joins paths to the endpoint's
    /// root, so the version the paths live under is a fact the generated code says.
    pub path_prefix: Option<String>,
    /// The service type (an alias given is read as its type): which `SERVICE` the
    /// generated operations point at (its microversion header, version
    /// segments). Without it, the reference's Sphinx config or its paths say (see
    /// `reference_service`).
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
    service: Option<Spanned<String>>,
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
        let service = raw.service.and_then(|service| {
            let at = position(text, service.span().start);
            service_type(service.get_ref())
                .map_err(|message| overlay_reporter(own, file).error(at.line, at.column, message))
                .ok()
        });
        Some(ReferenceOverlay {
            file: file.to_string(),
            settings: ReferenceSettings {
                path_prefix,
                service,
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
    fn a_service_alias_is_read_as_its_type_and_a_bad_name_is_an_error() {
        let service = |value: &str| {
            let cx = Ctxt::new();
            let text = format!("[reference]\nservice = \"{value}\"\n");
            let o = read_reference_overlay(&cx, "c.api-ref.toml", &text);
            (o.and_then(|o| o.settings.service), cx.check().err())
        };
        assert_eq!(service("volumev3").0.as_deref(), Some("block-storage"));
        assert_eq!(service("identity").0.as_deref(), Some("identity"));
        // A type apiref has no facts for is the user's to name.
        assert_eq!(service("my-service").0.as_deref(), Some("my-service"));
        let (none, err) = service("Compute Service");
        assert_eq!(none, None);
        let err = err.expect("an error");
        assert_eq!((err.0[0].line, err.0[0].column), (2, 11));
        assert!(
            err.0[0].message.contains("is not a service type"),
            "{}",
            err.0[0].message
        );
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
