//! Typed reads of one mapping of a cloud's settings.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::per_service_prefix;
use crate::auth::{DomainRef, ProjectRef, UserRef};
use crate::error::Error;
use crate::secret::Secret;

/// String fields of one mapping, with errors that name the cloud and the key (never
/// the value: it may be a secret).
pub(super) struct Fields<'a> {
    pub(super) label: &'a str,
    pub(super) map: Option<&'a Map<String, Value>>,
}

impl Fields<'_> {
    pub(super) fn has(&self, key: &str) -> bool {
        self.map
            .and_then(|m| m.get(key))
            .is_some_and(|v| !v.is_null())
    }

    /// A string, number or boolean as text (YAML reads `password: 1234` as a number).
    pub(super) fn string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.map.and_then(|m| m.get(key)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.is_empty())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(Error::Config(format!(
                "{}: `{key}` must be a string",
                self.label
            ))),
        }
    }

    /// A yes/no setting: a boolean, or text as openstacksdk reads `OS_INSECURE`
    /// (`true`/`false`, `yes`/`no`, `1`/`0`).
    pub(super) fn flag(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.string(key)? {
            None => Ok(None),
            Some(text) => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" | "on" => Ok(Some(true)),
                "false" | "no" | "0" | "off" => Ok(Some(false)),
                _ => Err(Error::Config(format!(
                    "{}: `{key}` must be true or false",
                    self.label
                ))),
            },
        }
    }

    /// `auth_methods` of `v3multifactor`: a list, or a comma-separated string.
    pub(super) fn methods(&self, label: &str) -> Result<Vec<String>, Error> {
        let methods: Vec<String> = match self.map.and_then(|m| m.get("auth_methods")) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.trim().to_owned()),
                    _ => Err(Error::Config(format!(
                        "{label}: `auth_methods` must be a list of method names"
                    ))),
                })
                .collect::<Result<_, _>>()?,
            _ => self
                .string("auth_methods")?
                .unwrap_or_default()
                .split(',')
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect(),
        };
        if methods.is_empty() {
            return Err(self.missing("auth_methods (for v3multifactor)"));
        }
        Ok(methods)
    }

    /// A count such as `status_code_retries`.
    pub(super) fn count(&self, key: &str) -> Result<Option<u32>, Error> {
        match self.string(key)? {
            Some(text) => self.parse_count(key, &text).map(Some),
            None => Ok(None),
        }
    }

    /// Every `<service>_<suffix>` key with a value, by service prefix, read by `read`
    /// (given the key and the value's text).
    pub(super) fn per_service<T>(
        &self,
        suffix: &str,
        read: impl Fn(&str, String) -> Result<T, Error>,
    ) -> Result<BTreeMap<String, T>, Error> {
        let mut found = BTreeMap::new();
        for key in self.map.into_iter().flat_map(|m| m.keys()) {
            if let Some(prefix) = per_service_prefix(key, suffix)
                && let Some(text) = self.string(key)?
            {
                found.insert(prefix.to_owned(), read(key, text)?);
            }
        }
        Ok(found)
    }

    /// `text`, the value of `key`, as a whole number of retries.
    pub(super) fn parse_count(&self, key: &str, text: &str) -> Result<u32, Error> {
        text.trim().parse().map_err(|_| {
            Error::Config(format!(
                "{}: `{key}` must be a whole number of retries",
                self.label
            ))
        })
    }

    /// A list of HTTP statuses: a sequence, or a comma-separated string.
    pub(super) fn statuses(&self, key: &str) -> Result<Option<Vec<u16>>, Error> {
        let bad = || {
            Error::Config(format!(
                "{}: `{key}` must be a list of HTTP statuses (100 to 599)",
                self.label
            ))
        };
        let parse = |text: &str| match text.trim().parse::<u16>() {
            Ok(code) if (100..600).contains(&code) => Ok(code),
            _ => Err(bad()),
        };
        match self.map.and_then(|m| m.get(key)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::Number(n) => parse(&n.to_string()),
                    Value::String(s) => parse(s),
                    _ => Err(bad()),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => match self.string(key)? {
                Some(text) => text
                    .split(',')
                    .map(parse)
                    .collect::<Result<_, _>>()
                    .map(Some),
                None => Ok(None),
            },
        }
    }

    pub(super) fn required(&self, key: &str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| self.missing(key))
    }

    pub(super) fn required_secret(&self, key: &str) -> Result<Secret, Error> {
        self.required(key).map(Secret::new)
    }

    pub(super) fn missing(&self, what: &str) -> Error {
        Error::Config(format!("{}: auth needs {what}", self.label))
    }

    /// `user_domain_id`/`_name`, falling back to `default_domain_id`/`_name`.
    pub(super) fn domain(&self, prefix: &str) -> Result<Option<DomainRef>, Error> {
        if let Some(id) = self.string(&format!("{prefix}_domain_id"))? {
            return Ok(Some(DomainRef::Id(id)));
        }
        if let Some(name) = self.string(&format!("{prefix}_domain_name"))? {
            return Ok(Some(DomainRef::Name(name)));
        }
        if let Some(id) = self.string("default_domain_id")? {
            return Ok(Some(DomainRef::Id(id)));
        }
        Ok(self.string("default_domain_name")?.map(DomainRef::Name))
    }

    pub(super) fn user(&self) -> Result<Option<UserRef>, Error> {
        if let Some(id) = self.string("user_id")? {
            return Ok(Some(UserRef::Id(id)));
        }
        let Some(name) = self.string("username")? else {
            return Ok(None);
        };
        let domain = self
            .domain("user")?
            .ok_or_else(|| self.missing("user_domain_name or user_domain_id with username"))?;
        Ok(Some(UserRef::name(name, domain)))
    }

    pub(super) fn project(&self) -> Result<Option<ProjectRef>, Error> {
        if let Some(id) = self.string("project_id")?.or(self.string("tenant_id")?) {
            return Ok(Some(ProjectRef::Id(id)));
        }
        let Some(name) = self.string("project_name")?.or(self.string("tenant_name")?) else {
            return Ok(None);
        };
        let domain = self.domain("project")?.ok_or_else(|| {
            self.missing("project_domain_name or project_domain_id with project_name")
        })?;
        Ok(Some(ProjectRef::name(name, domain)))
    }
}
