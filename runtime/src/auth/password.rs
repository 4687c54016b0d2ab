//! Keystone's `password` method.

use serde_json::{Value, json};

use super::identity::{ProjectRef, UserRef};
use crate::secret::Secret;

/// A user's password, optionally scoped to a project (without a scope Keystone
/// scopes the token to the user's default project, if it has one).
#[derive(Clone, Debug)]
pub struct Password {
    /// Who logs in.
    pub user: UserRef,
    /// Their password (never printed).
    pub password: Secret,
    /// The project the token is for; `None` takes the user's default project.
    pub scope: Option<ProjectRef>,
}

impl Password {
    /// A password log-in with no scope yet.
    pub fn new(user: UserRef, password: impl Into<Secret>) -> Self {
        Password {
            user,
            password: password.into(),
            scope: None,
        }
    }

    /// Scopes the token to `project`.
    pub fn project(mut self, project: ProjectRef) -> Self {
        self.scope = Some(project);
        self
    }

    pub(crate) fn identity(&self) -> Value {
        let mut user = self.user.json();
        user.insert("password".to_owned(), json!(self.password.expose()));
        json!({ "methods": ["password"], "password": { "user": user } })
    }
}
