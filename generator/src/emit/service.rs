//! The `SERVICE` constant: what the runtime needs to know about the service the
//! endpoints belong to (its version segments, microversion header, version
//! document, request-id headers), so the runtime itself knows no service.
//!
//! The spec names the service (`service = "identity"` in an overlay); the facts a
//! doc does not state come from [`KNOWN`], a short table of the OpenStack services
//! whose references apiref reads. A service not in it gets what its paths say: the
//! version segments their first segments name, and microversions only if its docs
//! give operations a microversion range.

use std::collections::BTreeMap;

use crate::microversion::Microversion;
use crate::model::Endpoint;

use super::code::{Code, Doc, Ident, Str, ident, join};
use super::runtime_path::RuntimePath;

/// What the docs leave unsaid about a service, from the service's own documentation.
struct Known {
    service_type: &'static str,
    version_segments: &'static [&'static str],
    microversion: Option<Scheme>,
    /// Besides `X-OpenStack-Request-Id`, which every service sends.
    own_request_id_headers: &'static [&'static str],
}

#[derive(Clone, Copy)]
struct Scheme {
    header_name: &'static str,
    legacy_header: Option<&'static str>,
    version_document: &'static str,
    base: (u16, u16),
}

/// The services whose transport facts are known (service-types authority names).
const KNOWN: &[Known] = &[
    Known {
        service_type: "compute",
        // Catalogs list `/v2.1` and, for the legacy API, `/v2`.
        version_segments: &["v2.1", "v2"],
        microversion: Some(Scheme {
            header_name: "compute",
            legacy_header: Some("x-openstack-nova-api-version"),
            version_document: "/v2.1/",
            base: (2, 1),
        }),
        own_request_id_headers: &["x-compute-request-id"],
    },
    Known {
        // Keystone v3 has no microversions; its catalog URL ends in `/v3`.
        service_type: "identity",
        version_segments: &["v3"],
        microversion: None,
        own_request_id_headers: &[],
    },
    Known {
        service_type: "block-storage",
        version_segments: &["v3"],
        microversion: Some(Scheme {
            header_name: "volume",
            legacy_header: None,
            version_document: "/v3/",
            base: (3, 0),
        }),
        own_request_id_headers: &[],
    },
    Known {
        service_type: "placement",
        version_segments: &[],
        microversion: Some(Scheme {
            header_name: "placement",
            legacy_header: None,
            version_document: "/",
            base: (1, 0),
        }),
        own_request_id_headers: &[],
    },
];

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
    let known = KNOWN.iter().find(|k| k.service_type == service);
    let segments: Vec<String> = match known {
        Some(k) => k.version_segments.iter().map(|s| s.to_string()).collect(),
        None => path_versions(endpoints),
    };
    let scheme = match known {
        Some(k) => k.microversion.map(|s| {
            (
                s.header_name.to_owned(),
                s.legacy_header,
                s.version_document.to_owned(),
                s.base,
            )
        }),
        None => unknown_scheme(service, endpoints, &segments),
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
        Some((header_name, legacy, document, (major, minor))) => {
            let legacy = match legacy {
                Some(h) => format!("Some({})", Str(h)),
                None => "None".to_owned(),
            };
            write!(
                code,
                "Some({rt}::MicroversionScheme {{\nheader_name: {},\nlegacy_header: {legacy},\n\
                 version_document: {},\nbase_version: {rt}::Version::new({major}, {minor}),\n}})",
                Str(&header_name),
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
        let first = e
            .path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("");
        let is_version = first.strip_prefix('v').is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        });
        if is_version && !found.iter().any(|f| f == first) {
            found.push(first.to_owned());
        }
    }
    found
}

type SchemeFacts = (String, Option<&'static str>, String, (u16, u16));

/// An unknown service has microversions if its docs give an operation a range:
/// named by its type, its version document at its first version segment, its
/// base the lowest version an operation starts at.
fn unknown_scheme(
    service: &str,
    endpoints: &[&Endpoint],
    segments: &[String],
) -> Option<SchemeFacts> {
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
    Some((service.to_owned(), None, document, (base.major, base.minor)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::Method;

    fn endpoint(service: &str, path: &str, min: Option<(u16, u16)>) -> Endpoint {
        Endpoint {
            file: "f.inc".into(),
            overlay_file: None,
            title: "T".into(),
            description: String::new(),
            method_line: 1,
            method: Method::Get,
            path: path.into(),
            name: "t".into(),
            path_params: Vec::new(),
            query: None,
            request: None,
            response: None,
            request_headers: Vec::new(),
            response_headers: Vec::new(),
            statuses: Vec::new(),
            service: service.into(),
            min_microversion: min.map(|(major, minor)| Microversion { major, minor }),
            max_microversion: None,
            check_field_versions: false,
            request_content_type: None,
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
        assert!(compute.contains("header_name: \"compute\","), "{compute}");
        assert!(compute.contains("x-compute-request-id"), "{compute}");
    }

    #[test]
    fn an_unknown_service_gets_what_its_paths_and_ranges_say() {
        let plain = text(&[endpoint("shared-file-system", "/v2/shares", None)]);
        assert!(plain.contains("version_segments: &[\"v2\"],"), "{plain}");
        assert!(plain.contains("microversion: None,"), "{plain}");
        let versioned = text(&[
            endpoint("thing", "/v1/things", Some((1, 5))),
            endpoint("thing", "/v1/others", Some((1, 2))),
        ]);
        assert!(versioned.contains("header_name: \"thing\","), "{versioned}");
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
