//! The `auth` dict of a cloud as credentials, by `auth_type` or by the keys present.

use super::CloudAuth;
use super::fields::Fields;
use crate::auth::{ApplicationCredential, Credentials, KeystoneAuth, MultiFactor, Password, Totp};
use crate::error::Error;

/// The `auth` dict as credentials, by `auth_type` or by the keys present.
pub(super) fn read_auth(
    auth_type: Option<&str>,
    auth: &Fields,
    label: &str,
) -> Result<CloudAuth, Error> {
    let kind = match auth_type {
        Some(t) => t.to_owned(),
        None if auth.has("application_credential_secret") => "v3applicationcredential".to_owned(),
        None if auth.has("password") => "password".to_owned(),
        None if auth.has("token") && auth.has("auth_url") => "token".to_owned(),
        None if auth.has("token") => "admin_token".to_owned(),
        None => {
            return Err(Error::Config(format!(
                "{label}: no credentials (password, application_credential_secret or token)"
            )));
        }
    };
    let keystone = |credentials: Credentials| -> Result<CloudAuth, Error> {
        Ok(CloudAuth::Keystone(KeystoneAuth::new(
            auth.required("auth_url")?,
            credentials,
        )))
    };
    match kind.as_str() {
        "password" | "v3password" => keystone(Credentials::Password(password(auth)?)),
        "v3applicationcredential" | "applicationcredential" => keystone(
            Credentials::ApplicationCredential(application_credential(auth)?),
        ),
        "token" | "v3token" => keystone(Credentials::Token {
            token: auth.required_secret("token")?,
            project: auth.project()?,
        }),
        "v3totp" | "totp" => keystone(Credentials::Totp(totp(auth)?)),
        "v3multifactor" | "multifactor" => {
            let methods = auth.methods(label)?;
            let mut factors = Vec::new();
            for method in &methods {
                factors.push(match method.as_str() {
                    "v3password" | "password" => {
                        let mut password = password(auth)?;
                        password.scope = None;
                        Credentials::Password(password)
                    }
                    "v3totp" | "totp" => Credentials::Totp(totp(auth)?),
                    "v3token" | "token" => Credentials::Token {
                        token: auth.required_secret("token")?,
                        project: None,
                    },
                    "v3applicationcredential" | "applicationcredential" => {
                        Credentials::ApplicationCredential(application_credential(auth)?)
                    }
                    other => {
                        return Err(Error::Config(format!(
                            "{label}: auth_methods: {other:?} is not supported (v3password, \
                             v3totp, v3token, v3applicationcredential)"
                        )));
                    }
                });
            }
            let mut multi = MultiFactor::new(factors);
            multi.scope = auth.project()?;
            keystone(Credentials::MultiFactor(multi))
        }
        // openstacksdk's name for it: "Humans have been trained to use token_endpoint".
        "admin_token" | "token_endpoint" => Ok(CloudAuth::Token {
            token: auth.required_secret("token")?,
            endpoint: auth.string("endpoint")?,
        }),
        other => Err(Error::Config(format!(
            "{label}: auth_type {other:?} is not supported (password, v3password, \
             v3applicationcredential, token, v3token, v3totp, v3multifactor, admin_token, \
             token_endpoint)"
        ))),
    }
}

pub(super) fn password(auth: &Fields) -> Result<Password, Error> {
    let mut password = Password::new(
        auth.user()?
            .ok_or_else(|| auth.missing("username or user_id"))?,
        auth.required_secret("password")?,
    );
    password.scope = auth.project()?;
    Ok(password)
}

pub(super) fn application_credential(auth: &Fields) -> Result<ApplicationCredential, Error> {
    let secret = auth.required_secret("application_credential_secret")?;
    Ok(match auth.string("application_credential_id")? {
        Some(id) => ApplicationCredential::id(id, secret),
        None => {
            let name = auth.string("application_credential_name")?.ok_or_else(|| {
                auth.missing("application_credential_id or application_credential_name")
            })?;
            let user = auth.user()?.ok_or_else(|| {
                auth.missing("username or user_id (for application_credential_name)")
            })?;
            ApplicationCredential::name(name, user, secret)
        }
    })
}

/// `passcode` (read from an authenticator now) or `totp_secret` (apiref's own
/// key: the base32 secret, from which each passcode is computed).
pub(super) fn totp(auth: &Fields) -> Result<Totp, Error> {
    let user = auth
        .user()?
        .ok_or_else(|| auth.missing("username or user_id"))?;
    let mut totp = match (auth.string("passcode")?, auth.string("totp_secret")?) {
        (Some(passcode), _) => Totp::passcode(user, passcode),
        (None, Some(secret)) => Totp::secret(user, secret),
        (None, None) => return Err(auth.missing("passcode or totp_secret")),
    };
    totp.scope = auth.project()?;
    Ok(totp)
}
