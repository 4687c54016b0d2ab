//! Names or ids of the users, domains and projects that Keystone credentials and
//! scopes refer to, and how they go into the generated request types.
//!
//! Keystone's reference documents a user and a scope's domain by id only (its
//! samples never name them), so the generated types have an `id` field and the
//! name form goes into their `extra`, which serializes beside the known fields.

use serde_json::{Value, json};

use crate::Extra;

/// A domain, by id (`default`) or by name (`Default`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainRef {
    /// By id (`default`).
    Id(String),
    /// By name (`Default`).
    Name(String),
}

/// A user, by id, or by name within a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserRef {
    /// By id, unique across the cloud.
    Id(String),
    /// By name, which is unique only within its domain.
    Name {
        /// The user's name.
        name: String,
        /// The domain the name is unique in.
        domain: DomainRef,
    },
}

/// A project, by id, or by name within a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectRef {
    /// By id, unique across the cloud.
    Id(String),
    /// By name, which is unique only within its domain.
    Name {
        /// The project's name.
        name: String,
        /// The domain the name is unique in.
        domain: DomainRef,
    },
}

impl DomainRef {
    /// A domain by id.
    pub fn id(id: impl Into<String>) -> Self {
        DomainRef::Id(id.into())
    }

    /// A domain by name.
    pub fn name(name: impl Into<String>) -> Self {
        DomainRef::Name(name.into())
    }

    fn json(&self) -> Value {
        match self {
            DomainRef::Id(id) => json!({ "id": id }),
            DomainRef::Name(name) => json!({ "name": name }),
        }
    }

    /// The `id` of a generated domain type, and the `extra` that names it instead.
    pub(crate) fn id_and_extra(&self) -> (Option<String>, Extra) {
        match self {
            DomainRef::Id(id) => (Some(id.clone()), Extra::new()),
            DomainRef::Name(name) => (None, Extra::from_iter([("name".to_owned(), json!(name))])),
        }
    }
}

impl UserRef {
    /// A user by id.
    pub fn id(id: impl Into<String>) -> Self {
        UserRef::Id(id.into())
    }

    /// A user by name within `domain`.
    pub fn name(name: impl Into<String>, domain: DomainRef) -> Self {
        UserRef::Name {
            name: name.into(),
            domain,
        }
    }

    /// `{"id": ..}` or `{"name": .., "domain": {..}}`, for methods the generated
    /// types do not describe (`totp`).
    pub(crate) fn json(&self) -> Value {
        match self {
            UserRef::Id(id) => json!({ "id": id }),
            UserRef::Name { name, domain } => json!({ "name": name, "domain": domain.json() }),
        }
    }

    /// The `id` of a generated user type, or the `extra` holding `name` and
    /// `domain`: `{"id": ..}` or `{"name": .., "domain": {..}}` once serialized.
    pub(crate) fn id_and_extra(&self) -> (Option<String>, Extra) {
        match self {
            UserRef::Id(id) => (Some(id.clone()), Extra::new()),
            UserRef::Name { name, domain } => (
                None,
                Extra::from_iter([
                    ("name".to_owned(), json!(name)),
                    ("domain".to_owned(), domain.json()),
                ]),
            ),
        }
    }
}

impl ProjectRef {
    /// A project by id.
    pub fn id(id: impl Into<String>) -> Self {
        ProjectRef::Id(id.into())
    }

    /// A project by name within `domain`.
    pub fn name(name: impl Into<String>, domain: DomainRef) -> Self {
        ProjectRef::Name {
            name: name.into(),
            domain,
        }
    }

    /// `(id, name, domain)` of the `scope.project` of a token request.
    pub(crate) fn parts(&self) -> (Option<&str>, Option<&str>, Option<&DomainRef>) {
        match self {
            ProjectRef::Id(id) => (Some(id), None, None),
            ProjectRef::Name { name, domain } => (None, Some(name), Some(domain)),
        }
    }
}

/// The `scope` of a token request in the types of `$m`, one of the generated
/// token operations: each has its own (identical) scope types, so one macro
/// rather than one copy per operation.
macro_rules! project_scope {
    ($($m:ident)::+, $project:expr) => {{
        let (id, name, domain) = $project.parts();
        $($m)::+::Scope {
            project: Some($($m)::+::ScopeProject {
                id: id.map(str::to_owned),
                name: name.map(str::to_owned),
                domain: domain.map(|d| {
                    let (id, extra) = d.id_and_extra();
                    $($m)::+::ScopeProjectDomain { id, extra }
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }};
}
pub(crate) use project_scope;
