//! `examples/update_server.rs --cloud NAME` (or `OS_CLOUD`) against the real Keystone
//! and Nova that scripts/services/keystone.sh starts: exit 0 with the server as JSON,
//! and exit 1 with one line naming Keystone's status and message for a refused login.
//! Skips (passes) when `APIREF_KEYSTONE_OUT` is unset.

mod common;
mod keystone_common;

use std::path::Path;
use std::process::{Command, Output};

use common::example::example_binary;
use keystone_common::Keystone;

/// Runs the example with only the given `OS_*` variables.
fn run(binary: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(binary);
    for (key, _) in std::env::vars() {
        if key.starts_with("OS_") {
            command.env_remove(key);
        }
    }
    command.envs(env.iter().copied()).args(args);
    command.output().expect("run the example")
}

#[test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
fn update_server_with_a_cloud() {
    let ks = Keystone::from_env();
    let binary = example_binary();
    let clouds = ks.clouds_yaml();
    let file_env = [("OS_CLIENT_CONFIG_FILE", clouds.as_str())];

    let output = run(
        binary,
        &file_env,
        &[
            "--cloud",
            "keystone-harness-demo",
            "--server",
            &ks.server,
            "--name",
            "ks-example-cloud",
            "--microversion",
            "2.1",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let server: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(server["id"], ks.server.as_str());
    assert_eq!(server["name"], "ks-example-cloud");

    // OS_CLOUD instead of --cloud.
    let output = run(
        binary,
        &[
            ("OS_CLIENT_CONFIG_FILE", clouds.as_str()),
            ("OS_CLOUD", "keystone-harness-appcred"),
        ],
        &["--server", &ks.server, "--name", "ks-example-os-cloud"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let server: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(server["name"], "ks-example-os-cloud");
}

#[test]
#[ignore = "needs APIREF_KEYSTONE_OUT, a Keystone (scripts/test starts one)"]
fn a_refused_login_exits_1_with_keystones_words() {
    let ks = Keystone::from_env();
    let binary = example_binary();
    const WRONG: &str = "wrong-password-0815";
    let text = std::fs::read_to_string(ks.clouds_yaml()).expect("read clouds.yaml");
    let wrong = text.replace(ks.user["password"].as_str(), WRONG);
    assert_ne!(wrong, text, "the demo password is in clouds.yaml");
    let file = std::env::temp_dir().join(format!("apiref-ks-wrong-{}.yaml", std::process::id()));
    std::fs::write(&file, wrong).expect("write");
    let path = file.display().to_string();

    let output = run(
        binary,
        &[("OS_CLIENT_CONFIG_FILE", path.as_str())],
        &[
            "--cloud",
            "keystone-harness-demo",
            "--server",
            &ks.server,
            "--name",
            "never",
        ],
    );
    let _ = std::fs::remove_file(&file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: Keystone refused authentication: 401 Unauthorized: The request you have made requires authentication."),
        "{stderr}"
    );
    assert!(!stderr.contains(WRONG), "{stderr}");
}
