//! Names or ids of the users, domains and projects that Keystone credentials and
//! scopes refer to.

use serde_json::{Value, json};

/// A domain, by id (`default`) or by name (`Default`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainRef {
    Id(String),
    Name(String),
}

/// A user, by id, or by name within a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserRef {
    Id(String),
    Name { name: String, domain: DomainRef },
}

/// A project, by id, or by name within a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectRef {
    Id(String),
    Name { name: String, domain: DomainRef },
}

impl DomainRef {
    pub fn id(id: impl Into<String>) -> Self {
        DomainRef::Id(id.into())
    }

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
    pub fn id(id: impl Into<String>) -> Self {
        UserRef::Id(id.into())
    }

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
    pub fn id(id: impl Into<String>) -> Self {
        ProjectRef::Id(id.into())
    }

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
