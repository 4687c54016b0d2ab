//! The `SERVICE` constant: what the runtime needs to know about the service the
//! endpoints belong to (its version segments, microversion header, version
//! document, request-id headers), so the runtime itself knows no service.
//!
//! The model names the service (its type); the facts a doc does not state come
//! from [`crate::services`]. A service not in it gets what its paths say: the
//! version segments their first segments name, and microversions only if its docs
//! give operations a microversion range, in `OpenStack-API-Version` under its type.

use std::collections::BTreeMap;

use crate::microversion::Microversion;
use crate::model::Endpoint;
use crate::services::{self, Header};

use super::code::{Code, Doc, Ident, Str, ident, join};
use super::runtime_path::RuntimePath;

/// The name of the constant for each service the endpoints name: `SERVICE` when
/// they all share one, else `<TYPE>_SERVICE` (`COMPUTE_SERVICE`). A service type
/// that makes no identifier is an error naming it.
pub fn const_names(endpoints: &[Endpoint]) -> Result<BTreeMap<&str, Ident>, String> {
    let services: BTreeMap<&str, ()> = endpoints.iter().map(|e| (e.service.as_str(), ())).collect();
    let single = services.len() == 1;
    services
        .into_keys()
        .map(|service| {
            let name = if single {
                "SERVICE".to_owned()
            } else {
                format!("{}_SERVICE", service.replace('-', "_").to_ascii_uppercase())
            };
            let name = ident(&name).map_err(|_| {
                format!("service type `{service}` makes no Rust name for its constant")
            })?;
            Ok((service, name))
        })
        .collect()
}

/// One `pub const` per service of `endpoints`, named as `names` says, in name order.
pub fn service_consts(
    names: &BTreeMap<&str, Ident>,
    endpoints: &[&Endpoint],
    rt: &RuntimePath,
) -> Code {
    let mut code = Code::new();
    for (service, name) in names {
        let own: Vec<&Endpoint> = endpoints
            .iter()
            .copied()
            .filter(|e| e.service == *service)
            .collect();
        if !own.is_empty() {
            service_const(&mut code, service, name, &own, rt);
        }
    }
    code
}

fn service_const(
    code: &mut Code,
    service: &str,
    name: &Ident,
    endpoints: &[&Endpoint],
    rt: &RuntimePath,
) {
    let known = services::by_type(service);
    let segments: Vec<String> = match known {
        Some(k) => k.version_segments().map(str::to_owned).collect(),
        None => path_versions(endpoints),
    };
    // The scheme as code: its header, version document and base version.
    let scheme = match known {
        Some(k) => k.microversion.map(|s| {
            let header = match s.header {
                Header::Standard { name, legacy } => standard_header(rt, name, legacy),
                Header::Own(h) => format!("{rt}::__generated::MicroversionHeader::Own({})", Str(h)),
            };
            (header, s.version_document.to_owned(), s.base)
        }),
        None => unknown_scheme(endpoints, &segments)
            .map(|(document, base)| (standard_header(rt, service, None), document, base)),
    };
    let request_ids = known.map_or(&[][..], |k| k.own_request_id_headers);
    let doc = format!(
        "The `{service}` service: what the runtime needs to normalize its endpoints, \
         name its microversions and read its request ids. Pass it to \
         `ClientBuilder::service`."
    );
    write!(
        code,
        "{}pub const {name}: {rt}::Service = {rt}::Service {{\n\
         service_type: {},\nversion_segments: &[{}],\nmicroversion: ",
        Doc(&doc),
        Str(service),
        join(segments.iter().map(|s| Str(s)))
    );
    match scheme {
        Some((header, document, (major, minor))) => {
            write!(
                code,
                "Some({rt}::__generated::MicroversionScheme {{\nheader: {header},\n\
                 version_document: {},\nbase_version: {rt}::Version::new({major}, {minor}),\n}})",
                Str(&document)
            );
        }
        None => code.push("None"),
    }
    write!(
        code,
        ",\nrequest_id_headers: &[{}],\n}};\n",
        join(request_ids.iter().map(|h| Str(h)))
    );
}

/// The first path segments that name versions (`/v3/...` → `v3`), in order.
fn path_versions(endpoints: &[&Endpoint]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for e in endpoints {
        if let Some(first) = services::version_segment_of(&e.path)
            && !found.iter().any(|f| f == first)
        {
            found.push(first.to_owned());
        }
    }
    found
}

/// `MicroversionHeader::Standard { .. }`: `OpenStack-API-Version` under `name`.
fn standard_header(rt: &RuntimePath, name: &str, legacy: Option<&str>) -> String {
    let legacy = match legacy {
        Some(h) => format!("Some({})", Str(h)),
        None => "None".to_owned(),
    };
    format!(
        "{rt}::__generated::MicroversionHeader::Standard {{\nname: {},\nlegacy: {legacy},\n}}",
        Str(name)
    )
}

/// An unknown service has microversions if its docs give an operation a range:
/// named by its type in `OpenStack-API-Version` (the caller writes that), its
/// version document at its first version segment, its base the lowest version an
/// operation starts at.
fn unknown_scheme(endpoints: &[&Endpoint], segments: &[String]) -> Option<(String, (u16, u16))> {
    let lowest: Option<Microversion> = endpoints
        .iter()
        .flat_map(|e| [e.min_microversion, e.max_microversion])
        .flatten()
        .min();
    let base = endpoints
        .iter()
        .filter_map(|e| e.min_microversion)
        .min()
        .or(lowest)?;
    let document = match segments.first() {
        Some(segment) => format!("/{segment}/"),
        None => "/".to_owned(),
    };
    Some((document, (base.major, base.minor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(service: &str, path: &str, min: Option<(u16, u16)>) -> Endpoint {
        Endpoint {
            service: service.into(),
            path: path.into(),
            min_microversion: min.map(|(major, minor)| Microversion { major, minor }),
            ..crate::emit::tests::endpoint_named("t")
        }
    }

    fn text(endpoints: &[Endpoint]) -> String {
        let all: Vec<&Endpoint> = endpoints.iter().collect();
        let names = const_names(endpoints).expect("service types make names");
        let code = service_consts(&names, &all, &RuntimePath::default()).to_string();
        crate::emit::tests::pretty(&code)
    }

    #[test]
    fn a_known_service_takes_its_facts_from_the_table() {
        let identity = text(&[endpoint("identity", "/v3/auth/tokens", None)]);
        assert!(identity.contains("pub const SERVICE"), "{identity}");
        assert!(
            identity.contains("version_segments: &[\"v3\"],"),
            "{identity}"
        );
        assert!(identity.contains("microversion: None,"), "{identity}");
        let compute = text(&[endpoint("compute", "/v2.1/servers", None)]);
        assert!(
            compute.contains(
                "header: ::apiref::runtime::__generated::MicroversionHeader::Standard {\n            \
                 name: \"compute\",\n            legacy: Some(\"x-openstack-nova-api-version\"),"
            ),
            "{compute}"
        );
        assert!(
            compute.contains("version_segments: &[\"v2.1\", \"v2\"],"),
            "{compute}"
        );
        assert!(compute.contains("x-compute-request-id"), "{compute}");
    }

    /// The scheme part of the constant, whitespace squeezed: `header: ...` up to
    /// `request_id_headers`, or `None`.
    fn scheme_of(service: &str, path: &str) -> String {
        let all = text(&[endpoint(service, path, None)]);
        let squeezed: String = all.split_whitespace().collect::<Vec<_>>().join(" ");
        let start = squeezed.find("version_segments").expect("segments");
        let end = squeezed.find("request_id_headers").expect("request ids");
        squeezed[start..end]
            .replace("::apiref::runtime::__generated::", "")
            .replace("::apiref::runtime::", "")
    }

    #[test]
    fn each_scheme_is_written_in_its_header_form() {
        assert_eq!(
            scheme_of("block-storage", "/v3/{project_id}/volumes"),
            "version_segments: &[\"v3\", \"v2\"], microversion: Some(MicroversionScheme { \
             header: MicroversionHeader::Standard { name: \"volume\", legacy: None, }, \
             version_document: \"/v3/\", base_version: Version::new(3, 0), }), "
        );
        assert_eq!(
            scheme_of("placement", "/traits"),
            "version_segments: &[], microversion: Some(MicroversionScheme { \
             header: MicroversionHeader::Standard { name: \"placement\", legacy: None, }, \
             version_document: \"/\", base_version: Version::new(1, 0), }), "
        );
        assert_eq!(
            scheme_of("shared-file-system", "/v2/shares"),
            "version_segments: &[\"v2\"], microversion: Some(MicroversionScheme { \
             header: MicroversionHeader::Own( \"x-openstack-manila-api-version\", ), \
             version_document: \"/v2/\", base_version: Version::new(2, 0), }), "
        );
        assert_eq!(
            scheme_of("baremetal", "/v1/nodes"),
            "version_segments: &[\"v1\"], microversion: Some(MicroversionScheme { \
             header: MicroversionHeader::Own( \"x-openstack-ironic-api-version\", ), \
             version_document: \"/\", base_version: Version::new(1, 1), }), "
        );
        assert_eq!(
            scheme_of("network", "/v2.0/networks"),
            "version_segments: &[\"v2.0\", \"v1.0\"], microversion: None, "
        );
        assert_eq!(
            scheme_of("image", "/v2/images"),
            "version_segments: &[\"v2\"], microversion: None, "
        );
    }

    #[test]
    fn an_unknown_service_gets_what_its_paths_and_ranges_say() {
        let plain = text(&[endpoint("widget", "/v2/widgets", None)]);
        assert!(plain.contains("version_segments: &[\"v2\"],"), "{plain}");
        assert!(plain.contains("microversion: None,"), "{plain}");
        let versioned = text(&[
            endpoint("thing", "/v1/things", Some((1, 5))),
            endpoint("thing", "/v1/others", Some((1, 2))),
        ]);
        assert!(versioned.contains("name: \"thing\","), "{versioned}");
        assert!(
            versioned.contains("version_document: \"/v1/\","),
            "{versioned}"
        );
        assert!(versioned.contains("Version::new(1, 2)"), "{versioned}");
    }

    #[test]
    fn several_services_get_one_constant_each() {
        let endpoints = [
            endpoint("compute", "/v2.1/servers", None),
            endpoint("block-storage", "/v3/volumes", None),
        ];
        let names = const_names(&endpoints).expect("service types make names");
        assert_eq!(names["compute"].to_string(), "COMPUTE_SERVICE");
        assert_eq!(names["block-storage"].to_string(), "BLOCK_STORAGE_SERVICE");
        let both = text(&endpoints);
        assert!(both.contains("COMPUTE_SERVICE") && both.contains("BLOCK_STORAGE_SERVICE"));
    }
}
