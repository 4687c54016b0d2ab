//! Keystone's `password` method.

use super::identity::{ProjectRef, UserRef, project_scope};
use super::identity_api::auth::tokens::password_scoped as op;
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

    /// The body of `POST /v3/auth/tokens`, in the reference's types. It holds the
    /// password in plain text: build it just before sending and drop it after.
    pub(crate) fn request(&self) -> op::Request {
        let (id, extra) = self.user.id_and_extra();
        op::Request {
            auth: op::Auth {
                identity: Some(op::Identity {
                    methods: Some(vec!["password".to_owned()]),
                    password: Some(op::Password {
                        user: Some(op::PasswordUser {
                            id,
                            password: Some(self.password.expose().to_owned()),
                            extra,
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                scope: self
                    .scope
                    .as_ref()
                    .map(|p| project_scope!(super::identity_api::auth::tokens::password_scoped, p)),
                ..Default::default()
            },
            ..Default::default()
        }
    }
}
