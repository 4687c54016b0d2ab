//! QoS: the rule types the loaded drivers support, a policy (the admin's by
//! default) with a rule of every type, each read, changed and deleted through its
//! policy's path and through the alias path without it; the policy on a network.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{Run, Step, Unversioned};

/// Each rule type: its path segment, its body key, a create body, an update body.
fn rules() -> [(
    &'static str,
    &'static str,
    serde_json::Value,
    serde_json::Value,
); 5] {
    [
        (
            "bandwidth_limit_rules",
            "bandwidth_limit_rule",
            json!({"max_kbps": 10000, "max_burst_kbps": 1000, "direction": "egress"}),
            json!({"max_kbps": 20000}),
        ),
        (
            "dscp_marking_rules",
            "dscp_marking_rule",
            json!({"dscp_mark": 26}),
            json!({"dscp_mark": 16}),
        ),
        (
            "minimum_bandwidth_rules",
            "minimum_bandwidth_rule",
            json!({"min_kbps": 1000, "direction": "egress"}),
            json!({"min_kbps": 2000}),
        ),
        (
            "minimum_packet_rate_rules",
            "minimum_packet_rate_rule",
            json!({"min_kpps": 1000, "direction": "any"}),
            json!({"min_kpps": 2000}),
        ),
        (
            "packet_rate_limit_rules",
            "packet_rate_limit_rule",
            json!({"max_kpps": 1000, "max_burst_kpps": 100, "direction": "egress"}),
            json!({"max_kpps": 2000}),
        ),
    ]
}

/// The whole QoS lifecycle.
pub async fn qos(run: &Run) -> Step {
    let types = run.get("qos::rule_types::list", Member, &[]).await?;
    let all_supported = json!({"all_supported": true});
    run.query("qos::rule_types::list", Admin, &[], all_supported)
        .await?;
    if let Some(first) = types["rule_types"][0]["type"].as_str() {
        run.get("qos::rule_types::get", Admin, &[first]).await?;
    }
    let policy = run
        .make(
            "qos::policies",
            Admin,
            &[],
            json!({"policy": {"name": run.name("qos"), "description": "a policy",
                              "shared": false, "is_default": false}}),
            "policy_id",
        )
        .await?;
    policy.get(Admin).await?;
    let renamed = run.name("qos-renamed");
    let change = json!({"policy": {"name": renamed, "shared": true}});
    policy.update(Admin, change).await?;
    policy.get(Reader).await?;
    policy.filter(Member, json!({"name": renamed})).await?;

    for (segment, key, create, update) in rules() {
        let ops = format!("qos::policies::{segment}");
        let parent = [policy.id.as_str()];
        let make = || run.make(&ops, Admin, &parent, json!({ key: create }), "rule_id");
        let rule = make().await?;
        rule.get(Admin).await?;
        rule.update(Admin, json!({ key: update })).await?;
        // A reader's list of minimum packet rate rules is a 500 in Neutron 29 (its
        // policy cannot find the parent policy), so the admin lists.
        rule.list(Admin).await?;
        if segment == "dscp_marking_rules" {
            run.remember("dscp_rule_id", &rule.id);
        }
        rule.delete(Admin).await?;
        // The alias path names the rule without its policy (not for every type);
        // its body key is `alias_<rule>`.
        if segment == "packet_rate_limit_rules" {
            continue;
        }
        let alias = run.on(&format!("qos::alias_{segment}"), &[], &make().await?.id);
        alias.get(Admin).await?;
        let change = json!({ format!("alias_{key}"): update });
        alias.send("add", Admin, change).await?;
        alias.delete(Admin).await?;
    }

    // The policy on a network the member makes.
    let net = json!({"network": {"name": run.name("qos"), "qos_policy_id": policy.id}});
    let net = run.make("networks", Member, &[], net, "network_id").await?;
    net.get(Member).await?;
    net.delete(Member).await?;
    policy.delete(Admin).await
}
