//! TLS settings as clouds.yaml and the `OS_*` variables give them (`cacert`,
//! `cert`, `key`, `insecure`), applied to the HTTP client every request (Keystone's
//! included) goes through.

use std::path::PathBuf;

use crate::error::Error;

/// How the client checks servers and proves itself to them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsOptions {
    /// A PEM bundle of the CAs to trust *instead of* the system's, as python's
    /// `requests` does with `verify=<path>` (clouds.yaml `cacert`, `OS_CACERT`).
    pub ca_cert: Option<PathBuf>,
    /// A PEM client certificate (`cert`, `OS_CERT`); it may hold the key too.
    pub client_cert: Option<PathBuf>,
    /// The PEM private key of [`TlsOptions::client_cert`] (`key`, `OS_KEY`).
    pub client_key: Option<PathBuf>,
    /// Accept any server certificate (`insecure: true` or `verify: false`,
    /// `OS_INSECURE`). For tests against throw-away servers only.
    pub insecure: bool,
}

impl TlsOptions {
    /// Whether any setting differs from the defaults.
    pub(crate) fn is_set(&self) -> bool {
        *self != TlsOptions::default()
    }

    /// `http` with these settings. Files are read now, so a missing one is an
    /// error of the builder, not of the first call.
    pub(crate) fn apply(
        &self,
        mut http: reqwest::ClientBuilder,
    ) -> Result<reqwest::ClientBuilder, Error> {
        let read = |what: &str, path: &PathBuf| {
            std::fs::read(path).map_err(|e| {
                Error::Config(format!("cannot read the {what} {}: {e}", path.display()))
            })
        };
        if let Some(path) = &self.ca_cert {
            let certs = reqwest::Certificate::from_pem_bundle(&read("CA bundle (cacert)", path)?)
                .map_err(|e| {
                Error::Config(format!("{} is not a PEM CA bundle: {e}", path.display()))
            })?;
            if certs.is_empty() {
                return Err(Error::Config(format!(
                    "{} holds no certificate",
                    path.display()
                )));
            }
            http = http.tls_certs_only(certs);
        }
        match (&self.client_cert, &self.client_key) {
            (Some(cert), key) => {
                let mut pem = read("client certificate (cert)", cert)?;
                if let Some(key) = key {
                    pem.push(b'\n');
                    pem.extend(read("client key (key)", key)?);
                }
                // The message names the file only: reqwest's could quote the key.
                let identity = reqwest::Identity::from_pem(&pem).map_err(|_| {
                    Error::Config(format!(
                        "{} (with its key) is not a PEM certificate and private key",
                        cert.display()
                    ))
                })?;
                http = http.identity(identity);
            }
            (None, Some(_)) => {
                return Err(Error::Config(
                    "a client key (key, OS_KEY) without a certificate (cert, OS_CERT)".to_owned(),
                ));
            }
            (None, None) => {}
        }
        if self.insecure {
            http = http.tls_danger_accept_invalid_certs(true);
        }
        Ok(http)
    }
}
