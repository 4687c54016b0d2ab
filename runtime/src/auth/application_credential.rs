//! Keystone's `application_credential` method.

use serde_json::{Value, json};

use super::identity::UserRef;
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

    pub(crate) fn identity(&self) -> Value {
        let credential = match self {
            ApplicationCredential::Id { id, secret } => {
                json!({ "id": id, "secret": secret.expose() })
            }
            ApplicationCredential::Name { name, user, secret } => {
                json!({ "name": name, "user": user.json(), "secret": secret.expose() })
            }
        };
        json!({
            "methods": ["application_credential"],
            "application_credential": credential,
        })
    }
}
