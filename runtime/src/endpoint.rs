//! The service endpoint a client talks to, normalized so every form a service catalog
//! may list (`http://h:8774`, `http://h:8774/v2.1`, `http://h:8774/v2.1/<project>`,
//! `/v2[/<project>]`, behind a path prefix or not) yields the same request URLs: the
//! operation paths carry their own `/v2.1/...` prefix. Which segments name a version
//! is the [`Service`]'s to say (`v3` for identity).

use std::fmt;
use std::str::FromStr;

use reqwest::Url;

use crate::error::Error;
use crate::service::Service;

/// A normalized endpoint: the root (`scheme://host:port[/prefix]`, no version, no
/// trailing slash) and the project id if the given URL carried one.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    root: String,
    /// `root`, parsed once: request URLs are this with the path replaced.
    base: Url,
    project_id: Option<String>,
}

impl Endpoint {
    /// Normalizes `url` for a service not named: any segment shaped like a version
    /// (`v2`, `v2.1`, `v3`) is one. Only `http` and `https` URLs without credentials,
    /// query or fragment are accepted.
    pub fn parse(url: &str) -> Result<Endpoint, Error> {
        Endpoint::parse_for(url, None)
    }

    /// Normalizes `url`, an endpoint of `service` (whose version segments are the
    /// ones cut), as [`Endpoint::parse`] does.
    pub fn parse_for(url: &str, service: Option<&Service>) -> Result<Endpoint, Error> {
        // Messages never echo the URL: it might carry credentials we are rejecting.
        let mut parsed = Url::parse(url.trim())
            .map_err(|e| Error::Config(format!("invalid endpoint URL: {e}")))?;
        match parsed.scheme() {
            "http" | "https" => {}
            other => {
                return Err(Error::Config(format!(
                    "endpoint URL must be http or https, not {other:?}"
                )));
            }
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(Error::Config("endpoint URL has no host".to_owned()));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Error::Config(
                "endpoint URL must not contain credentials; use ClientBuilder::token".to_owned(),
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config(
                "endpoint URL must not have a query or fragment".to_owned(),
            ));
        }

        let mut segments: Vec<&str> = parsed.path().split('/').filter(|s| !s.is_empty()).collect();
        let mut project_id = None;
        let is_version = |s: &&str| match service {
            Some(service) => service.is_version_segment(s),
            None => crate::service::looks_like_version(s),
        };
        if segments.last().is_some_and(is_version) {
            segments.pop();
        } else if segments.len() >= 2 && is_version(&segments[segments.len() - 2]) {
            project_id = segments.pop().map(decode_project_id).transpose()?;
            segments.pop();
        }
        let prefix: String = segments.iter().map(|s| format!("/{s}")).collect();
        parsed.set_path(&prefix);
        let root = parsed.as_str().trim_end_matches('/').to_owned();
        Ok(Endpoint {
            root,
            base: parsed,
            project_id,
        })
    }

    /// `scheme://host:port[/prefix]`, without version or trailing slash.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The project id the given URL ended with (`.../v2.1/<project_id>`), if any.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The URL for an already-rendered operation path such as `/v2.1/p/servers/s`.
    pub fn url(&self, path: &str) -> Result<Url, Error> {
        // A path of plain segments (what `render_path` makes) replaces the parsed
        // base's path, without parsing the scheme and host again. Anything else (a
        // query, a fragment, characters a parser would encode) takes the full parse.
        let plain = path.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'/' | b'%' | b'-' | b'.' | b'_' | b'~')
        });
        if plain {
            let prefix = self.base.path().trim_end_matches('/');
            let mut url = self.base.clone();
            if path.starts_with('/') {
                url.set_path(&format!("{prefix}{path}"));
            } else {
                url.set_path(&format!("{prefix}/{path}"));
            }
            return Ok(url);
        }
        let joined = if path.starts_with('/') {
            format!("{}{path}", self.root)
        } else {
            format!("{}/{path}", self.root)
        };
        Url::parse(&joined).map_err(|e| Error::Config(format!("cannot build request URL: {e}")))
    }
}

/// A project id as the URL carries it (`a%20b`) decoded (`a b`): the path renderer
/// encodes it again, exactly once.
fn decode_project_id(segment: &str) -> Result<String, Error> {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .map(|id| id.into_owned())
        .map_err(|_| Error::Config("endpoint URL's project id is not UTF-8".to_owned()))
}

impl FromStr for Endpoint {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Endpoint::parse(s)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("root", &self.root)
            .field("project_id", &self.project_id)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "/v2.1/p1/servers/s1";

    fn url_of(endpoint: &str) -> String {
        let ep = Endpoint::parse(endpoint).expect("valid endpoint");
        ep.url(PATH).expect("valid url").to_string()
    }

    #[test]
    fn catalog_forms_give_the_same_url() {
        let forms = [
            "http://host:8774",
            "http://host:8774/",
            "http://host:8774/v2.1",
            "http://host:8774/v2.1/",
            "http://host:8774/v2.1/p1",
            "http://host:8774/v2.1/p1/",
            "http://host:8774/v2",
            "http://host:8774/v2/p1",
            "http://HOST:8774/v2/p1/",
        ];
        for form in forms {
            assert_eq!(
                url_of(form),
                "http://host:8774/v2.1/p1/servers/s1",
                "form {form}"
            );
        }
    }

    /// Every path takes the same URL whether it goes through the pre-parsed base or
    /// a full parse of root and path.
    #[test]
    fn urls_match_a_full_parse() {
        let paths = [
            "/v2.1/p1/servers/s1",
            "v2.1/p1/servers/s1",
            "/v2.1/",
            "/",
            "",
            "/v2.1/p/servers/..%2F..%2Fos-hypervisors",
            "/v2.1/p/servers/na%C3%AFve%20name",
            "/v2.1/p/servers/a/../b",
            "/v2.1/p/servers/./s",
            "/v2.1/p/servers/A-z_0.9~",
            "/v2.1/p/servers?limit=1",
            "/v2.1/p/servers#frag",
            "/v2.1/p/servers/with space",
        ];
        for root in [
            "http://host:8774",
            "https://cloud/compute/v2.1/p1",
            "http://[::1]:8774/a/b/",
        ] {
            let endpoint = Endpoint::parse(root).expect("valid");
            for path in paths {
                let separator = if path.starts_with('/') { "" } else { "/" };
                let full =
                    Url::parse(&format!("{}{separator}{path}", endpoint.root())).expect("parses");
                assert_eq!(
                    endpoint.url(path).expect("builds").as_str(),
                    full.as_str(),
                    "{root} + {path}"
                );
            }
        }
    }

    #[test]
    fn prefix_is_kept() {
        for form in [
            "https://cloud/compute",
            "https://cloud/compute/",
            "https://cloud/compute/v2.1",
            "https://cloud/compute/v2.1/p1",
            "https://cloud/compute/v2/p1/",
        ] {
            assert_eq!(
                url_of(form),
                "https://cloud/compute/v2.1/p1/servers/s1",
                "form {form}"
            );
        }
        assert_eq!(
            url_of("https://cloud/a/b/v2.1/p1"),
            "https://cloud/a/b/v2.1/p1/servers/s1"
        );
    }

    #[test]
    fn a_service_names_its_own_version_segments() {
        const IDENTITY: Service = Service {
            version_segments: &["v3"],
            ..Service::new("identity")
        };
        for form in ["http://ks:5000", "http://ks:5000/v3", "http://ks:5000/v3/"] {
            let ep = Endpoint::parse_for(form, Some(&IDENTITY)).expect("valid");
            assert_eq!(ep.root(), "http://ks:5000", "{form}");
            assert_eq!(ep.project_id(), None, "{form}");
            assert_eq!(
                ep.url("/v3/auth/tokens").expect("builds").as_str(),
                "http://ks:5000/v3/auth/tokens"
            );
        }
        let behind = Endpoint::parse_for("https://cloud/identity/v3", Some(&IDENTITY));
        assert_eq!(behind.expect("valid").root(), "https://cloud/identity");
        // `v2.1` is not identity's: it stays part of the prefix.
        let other = Endpoint::parse_for("http://h/v2.1", Some(&IDENTITY)).expect("valid");
        assert_eq!(other.root(), "http://h/v2.1");
        // Without a service, any version-shaped segment is cut.
        assert_eq!(
            Endpoint::parse("http://ks:5000/v3").expect("valid").root(),
            "http://ks:5000"
        );
    }

    #[test]
    fn remembers_project_id() {
        let ep = Endpoint::parse("https://cloud/compute/v2.1/abc123/").expect("valid");
        assert_eq!(ep.project_id(), Some("abc123"));
        assert_eq!(ep.root(), "https://cloud/compute");
        let ep = Endpoint::parse("http://host:8774/v2.1").expect("valid");
        assert_eq!(ep.project_id(), None);
        assert_eq!(ep.root(), "http://host:8774");
        let ep = Endpoint::parse("http://host:8774/v2/xyz").expect("valid");
        assert_eq!(ep.project_id(), Some("xyz"));
        let ep = Endpoint::parse("http://host:8774/v2.1/a%20b%2Fc").expect("valid");
        assert_eq!(ep.project_id(), Some("a b/c"));
        assert!(matches!(
            Endpoint::parse("http://host:8774/v2.1/a%FFb"),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn rejects_non_http_and_junk() {
        for bad in [
            "ftp://host/v2.1",
            "file:///etc/passwd",
            "host:8774",
            "not a url",
            "",
            "http://host/v2.1?x=1",
            "http://host/v2.1#frag",
        ] {
            assert!(
                matches!(Endpoint::parse(bad), Err(Error::Config(_))),
                "{bad:?} accepted"
            );
        }
    }

    #[test]
    fn rejects_credentials_without_echoing_them() {
        let err = Endpoint::parse("http://user:hunter2@host/v2.1").expect_err("rejected");
        assert!(matches!(err, Error::Config(_)));
        assert!(!err.to_string().contains("hunter2"));
        assert!(!format!("{err:?}").contains("hunter2"));
    }
}
