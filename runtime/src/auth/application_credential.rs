//! Keystone's `application_credential` method.

use serde_json::{Value, json};

use super::identity::UserRef;
use crate::secret::Secret;

/// An application credential: by id, or by name together with its owner. The token's
/// scope is the credential's project.
#[derive(Clone, Debug)]
pub enum ApplicationCredential {
    Id {
        id: String,
        secret: Secret,
    },
    Name {
        name: String,
        user: UserRef,
        secret: Secret,
    },
}

impl ApplicationCredential {
    pub fn id(id: impl Into<String>, secret: impl Into<Secret>) -> Self {
        ApplicationCredential::Id {
            id: id.into(),
            secret: secret.into(),
        }
    }

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
