//! Multi-factor log-ins: several methods in one token request, and Keystone's
//! receipts. A user whose `multi_factor_auth_rules` the methods sent do not meet
//! gets a 401 with an `Openstack-Auth-Receipt` header (the methods proven so far)
//! and the rules in the body; the next request carries the receipt and the methods
//! still missing, as keystoneauth's `v3multifactor` does.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::Credentials;
use super::identity::ProjectRef;

/// Credentials for several methods at once (`auth_type: v3multifactor`).
#[derive(Clone, Debug)]
pub struct MultiFactor {
    /// One credential per method, in the order they are offered: the first is
    /// sent alone, the rest as Keystone's rules ask for them.
    pub factors: Vec<Credentials>,
    /// The project the token is for; `None` takes the user's default project.
    pub scope: Option<ProjectRef>,
}

impl MultiFactor {
    /// Credentials offered together, in this order.
    pub fn new(factors: impl IntoIterator<Item = Credentials>) -> Self {
        MultiFactor {
            factors: factors.into_iter().collect(),
            scope: None,
        }
    }

    /// Scopes the token to `project`.
    pub fn project(mut self, project: ProjectRef) -> Self {
        self.scope = Some(project);
        self
    }
}

/// The body of a Keystone 401 that carries a receipt.
#[derive(Deserialize, Default)]
pub(crate) struct ReceiptReply {
    #[serde(default)]
    pub(crate) receipt: ReceiptBody,
    /// Each inner list is one rule: all of its methods together suffice.
    #[serde(default)]
    pub(crate) required_auth_methods: Vec<Vec<String>>,
}

#[derive(Deserialize, Default)]
pub(crate) struct ReceiptBody {
    /// The methods the receipt proves.
    #[serde(default)]
    pub(crate) methods: Vec<String>,
}

/// The methods to send next: those of the first rule that the proven methods and
/// the configured ones together meet, minus those proven. `None` if no rule can
/// be met (or the rule needs nothing new, which would loop).
pub(crate) fn next_methods<'a>(
    rules: &[Vec<String>],
    proven: &[String],
    configured: &[&'a str],
) -> Option<Vec<&'a str>> {
    rules.iter().find_map(|rule| {
        let missing: Vec<&'a str> = rule
            .iter()
            .filter(|m| !proven.contains(m))
            .map(|m| configured.iter().copied().find(|c| c == m))
            .collect::<Option<_>>()?;
        (!missing.is_empty()).then_some(missing)
    })
}

/// `{"auth": {"identity": {"methods": [..], <method>: {..}, ..}, "scope": ..}}`
/// from each method's own section.
pub(crate) fn body(sections: Vec<(&str, Value)>, scope: Option<Value>) -> Value {
    let mut identity = Map::new();
    identity.insert(
        "methods".to_owned(),
        Value::Array(
            sections
                .iter()
                .map(|(m, _)| Value::String((*m).to_owned()))
                .collect(),
        ),
    );
    for (method, section) in sections {
        identity.insert(method.to_owned(), section);
    }
    let mut auth = json!({ "identity": identity });
    if let (Some(scope), Value::Object(map)) = (scope, &mut auth) {
        map.insert("scope".to_owned(), scope);
    }
    json!({ "auth": auth })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|rule| rule.iter().map(|m| (*m).to_owned()).collect())
            .collect()
    }

    #[test]
    fn picks_the_first_rule_that_can_be_met() {
        let proven = vec!["password".to_owned()];
        assert_eq!(
            next_methods(
                &rules(&[&["totp", "password"]]),
                &proven,
                &["password", "totp"]
            ),
            Some(vec!["totp"])
        );
        // A rule needing a method nobody configured is skipped for one that works.
        assert_eq!(
            next_methods(
                &rules(&[&["password", "mapped"], &["password", "totp"]]),
                &proven,
                &["password", "totp"]
            ),
            Some(vec!["totp"])
        );
        assert_eq!(
            next_methods(&rules(&[&["password", "mapped"]]), &proven, &["password"]),
            None
        );
        assert_eq!(
            next_methods(&rules(&[&["password"]]), &proven, &["password"]),
            None
        );
    }

    #[test]
    fn body_lists_methods_in_order() {
        let b = body(
            vec![
                ("password", json!({"user": {"id": "u"}})),
                ("totp", json!({"user": {"id": "u", "passcode": "1"}})),
            ],
            Some(json!({"project": {"id": "p"}})),
        );
        assert_eq!(
            b,
            json!({"auth": {"identity": {"methods": ["password", "totp"],
                "password": {"user": {"id": "u"}}, "totp": {"user": {"id": "u", "passcode": "1"}}},
                "scope": {"project": {"id": "p"}}}})
        );
    }
}
