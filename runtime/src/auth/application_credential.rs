//! Keystone's `application_credential` method.

use super::identity::UserRef;
use super::identity_api::auth::tokens::application_credential as op;
use crate::secret::Secret;

/// An application credential: by id, or by name together with its owner. The token's
/// scope is the credential's project.
#[derive(Clone, Debug)]
pub enum ApplicationCredential {
    /// By the credential's id, which is unique on its own.
    Id {
        /// The credential's id.
        id: String,
        /// The secret Keystone showed once, at creation.
        secret: Secret,
    },
    /// By name: names are unique only per user, so the owner goes with it.
    Name {
        /// The credential's name.
        name: String,
        /// The user who owns it.
        user: UserRef,
        /// The secret Keystone showed once, at creation.
        secret: Secret,
    },
}

impl ApplicationCredential {
    /// A credential by id.
    pub fn id(id: impl Into<String>, secret: impl Into<Secret>) -> Self {
        ApplicationCredential::Id {
            id: id.into(),
            secret: secret.into(),
        }
    }

    /// A credential by name and owner.
    pub fn name(name: impl Into<String>, user: UserRef, secret: impl Into<Secret>) -> Self {
        ApplicationCredential::Name {
            name: name.into(),
            user,
            secret: secret.into(),
        }
    }

    pub(crate) fn secret(&self) -> &Secret {
        match self {
            ApplicationCredential::Id { secret, .. }
            | ApplicationCredential::Name { secret, .. } => secret,
        }
    }

    /// The body of `POST /v3/auth/tokens`, in the reference's types (no scope:
    /// the credential carries its own). It holds the secret in plain text: build it
    /// just before sending and drop it after.
    pub(crate) fn request(&self) -> op::Request {
        let credential = match self {
            ApplicationCredential::Id { id, secret } => op::IdentityApplicationCredential {
                id: Some(id.clone()),
                secret: Some(secret.expose().to_owned()),
                ..Default::default()
            },
            ApplicationCredential::Name { name, user, secret } => {
                let (id, extra) = user.id_and_extra();
                op::IdentityApplicationCredential {
                    name: Some(name.clone()),
                    secret: Some(secret.expose().to_owned()),
                    user: Some(op::IdentityApplicationCredentialUser { id, extra }),
                    ..Default::default()
                }
            }
        };
        op::Request {
            auth: op::Auth {
                identity: Some(op::Identity {
                    methods: Some(vec!["application_credential".to_owned()]),
                    application_credential: Some(credential),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        }
    }
}
