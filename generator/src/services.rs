//! Facts about OpenStack services that their API references do not state: the
//! service type and its aliases (the service-types authority,
//! <https://service-types.openstack.org>), the repository whose `api-ref` describes
//! the service, the version prefixes its paths live under, how it names
//! microversions, and the request-id headers of its own.
//!
//! The emitter writes these facts into the generated `SERVICE` constant, and the
//! service a reference describes is found by them (its Sphinx config names its
//! repository; its paths name a version prefix). A leaf: it imports nothing from
//! its siblings.

/// What is known about one service.
#[derive(Debug, PartialEq, Eq)]
pub struct ServiceFacts {
    /// The service-types authority's type, as catalogs list it (`block-storage`).
    pub service_type: &'static str,
    /// Other names the authority accepts for it (`volumev3`), lowercase.
    pub aliases: &'static [&'static str],
    /// The repositories whose `api-ref` describes it, as their Sphinx config names
    /// them (`openstackdocs_repo_name = 'openstack/cinder'`).
    pub repos: &'static [&'static str],
    /// The versioned prefixes its operation paths live under, the current API
    /// first (`/v3` then `/v2` for block-storage); empty for a service whose paths
    /// carry no version (placement).
    pub path_prefixes: &'static [&'static str],
    /// Version segments its catalog URLs may carry that no current path starts
    /// with (compute's legacy `v2`): they are cut from catalog URLs too.
    pub legacy_segments: &'static [&'static str],
    /// How it names microversions; `None`: it has none.
    pub microversion: Option<Scheme>,
    /// Headers of its own that carry the request id, besides
    /// `X-OpenStack-Request-Id`, which every service sends. Lowercase.
    pub own_request_id_headers: &'static [&'static str],
}

/// How a service with microversions names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// The header a request names its version in.
    pub header: Header,
    /// The path, from the endpoint root, of the version document that gives the
    /// server's range.
    pub version_document: &'static str,
    /// The version a request without the header gets (`major`, `minor`).
    pub base: (u16, u16),
}

/// Which header carries a service's microversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `OpenStack-API-Version: <name> <version>`; `legacy` is an older header of
    /// the service's own with the bare version, read from replies.
    Standard {
        /// The service's name in the header (`volume` for `block-storage`).
        name: &'static str,
        /// Lowercase (`x-openstack-nova-api-version`).
        legacy: Option<&'static str>,
    },
    /// A header of the service's own with the bare version, both ways, and no
    /// `OpenStack-API-Version` (Manila, Ironic). Lowercase.
    Own(&'static str),
}

const fn standard(name: &'static str, version_document: &'static str, base: (u16, u16)) -> Scheme {
    Scheme {
        header: Header::Standard { name, legacy: None },
        version_document,
        base,
    }
}

/// A service without microversions, its own request-id headers or legacy segments.
const fn plain(
    service_type: &'static str,
    aliases: &'static [&'static str],
    repos: &'static [&'static str],
    path_prefixes: &'static [&'static str],
) -> ServiceFacts {
    ServiceFacts {
        service_type,
        aliases,
        repos,
        path_prefixes,
        legacy_segments: &[],
        microversion: None,
        own_request_id_headers: &[],
    }
}

/// The services apiref knows, by service type. Aliases are the authority's;
/// prefixes and schemes are the services' own API references'.
pub const SERVICES: &[ServiceFacts] = &[
    ServiceFacts {
        microversion: Some(standard("accelerator", "/v2/", (2, 0))),
        ..plain("accelerator", &[], &["openstack/cyborg"], &["/v2"])
    },
    plain("alarming", &[], &["openstack/aodh"], &["/v2"]),
    ServiceFacts {
        microversion: Some(Scheme {
            header: Header::Own("x-openstack-ironic-api-version"),
            version_document: "/",
            base: (1, 1),
        }),
        ..plain(
            "baremetal",
            &["bare-metal"],
            &["openstack/ironic"],
            &["/v1"],
        )
    },
    ServiceFacts {
        microversion: Some(standard("volume", "/v3/", (3, 0))),
        ..plain(
            "block-storage",
            &["volumev3", "volumev2", "volume", "block-store"],
            &["openstack/cinder"],
            &["/v3", "/v2"],
        )
    },
    ServiceFacts {
        microversion: Some(standard("clustering", "/v1/", (1, 0))),
        ..plain("clustering", &[], &["openstack/senlin"], &["/v1"])
    },
    ServiceFacts {
        // Catalogs list `/v2.1` and, for the legacy API, `/v2`.
        legacy_segments: &["v2"],
        microversion: Some(Scheme {
            header: Header::Standard {
                name: "compute",
                legacy: Some("x-openstack-nova-api-version"),
            },
            version_document: "/v2.1/",
            base: (2, 1),
        }),
        own_request_id_headers: &["x-compute-request-id"],
        ..plain("compute", &[], &["openstack/nova"], &["/v2.1"])
    },
    ServiceFacts {
        microversion: Some(standard("container-infra", "/v1/", (1, 1))),
        ..plain(
            "container-infrastructure-management",
            &["container-infrastructure", "container-infra"],
            &["openstack/magnum"],
            &["/v1"],
        )
    },
    plain("dns", &[], &["openstack/designate"], &["/v2"]),
    plain("identity", &[], &["openstack/keystone"], &["/v3"]),
    plain("image", &[], &["openstack/glance"], &["/v2"]),
    ServiceFacts {
        microversion: Some(standard("instance-ha", "/v1/", (1, 0))),
        ..plain("instance-ha", &["ha"], &["openstack/masakari"], &["/v1"])
    },
    plain("key-manager", &[], &["openstack/barbican"], &["/v1"]),
    plain("load-balancer", &[], &["openstack/octavia"], &["/v2"]),
    plain("message", &["messaging"], &["openstack/zaqar"], &["/v2"]),
    // networking-sfc and friends live under `/v1.0` of the same endpoint.
    plain(
        "network",
        &[],
        &["openstack/neutron-lib", "openstack/neutron"],
        &["/v2.0", "/v1.0"],
    ),
    plain("object-store", &[], &["openstack/swift"], &["/v1"]),
    plain("orchestration", &[], &["openstack/heat"], &["/v1"]),
    ServiceFacts {
        microversion: Some(standard("placement", "/", (1, 0))),
        ..plain("placement", &[], &["openstack/placement"], &[])
    },
    plain("reservation", &[], &["openstack/blazar"], &["/v1"]),
    ServiceFacts {
        microversion: Some(Scheme {
            header: Header::Own("x-openstack-manila-api-version"),
            version_document: "/v2/",
            base: (2, 0),
        }),
        ..plain(
            "shared-file-system",
            &["sharev2", "share"],
            &["openstack/manila"],
            &["/v2"],
        )
    },
    plain(
        "workflow",
        &["workflowv2"],
        &["openstack/mistral"],
        &["/v2"],
    ),
];

impl ServiceFacts {
    /// The version segments of its catalog URLs: its prefixes' then the legacy ones
    /// (`v2.1`, `v2` for compute).
    pub fn version_segments(&self) -> impl Iterator<Item = &'static str> {
        self.path_prefixes
            .iter()
            .map(|p| p.trim_start_matches('/'))
            .chain(self.legacy_segments.iter().copied())
    }
}

/// The facts of the service with this exact type.
pub fn by_type(service_type: &str) -> Option<&'static ServiceFacts> {
    SERVICES.iter().find(|s| s.service_type == service_type)
}

/// The service a type or an alias names (`volumev3` → block-storage), in any case.
pub fn by_name(name: &str) -> Option<&'static ServiceFacts> {
    SERVICES.iter().find(|s| {
        s.service_type.eq_ignore_ascii_case(name)
            || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The service whose API reference a repository publishes (`openstack/neutron-lib`
/// → network), in any case.
pub fn by_repo(repo: &str) -> Option<&'static ServiceFacts> {
    SERVICES
        .iter()
        .find(|s| s.repos.iter().any(|r| r.eq_ignore_ascii_case(repo)))
}

/// The one service the versioned paths among `paths` point at: every path that
/// starts with a version segment (`/v2.1/servers`) must name one of its
/// [`version_segments`](ServiceFacts::version_segments), and no other service may
/// fit them all. `None` when no path is
/// versioned, or when the versions fit no service or several (`/v2` alone is
/// image's, dns's, shared-file-system's...).
pub fn by_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Option<&'static ServiceFacts> {
    let mut candidates: Option<Vec<&'static ServiceFacts>> = None;
    for path in paths {
        let Some(segment) = version_segment_of(path) else {
            continue;
        };
        let fits = |s: &&ServiceFacts| s.version_segments().any(|v| v == segment);
        let narrowed = match candidates.take() {
            None => SERVICES.iter().filter(fits).collect(),
            Some(found) => found.into_iter().filter(|s| fits(s)).collect(),
        };
        candidates = Some(narrowed);
    }
    match candidates?.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Whether `name` (lowercase) is a header some service names microversions in:
/// `openstack-api-version`, or a service's own or legacy one
/// (`x-openstack-manila-api-version`). The runtime sends and reads these itself.
pub fn is_microversion_header(name: &str) -> bool {
    name == "openstack-api-version"
        || SERVICES
            .iter()
            .any(|s| match s.microversion.map(|m| m.header) {
                Some(Header::Own(own)) => own == name,
                Some(Header::Standard { legacy, .. }) => legacy == Some(name),
                None => false,
            })
}

/// The path's first segment when it names a version (`/v2.1/servers` → `v2.1`).
pub fn version_segment_of(path: &str) -> Option<&str> {
    let first = path.trim_start_matches('/').split('/').next()?;
    is_version_segment(first).then_some(first)
}

/// `v`, a digit, then digits and dots, not ending in a dot: how OpenStack spells
/// API versions in paths (`v2`, `v2.1`, `v1.0`).
pub fn is_version_segment(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !rest.ends_with('.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_aliases_name_one_service() {
        assert_eq!(by_type("compute").map(|s| s.service_type), Some("compute"));
        assert_eq!(by_type("volumev3"), None);
        for alias in [
            "volumev3",
            "volumev2",
            "VOLUME",
            "block-store",
            "block-storage",
        ] {
            assert_eq!(
                by_name(alias).map(|s| s.service_type),
                Some("block-storage"),
                "{alias}"
            );
        }
        assert_eq!(
            by_name("sharev2").map(|s| s.service_type),
            Some("shared-file-system")
        );
        assert_eq!(by_name("nova"), None);
    }

    #[test]
    fn repositories_name_their_service() {
        for (repo, service) in [
            ("openstack/nova", "compute"),
            ("openstack/cinder", "block-storage"),
            ("openstack/neutron-lib", "network"),
            ("openstack/glance", "image"),
            ("openstack/manila", "shared-file-system"),
            ("openstack/placement", "placement"),
            ("openstack/keystone", "identity"),
            ("OpenStack/Ironic", "baremetal"),
        ] {
            assert_eq!(
                by_repo(repo).map(|s| s.service_type),
                Some(service),
                "{repo}"
            );
        }
        assert_eq!(by_repo("openstack/python-novaclient"), None);
        assert_eq!(by_repo("nova"), None);
    }

    #[test]
    fn a_version_prefix_names_a_service_only_when_one_fits() {
        let service = |paths: &[&str]| by_paths(paths.iter().copied()).map(|s| s.service_type);
        assert_eq!(service(&["/v2.1/{tenant_id}/servers"]), Some("compute"));
        assert_eq!(
            service(&["/v2.0/networks", "/v1.0/sfc/port_chains"]),
            Some("network")
        );
        // `/v3` is identity's and block-storage's; with `/v2` only block-storage fits.
        assert_eq!(service(&["/v3/auth/tokens"]), None);
        assert_eq!(
            service(&["/v3/{project_id}/volumes", "/v2/{project_id}/volumes"]),
            Some("block-storage")
        );
        assert_eq!(service(&["/v2/images"]), None);
        // Unversioned paths say nothing, and a version no service has fits none.
        assert_eq!(service(&["/servers", "/"]), None);
        assert_eq!(service(&["/v2.1/servers", "/v9/x"]), None);
        assert_eq!(service(&["/servers", "/v2.1/servers"]), Some("compute"));
        // Compute's legacy `/v2` beside `/v2.1`: the 2015 docs.
        assert_eq!(
            service(&["/v2/{tenant_id}/images", "/v2.1/{tenant_id}/servers", "/"]),
            Some("compute")
        );
    }

    #[test]
    fn microversion_headers_of_every_scheme() {
        for yes in [
            "openstack-api-version",
            "x-openstack-nova-api-version",
            "x-openstack-manila-api-version",
            "x-openstack-ironic-api-version",
        ] {
            assert!(is_microversion_header(yes), "{yes}");
        }
        assert!(!is_microversion_header("x-openstack-request-id"));
    }

    #[test]
    fn version_segments_are_prefixes_then_legacy_ones() {
        let compute = by_type("compute").expect("known");
        assert_eq!(
            compute.version_segments().collect::<Vec<_>>(),
            ["v2.1", "v2"]
        );
        let placement = by_type("placement").expect("known");
        assert_eq!(placement.version_segments().count(), 0);
        assert_eq!(version_segment_of("/v2.1/servers"), Some("v2.1"));
        for no in ["/servers", "/", "/v2./x", "/version", "/V2"] {
            assert_eq!(version_segment_of(no), None, "{no}");
        }
    }

    #[test]
    fn the_table_is_consistent() {
        for (i, s) in SERVICES.iter().enumerate() {
            // One service per name, alias and repository, in type order.
            for other in &SERVICES[i + 1..] {
                assert!(
                    s.service_type < other.service_type,
                    "{}",
                    other.service_type
                );
            }
            for name in std::iter::once(&s.service_type).chain(s.aliases) {
                assert!(by_name(name) == Some(s), "{name}");
            }
            for repo in s.repos {
                assert!(by_repo(repo) == Some(s), "{repo}");
            }
            for p in s.path_prefixes {
                assert!(p.strip_prefix('/').is_some_and(is_version_segment), "{p}");
            }
            let lowercase = |h: &str| !h.is_empty() && !h.bytes().any(|b| b.is_ascii_uppercase());
            if let Some(Scheme {
                header: Header::Own(h),
                ..
            }) = s.microversion
            {
                assert!(lowercase(h), "{h}");
            }
            assert!(s.own_request_id_headers.iter().all(|h| lowercase(h)));
        }
    }
}
