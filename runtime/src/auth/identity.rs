//! Names or ids of the users, domains and projects that Keystone credentials and
//! scopes refer to.

use serde_json::{Value, json};

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

    /// `{"id": ..}` or `{"name": .., "domain": {..}}`.
    pub(crate) fn json(&self) -> serde_json::Map<String, Value> {
        let mut user = serde_json::Map::new();
        match self {
            UserRef::Id(id) => {
                user.insert("id".to_owned(), json!(id));
            }
            UserRef::Name { name, domain } => {
                user.insert("name".to_owned(), json!(name));
                user.insert("domain".to_owned(), domain.json());
            }
        }
        user
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

    /// The `scope` member of a token request.
    pub(crate) fn scope(&self) -> Value {
        match self {
            ProjectRef::Id(id) => json!({ "project": { "id": id } }),
            ProjectRef::Name { name, domain } => {
                json!({ "project": { "name": name, "domain": domain.json() } })
            }
        }
    }
}
