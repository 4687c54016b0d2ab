//! The compute service as a generated client states it (`SERVICE` of
//! `apiref generate spec/compute`), for the runtime's loopback tests, which build
//! their operations by hand.

use apiref_runtime::__generated::{MicroversionHeader, MicroversionScheme};
use apiref_runtime::{Service, Version};

/// Compute: `/v2.1` and `/v2` endpoints, `OpenStack-API-Version: compute X.Y` (and
/// Nova's legacy header in replies), `X-Compute-Request-Id`.
pub const COMPUTE: Service = Service {
    service_type: "compute",
    version_segments: &["v2.1", "v2"],
    microversion: Some(MicroversionScheme {
        header: MicroversionHeader::Standard {
            name: "compute",
            legacy: Some("x-openstack-nova-api-version"),
        },
        version_document: "/v2.1/",
        base_version: Version::new(2, 1),
    }),
    request_id_headers: &["x-compute-request-id"],
};
