//! The facts a client needs about the service an operation belongs to: its catalog
//! type, where its endpoints carry a version, whether it has microversions and how
//! it names them, which headers carry its request id.
//!
//! The runtime holds no table of services: these facts belong to the API, so the
//! generated code states them (`pub const SERVICE: Service = Service { .. }`, from
//! the spec's `service` and its paths) and every [`Operation`](crate::Operation)
//! points at its service's constant. A client learns the service from the
//! operations it is asked to call, and from [`ClientBuilder::service`] for what
//! happens before any call (the catalog lookup, the endpoint override).
//!
//! [`ClientBuilder::service`]: crate::ClientBuilder::service

use crate::microversion::Version;

/// One OpenStack service, as its API reference describes it. `const`-constructible,
/// so generated code can write it as a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Service {
    /// The service type of the OpenStack service-types authority, as service
    /// catalogs list it (`compute`, `identity`, `block-storage`).
    pub service_type: &'static str,
    /// The path segments that name an API version in an endpoint URL (`v2.1` and
    /// `v2` for compute, `v3` for identity): a catalog URL is cut before them,
    /// because every operation path carries its own version prefix. Empty: any
    /// segment shaped like `v2`, `v2.1` counts (see [`Service::is_version_segment`]).
    pub version_segments: &'static [&'static str],
    /// How the service names microversions, if it has them.
    pub microversion: Option<MicroversionScheme>,
    /// Headers of the service's own that carry the request id when the standard
    /// `X-OpenStack-Request-Id` is absent, in order of preference, lowercase
    /// (`x-compute-request-id`).
    pub request_id_headers: &'static [&'static str],
}

/// How a service with microversions names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MicroversionScheme {
    /// The header a request names its version in, and a reply says it in.
    pub header: MicroversionHeader,
    /// The path, from the endpoint root, of the version document whose `version`
    /// and `min_version` give the server's range (`/v2.1/`), for
    /// [`Microversion::Negotiate`](crate::Microversion::Negotiate).
    pub version_document: &'static str,
    /// The version a request without the header gets (compute's 2.1).
    pub base_version: Version,
}

/// Which header carries a service's microversion: the services did not all adopt
/// the common `OpenStack-API-Version` before freezing their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MicroversionHeader {
    /// `OpenStack-API-Version: <name> <version>` (`compute 2.19`, `volume 3.42`).
    Standard {
        /// The service's name in the header: not always its service type
        /// (`volume` for `block-storage`).
        name: &'static str,
        /// An older header of the service's own that carries the bare version
        /// (`x-openstack-nova-api-version`), read from replies when the standard
        /// one is absent. Not sent: Nova has read the standard header since
        /// Newton (2.27), for every version. Lowercase.
        legacy: Option<&'static str>,
    },
    /// A header of the service's own with the bare version, both ways, and no
    /// `OpenStack-API-Version` (`x-openstack-manila-api-version: 2.7`). Lowercase.
    Own(&'static str),
}

/// The request-id header every OpenStack service sends (oslo.middleware).
pub const STANDARD_REQUEST_ID_HEADER: &str = "x-openstack-request-id";

impl Service {
    /// A service known only by its type: no microversions, only the standard
    /// request-id header, any `vN[.M]` segment taken as a version.
    pub const fn new(service_type: &'static str) -> Service {
        Service {
            service_type,
            version_segments: &[],
            microversion: None,
            request_id_headers: &[],
        }
    }

    /// The prefix of this service's keys in `clouds.yaml` (`block_storage` for
    /// `block-storage`), as openstacksdk spells them.
    pub fn config_prefix(&self) -> String {
        self.service_type.replace('-', "_")
    }

    /// `<prefix>_endpoint_override`: the `clouds.yaml` key whose URL replaces the
    /// catalog's for this service.
    pub fn endpoint_override_key(&self) -> String {
        format!("{}_endpoint_override", self.config_prefix())
    }

    /// Whether `segment` of an endpoint URL names an API version of this service:
    /// one of [`Service::version_segments`], or, when it lists none, any `v` followed
    /// by digits and dots (`v2`, `v2.1`, `v3`).
    pub fn is_version_segment(&self, segment: &str) -> bool {
        if self.version_segments.is_empty() {
            looks_like_version(segment)
        } else {
            self.version_segments.contains(&segment)
        }
    }
}

/// `v` then a digit, then digits and dots: how OpenStack endpoints spell versions.
pub(crate) fn looks_like_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !rest.ends_with('.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Block storage as far as these tests look: a dashed service type, and
    /// `v3` its only version segment.
    const BLOCK_STORAGE: Service = Service {
        version_segments: &["v3"],
        ..Service::new("block-storage")
    };

    #[test]
    fn config_keys_use_underscores() {
        assert_eq!(
            BLOCK_STORAGE.endpoint_override_key(),
            "block_storage_endpoint_override"
        );
        assert_eq!(
            Service::new("identity").endpoint_override_key(),
            "identity_endpoint_override"
        );
    }

    #[test]
    fn version_segments_listed_or_shaped_like_versions() {
        assert!(BLOCK_STORAGE.is_version_segment("v3"));
        assert!(!BLOCK_STORAGE.is_version_segment("v2"));
        let any = Service::new("thing");
        for yes in ["v2", "v2.1", "v3", "v10.25"] {
            assert!(any.is_version_segment(yes), "{yes}");
        }
        for no in ["v", "version", "v2.", "vx", "2.1", "V2", "v2a", "volume"] {
            assert!(!any.is_version_segment(no), "{no}");
        }
    }
}
