//! The service catalog a Keystone token carries, and picking a service's endpoint
//! from it by service type, interface and region.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

/// A token's service catalog (`token.catalog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Catalog {
    /// The services in the order Keystone lists them; that order decides which
    /// endpoint wins when no region is asked for.
    pub services: Vec<CatalogService>,
}

/// One service in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CatalogService {
    /// `compute`, `identity`, `image`, ...
    #[serde(rename = "type")]
    pub service_type: String,
    /// The deployment's own name for the service (`nova`); informative only, since
    /// endpoints are chosen by type.
    #[serde(default)]
    pub name: Option<String>,
    /// Every endpoint of the service, one per interface and region.
    #[serde(default)]
    pub endpoints: Vec<CatalogEndpoint>,
}

/// One endpoint of a service.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CatalogEndpoint {
    /// `public`, `internal` or `admin`.
    pub interface: String,
    /// The region's id; Keystone v3 sends it, and a region is matched against it first.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The region's name, kept from v2 catalogs; matched when `region_id` is absent.
    #[serde(default)]
    pub region: Option<String>,
    /// The endpoint's URL, in any of the forms [`Endpoint`](crate::Endpoint) accepts.
    pub url: String,
}

/// Which of a service's endpoints to use. `Public` unless configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Interface {
    /// Reachable from outside the cloud: what users and tools normally call.
    #[default]
    Public,
    /// Reachable only inside the cloud's own network (service-to-service traffic).
    Internal,
    /// For operators; some deployments put admin-only APIs here.
    Admin,
}

/// Why a string is not an [`Interface`]. Its own type, not [`Error`](crate::Error), so
/// that the catalog stays a leaf module; `?` turns it into
/// [`Error::Config`](crate::Error::Config).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseInterfaceError {
    input: String,
}

/// The catalog has no endpoint for the requested service, interface and region. The
/// message lists what it does offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    /// The service type asked for (`compute`).
    pub service_type: String,
    /// The interface asked for.
    pub interface: Interface,
    /// The region asked for; `None` means any.
    pub region: Option<String>,
    /// Every service type in the catalog.
    pub offered_services: Vec<String>,
    /// The requested service's endpoints as `(interface, region)`; empty if the
    /// service is not in the catalog.
    pub offered_endpoints: Vec<(String, Option<String>)>,
}

impl Catalog {
    /// The URL of `service_type`'s endpoint for `interface`, in `region` (any region
    /// if `None`: the first listed).
    pub fn endpoint_url(
        &self,
        service_type: &str,
        interface: Interface,
        region: Option<&str>,
    ) -> Result<&str, CatalogError> {
        let service = self
            .services
            .iter()
            .find(|s| s.service_type == service_type);
        let found = service.and_then(|s| {
            s.endpoints.iter().find(|e| {
                e.interface() == Some(interface)
                    && region.is_none_or(|r| e.region_name() == Some(r))
            })
        });
        match found {
            Some(endpoint) => Ok(&endpoint.url),
            None => Err(CatalogError {
                service_type: service_type.to_owned(),
                interface,
                region: region.map(str::to_owned),
                offered_services: self
                    .services
                    .iter()
                    .map(|s| s.service_type.clone())
                    .collect(),
                offered_endpoints: service
                    .map(|s| {
                        s.endpoints
                            .iter()
                            .map(|e| (e.interface.clone(), e.region_name().map(str::to_owned)))
                            .collect()
                    })
                    .unwrap_or_default(),
            }),
        }
    }
}

impl CatalogEndpoint {
    /// The region id (Keystone also writes the legacy `region`, with the same value).
    pub fn region_name(&self) -> Option<&str> {
        self.region_id.as_deref().or(self.region.as_deref())
    }

    fn interface(&self) -> Option<Interface> {
        self.interface.parse().ok()
    }
}

impl Interface {
    /// The name Keystone v3 uses in a catalog (`public`, `internal`, `admin`).
    pub fn as_str(self) -> &'static str {
        match self {
            Interface::Public => "public",
            Interface::Internal => "internal",
            Interface::Admin => "admin",
        }
    }
}

impl FromStr for Interface {
    type Err = ParseInterfaceError;

    /// `public`, `internal`, `admin`, or the v2 spellings `publicURL`, ... .
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let base = trimmed.strip_suffix("URL").unwrap_or(trimmed);
        match base.to_ascii_lowercase().as_str() {
            "public" => Ok(Interface::Public),
            "internal" => Ok(Interface::Internal),
            "admin" => Ok(Interface::Admin),
            _ => Err(ParseInterfaceError {
                input: s.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for ParseInterfaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown interface {:?} (expected public, internal or admin)",
            self.input
        )
    }
}

impl std::error::Error for ParseInterfaceError {}

impl CatalogError {
    /// The error with `scrub` applied to every text that came from the catalog (a
    /// hostile Keystone may echo a credential in a region or service name).
    pub(crate) fn scrub(self, scrub: impl Fn(String) -> String) -> CatalogError {
        CatalogError {
            offered_services: self.offered_services.into_iter().map(&scrub).collect(),
            offered_endpoints: self
                .offered_endpoints
                .into_iter()
                .map(|(interface, region)| (scrub(interface), region.map(&scrub)))
                .collect(),
            ..self
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let region = match &self.region {
            Some(r) => format!(" in region {r:?}"),
            None => String::new(),
        };
        if !self.offered_services.contains(&self.service_type) {
            write!(
                f,
                "the service catalog has no {:?} service; it offers: {}",
                self.service_type,
                list_or_nothing(&self.offered_services)
            )
        } else {
            let offered: Vec<String> = self
                .offered_endpoints
                .iter()
                .map(|(interface, region)| match region {
                    Some(r) => format!("{interface} in {r}"),
                    None => format!("{interface} (no region)"),
                })
                .collect();
            write!(
                f,
                "the service catalog has no {} {:?} endpoint{region}; {:?} offers: {}",
                self.interface,
                self.service_type,
                self.service_type,
                list_or_nothing(&offered)
            )
        }
    }
}

fn list_or_nothing(items: &[String]) -> String {
    if items.is_empty() {
        "nothing (is the token scoped to a project?)".to_owned()
    } else {
        items.join(", ")
    }
}

impl std::error::Error for CatalogError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        serde_json::from_value(serde_json::json!([
            {"type": "identity", "name": "keystone", "endpoints": [
                {"interface": "public", "region_id": "RegionOne", "region": "RegionOne",
                 "url": "http://ks/v3"}]},
            {"type": "compute", "name": "nova", "endpoints": [
                {"interface": "internal", "region_id": "RegionOne", "url": "http://int-one/v2.1"},
                {"interface": "public", "region_id": "RegionOne", "url": "http://pub-one/v2.1"},
                {"interface": "public", "region_id": "RegionTwo", "url": "http://pub-two/v2.1"},
                {"interface": "admin", "region": "RegionTwo", "url": "http://adm-two/v2.1"}]}
        ]))
        .expect("valid catalog")
    }

    #[test]
    fn selects_by_interface_and_region() {
        let c = catalog();
        let pick = |i, r| c.endpoint_url("compute", i, r);
        assert_eq!(pick(Interface::Public, None), Ok("http://pub-one/v2.1"));
        assert_eq!(
            pick(Interface::Public, Some("RegionTwo")),
            Ok("http://pub-two/v2.1")
        );
        assert_eq!(
            pick(Interface::Internal, Some("RegionOne")),
            Ok("http://int-one/v2.1")
        );
        assert_eq!(
            pick(Interface::Admin, Some("RegionTwo")),
            Ok("http://adm-two/v2.1")
        );
        assert!(pick(Interface::Admin, Some("RegionOne")).is_err());
    }

    #[test]
    fn missing_service_lists_the_offered_services() {
        let err = catalog()
            .endpoint_url("image", Interface::Public, None)
            .expect_err("no image service");
        assert_eq!(err.offered_services, ["identity", "compute"]);
        assert!(err.offered_endpoints.is_empty());
        assert_eq!(
            err.to_string(),
            "the service catalog has no \"image\" service; it offers: identity, compute"
        );
    }

    #[test]
    fn missing_region_lists_the_offered_endpoints() {
        let err = catalog()
            .endpoint_url("compute", Interface::Public, Some("Nowhere"))
            .expect_err("no such region");
        assert_eq!(
            err.to_string(),
            "the service catalog has no public \"compute\" endpoint in region \"Nowhere\"; \
             \"compute\" offers: internal in RegionOne, public in RegionOne, \
             public in RegionTwo, admin in RegionTwo"
        );
        let empty = Catalog::default()
            .endpoint_url("compute", Interface::Public, None)
            .expect_err("empty");
        assert!(empty.to_string().contains("nothing"), "{empty}");
    }

    #[test]
    fn parses_interfaces() {
        assert_eq!("public".parse::<Interface>().ok(), Some(Interface::Public));
        assert_eq!(
            "internalURL".parse::<Interface>().ok(),
            Some(Interface::Internal)
        );
        assert_eq!("Admin".parse::<Interface>().ok(), Some(Interface::Admin));
        let err = "private"
            .parse::<Interface>()
            .expect_err("not an interface");
        assert_eq!(
            err.to_string(),
            "unknown interface \"private\" (expected public, internal or admin)"
        );
        assert!(matches!(
            crate::Error::from(err),
            crate::Error::Config(m) if m.starts_with("unknown interface")
        ));
    }
}
