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
    run.query(
        "qos::rule_types::list",
        Admin,
        &[],
        json!({"all_supported": true}),
    )
    .await?;
    if let Some(first) = types["rule_types"][0]["type"].as_str() {
        run.get("qos::rule_types::get", Admin, &[first]).await?;
    }
    let policy = run
        .create(
            "qos::policies::create",
            Admin,
            &[],
            json!({"policy": {"name": run.name("qos"), "description": "a policy",
                              "shared": false, "is_default": false}}),
            "policy_id",
        )
        .await?;
    run.get("qos::policies::get", Admin, &[&policy]).await?;
    run.send(
        "qos::policies::update",
        Admin,
        &[&policy],
        json!({"policy": {"name": run.name("qos-renamed"), "shared": true}}),
    )
    .await?;
    run.get("qos::policies::get", Reader, &[&policy]).await?;
    run.query(
        "qos::policies::list",
        Member,
        &[],
        json!({"name": run.name("qos-renamed")}),
    )
    .await?;

    for (segment, key, create, update) in rules() {
        let op = |verb: &str| format!("qos::policies::{segment}::{verb}");
        let rule = run
            .create(
                &op("create"),
                Admin,
                &[&policy],
                json!({ key: create }),
                "rule_id",
            )
            .await?;
        run.get(&op("get"), Admin, &[&policy, &rule]).await?;
        run.send(
            &op("update"),
            Admin,
            &[&policy, &rule],
            json!({ key: update }),
        )
        .await?;
        // A reader's list of minimum packet rate rules is a 500 in Neutron 29 (its
        // policy cannot find the parent policy), so the admin lists.
        run.get(&op("list"), Admin, &[&policy]).await?;
        if segment == "dscp_marking_rules" {
            run.remember("dscp_rule_id", &rule);
        }
        run.get(&op("delete"), Admin, &[&policy, &rule]).await?;
        // The alias path names the rule without its policy (not for every type);
        // its body key is `alias_<rule>`.
        if segment == "packet_rate_limit_rules" {
            continue;
        }
        let rule = run
            .create(
                &op("create"),
                Admin,
                &[&policy],
                json!({ key: create }),
                "rule_id",
            )
            .await?;
        let alias = |verb: &str| format!("qos::alias_{segment}::{verb}");
        run.get(&alias("get"), Admin, &[&rule]).await?;
        run.send(
            &alias("add"),
            Admin,
            &[&rule],
            json!({ format!("alias_{key}"): update }),
        )
        .await?;
        run.get(&alias("delete"), Admin, &[&rule]).await?;
    }

    // The policy on a network the member makes.
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("qos"), "qos_policy_id": policy}}),
            "network_id",
        )
        .await?;
    run.get("networks::get", Member, &[&net]).await?;
    run.get("networks::delete", Member, &[&net]).await?;
    run.get("qos::policies::delete", Admin, &[&policy]).await?;
    Ok(())
}
