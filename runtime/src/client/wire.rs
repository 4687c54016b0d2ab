//! The pure helpers the send loop uses on what crosses the wire: the caller's
//! headers and the query going out, the microversion header asked for, and the
//! request id, microversion and body read from a reply. None does I/O.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::microversion::Version;
use crate::query::encode_query;
use crate::service::{MicroversionHeader, STANDARD_REQUEST_ID_HEADER, Service};

// Header names as `HeaderName` constants: a `&str` name is parsed on every use, and a
// non-standard one copied to the heap when a request is built.
const MICROVERSION_HEADER: HeaderName = HeaderName::from_static("openstack-api-version");
const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static(STANDARD_REQUEST_ID_HEADER);

/// A request part (`body`, `query`) that serde could not write: refused before
/// anything is sent.
pub(crate) fn cannot_serialize(what: &str, e: serde_json::Error) -> Error {
    Error::InvalidArgument {
        name: what.to_owned(),
        reason: format!("cannot serialize: {e}"),
    }
}

/// Adds the encoded `query` to `url`, after any query the endpoint itself carries.
pub(crate) fn append_query<Q: Serialize + ?Sized>(
    url: &mut reqwest::Url,
    query: &Q,
) -> Result<(), Error> {
    if let Some(encoded) = encode_query(query)? {
        let joined = match url.query() {
            Some(existing) if !existing.is_empty() => format!("{existing}&{encoded}"),
            _ => encoded,
        };
        url.set_query(Some(&joined));
    }
    Ok(())
}

/// The caller's headers as names and values, refusing a value with a line break
/// or another byte a header cannot hold (it could smuggle a header in). Names are
/// the generator's, checked when it wrote them.
pub(crate) fn caller_headers(
    headers: &[(&'static str, Option<&str>)],
) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
    headers
        .iter()
        .filter_map(|(name, value)| value.map(|value| (*name, value)))
        .map(|(name, value)| {
            let invalid = |reason: &str| Error::InvalidArgument {
                name: name.to_owned(),
                reason: reason.to_owned(),
            };
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| invalid("is not a header name"))?;
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| invalid("holds a byte a header value cannot (a line break?)"))?;
            value.set_sensitive(is_secret_header(name));
            Ok((header, value))
        })
        .collect()
}

/// Headers named like a token or an auth receipt hold a credential.
fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("token") || name.contains("receipt")
}

/// The reply's headers, credential-holding ones marked sensitive (their `Debug`
/// says `Sensitive`).
pub(super) fn sensitive_marked(mut headers: HeaderMap) -> HeaderMap {
    for (name, value) in headers.iter_mut() {
        if is_secret_header(name.as_str()) {
            value.set_sensitive(true);
        }
    }
    headers
}

/// Decodes a 2xx body, an empty one as `null`; on failure, the JSON path and message.
///
/// Plain serde_json first: tracking the path makes every reply slower to decode,
/// and only a failure needs it. A body that fails is decoded again with the tracker,
/// which fails at the same place (decoding is deterministic) and names the path.
pub(crate) fn decode<R: DeserializeOwned>(bytes: &[u8]) -> Result<R, (String, String)> {
    let input: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    match serde_json::from_slice(input) {
        Ok(value) => Ok(value),
        Err(_) => decode_tracked(input),
    }
}

/// [`decode`]'s slow path: the same decoding, through `serde_path_to_error`.
fn decode_tracked<R: DeserializeOwned>(input: &[u8]) -> Result<R, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_slice(input);
    let value: R = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))?;
    deserializer
        .end()
        .map_err(|e| (".".to_owned(), e.to_string()))?;
    Ok(value)
}

/// The header that asks for `version` (`latest` for `None`): `OpenStack-API-Version:
/// compute 2.19`, or the service's own with the bare version.
pub(super) fn microversion_header(
    header: MicroversionHeader,
    version: Option<Version>,
) -> Result<(HeaderName, HeaderValue), Error> {
    let version = match version {
        Some(version) => version.to_string(),
        None => "latest".to_owned(),
    };
    let (name, text) = match header {
        MicroversionHeader::Standard { name, .. } => {
            (MICROVERSION_HEADER, format!("{name} {version}"))
        }
        MicroversionHeader::Own(name) => {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid microversion header name {name:?}")))?;
            (name, version)
        }
    };
    let value = HeaderValue::try_from(text)
        .map_err(|_| Error::Config(format!("invalid microversion header for {header:?}")))?;
    Ok((name, value))
}

/// The request id: the standard header, else one the service names.
pub(super) fn request_id(headers: &HeaderMap, service: &Service) -> Option<String> {
    let value = |value: Option<&HeaderValue>| {
        value
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    value(headers.get(REQUEST_ID_HEADER)).or_else(|| {
        service
            .request_id_headers
            .iter()
            .find_map(|name| value(headers.get(*name)))
    })
}

/// The version from `OpenStack-API-Version: compute 2.19` (a list is allowed), or from
/// the service's legacy header (Nova's `X-OpenStack-Nova-API-Version: 2.19`); for a
/// service with a header of its own, from that one (`X-OpenStack-Manila-API-Version:
/// 2.7`).
pub(super) fn reply_microversion(headers: &HeaderMap, service: &Service) -> Option<Version> {
    let bare = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
    };
    match service.microversion?.header {
        MicroversionHeader::Own(name) => bare(name),
        MicroversionHeader::Standard { name, legacy } => headers
            .get_all(MICROVERSION_HEADER)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .find_map(|entry| {
                let (service_name, version) = entry.trim().split_once(char::is_whitespace)?;
                if service_name.eq_ignore_ascii_case(name) {
                    version.trim().parse().ok()
                } else {
                    None
                }
            })
            .or_else(|| bare(legacy?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_empty_as_null() {
        assert_eq!(decode::<()>(b""), Ok(()));
        assert_eq!(decode::<()>(b" \n"), Ok(()));
        assert_eq!(decode::<Option<u8>>(b""), Ok(None));
        let (path, _) = decode::<()>(b"{} x").expect_err("trailing");
        assert_eq!(path, ".");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read by the decoder only
    struct Reply {
        server: ReplyServer,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct ReplyServer {
        progress: Option<i64>,
        links: Option<Vec<ReplyLink>>,
        #[serde(flatten)]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct ReplyLink {
        href: String,
    }

    /// What the path tracker alone says about `bytes`: what `decode`'s fast path
    /// must agree with.
    fn tracked_only(bytes: &[u8]) -> (String, String) {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        match serde_path_to_error::deserialize::<_, Reply>(&mut deserializer) {
            Err(e) => (e.path().to_string(), e.inner().to_string()),
            Ok(_) => match deserializer.end() {
                Err(e) => (".".to_owned(), e.to_string()),
                Ok(()) => panic!("{} decodes", String::from_utf8_lossy(bytes)),
            },
        }
    }

    #[test]
    fn decode_errors_keep_their_path_and_message() {
        let bad: [&[u8]; 7] = [
            br#"{"server": {"progress": "ninety"}}"#,
            br#"{"server": {"links": [{"href": "a"}, {"href": 7}]}}"#,
            br#"{"server": {"links": [{"rel": "self"}]}}"#,
            br#"{"server": {"progress": 1,}}"#,
            br#"{"server": {"progress": 1}} trailing"#,
            br#"{"server": 3}"#,
            br#"{"server": {"progress": 1"#,
        ];
        for bytes in bad {
            let got = decode::<Reply>(bytes).expect_err("bad reply");
            assert_eq!(
                got,
                tracked_only(bytes),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        let (path, message) = decode::<Reply>(bad[1]).expect_err("bad href");
        assert_eq!(path, "server.links[1].href");
        assert!(
            message.starts_with("invalid type: integer `7`"),
            "{message}"
        );
        let ok = decode::<Reply>(br#"{"server": {"progress": 5, "name": "a"}}"#).expect("decodes");
        assert_eq!(ok.server.progress, Some(5));
        assert_eq!(ok.server.extra["name"], "a");
    }

    #[test]
    fn reads_reply_microversion() {
        const NOVA_LIKE: Service = Service {
            microversion: Some(crate::service::MicroversionScheme {
                header: MicroversionHeader::Standard {
                    name: "compute",
                    legacy: Some("x-openstack-nova-api-version"),
                },
                version_document: "/v2.1/",
                base_version: Version::new(2, 1),
            }),
            ..Service::new("compute")
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            MICROVERSION_HEADER,
            HeaderValue::from_static("volume 3.5, compute 2.19"),
        );
        assert_eq!(
            reply_microversion(&headers, &NOVA_LIKE),
            Some(Version::new(2, 19))
        );
        assert_eq!(reply_microversion(&headers, &Service::new("image")), None);
        let mut legacy = HeaderMap::new();
        legacy.insert(
            HeaderName::from_static("x-openstack-nova-api-version"),
            HeaderValue::from_static("2.3"),
        );
        assert_eq!(
            reply_microversion(&legacy, &NOVA_LIKE),
            Some(Version::new(2, 3))
        );
        // A service without microversions reads none, whatever the headers say.
        let no_scheme = Service::new("compute");
        assert_eq!(reply_microversion(&headers, &no_scheme), None);
    }

    #[test]
    fn a_service_with_its_own_header_reads_only_that_one() {
        const MANILA_LIKE: Service = Service {
            microversion: Some(crate::service::MicroversionScheme {
                header: MicroversionHeader::Own("x-openstack-manila-api-version"),
                version_document: "/v2/",
                base_version: Version::new(2, 0),
            }),
            ..Service::new("shared-file-system")
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            MICROVERSION_HEADER,
            HeaderValue::from_static("shared-file-system 2.9"),
        );
        assert_eq!(reply_microversion(&headers, &MANILA_LIKE), None);
        headers.insert(
            HeaderName::from_static("x-openstack-manila-api-version"),
            HeaderValue::from_static(" 2.7 "),
        );
        assert_eq!(
            reply_microversion(&headers, &MANILA_LIKE),
            Some(Version::new(2, 7))
        );
    }

    #[test]
    fn the_request_header_takes_the_schemes_form() {
        let standard = MicroversionHeader::Standard {
            name: "volume",
            legacy: None,
        };
        let (name, value) =
            microversion_header(standard, Some(Version::new(3, 42))).expect("valid");
        assert_eq!(
            (name.as_str(), value.to_str().ok()),
            ("openstack-api-version", Some("volume 3.42"))
        );
        let own = MicroversionHeader::Own("x-openstack-ironic-api-version");
        let (name, value) = microversion_header(own, None).expect("valid");
        assert_eq!(
            (name.as_str(), value.to_str().ok()),
            ("x-openstack-ironic-api-version", Some("latest"))
        );
        let bad = MicroversionHeader::Own("not a header");
        assert!(matches!(
            microversion_header(bad, None),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn request_id_prefers_the_standard_header_then_the_services() {
        const WITH_OWN: Service = Service {
            request_id_headers: &["x-compute-request-id"],
            ..Service::new("compute")
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("x-compute-request-id"),
            HeaderValue::from_static("req-own"),
        );
        assert_eq!(request_id(&headers, &WITH_OWN).as_deref(), Some("req-own"));
        assert_eq!(request_id(&headers, &Service::new("identity")), None);
        headers.insert(REQUEST_ID_HEADER, HeaderValue::from_static(" req-std "));
        assert_eq!(request_id(&headers, &WITH_OWN).as_deref(), Some("req-std"));
    }
}
