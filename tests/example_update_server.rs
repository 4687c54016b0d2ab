//! `examples/update_server.rs`, run as a user runs it, against a real Nova: exit 0
//! with the server as JSON, exit 1 with one line for an API error, exit 2 for a bad
//! command line. Needs `APIREF_NOVA_*` like tests/nova_update_server.rs (the
//! usage checks run without them).

mod common;

use std::process::{Command, Output};

use common::example::example_binary;
use common::nova::{Nova, SERVER_LOCK};

fn run(args: &[&str]) -> Output {
    Command::new(example_binary())
        .args(args)
        .output()
        .expect("run the example")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_argument_that_is_not_utf8_exits_2_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let output = Command::new(example_binary())
        .arg("--server")
        .arg(std::ffi::OsStr::from_bytes(b"s\xff\xfe"))
        .output()
        .expect("run the example");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("argument 2 is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_bad_command_line_exits_2_with_usage() {
    let with_endpoint = |endpoint| vec!["--endpoint", endpoint, "--token", "t", "--server", "s"];
    // Complete, so each case below fails for its own reason only.
    let complete = with_endpoint("http://127.0.0.1:9/v2.1/p");
    for args in [
        vec![],
        // No --server; then --server without its value.
        complete[..4].to_vec(),
        complete[..5].to_vec(),
        [&complete[..], &["--disk-config", "auto"]].concat(),
        [&complete[..], &["--microversion", "two"]].concat(),
        with_endpoint("ftp://host/"),
        // No project in the endpoint and no --project.
        with_endpoint("http://127.0.0.1:9"),
        vec!["--colour"],
    ] {
        let output = run(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("usage: update_server"), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--microversion"));
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn updates_a_real_server_and_reports_errors_in_one_line() {
    let nova = Nova::from_env();
    let _server = SERVER_LOCK.lock().await;
    let root = nova.client().endpoint().root().to_owned();

    // Each catalog form of the endpoint; the project from the URL or from --project.
    let forms = [
        (format!("{root}/v2.1/{}", nova.project), false),
        (format!("{root}/v2.1"), true),
        (root.clone(), true),
    ];
    for (i, (endpoint, with_project)) in forms.iter().enumerate() {
        let name = format!("apiref-example-{i}");
        let mut args = vec![
            "--endpoint",
            endpoint,
            "--token",
            &nova.token,
            "--server",
            &nova.server,
            "--name",
            &name,
            "--description",
            "set by the example",
            "--access-ipv4",
            "192.0.2.44",
            "--access-ipv6",
            "2001:db8::44",
            "--disk-config",
            "AUTO",
            "--hostname",
            "apiref-example",
        ];
        if *with_project {
            args.extend(["--project", &nova.project]);
        }
        let output = run(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{endpoint}: {}",
            stderr(&output)
        );
        let server: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("stdout is JSON");
        assert_eq!(server["id"], nova.server.as_str());
        assert_eq!(server["name"], name.as_str());
        assert_eq!(server["description"], "set by the example");
        assert_eq!(server["accessIPv4"], "192.0.2.44");
        assert_eq!(server["accessIPv6"], "2001:db8::44");
        assert_eq!(server["OS-DCF:diskConfig"], "AUTO");
        assert_eq!(server["OS-EXT-SRV-ATTR:hostname"], "apiref-example");
        // Negotiated: the reply has the fields of the newest microversion.
        assert!(server.get("pinned_availability_zone").is_some(), "{server}");
    }

    // An explicit microversion: at 2.1 the reply has no description.
    let base = [
        "--endpoint",
        &root,
        "--project",
        &nova.project,
        "--token",
        &nova.token,
        "--server",
        &nova.server,
    ];
    let output = run(&[
        &base[..],
        &["--name", "apiref-example", "--microversion", "2.1"],
    ]
    .concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let server: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(server.get("description").is_none(), "{server}");

    // API errors: exit 1, one line with status, fault, message and request id.
    let missing = "00000000-0000-4000-8000-000000000000";
    let cases: [(Vec<&str>, &[&str]); 4] = [
        (
            vec!["--name", ""],
            &[
                "400 badRequest: Invalid input for field/attribute name",
                "(request req-",
            ],
        ),
        (
            vec!["--description", "x", "--microversion", "2.1"],
            &[
                "400 badRequest:",
                "'description' was unexpected",
                "(request req-",
            ],
        ),
        (
            vec!["--name", "x", "--microversion", "9.9"],
            &[
                "unexpected 406 computeFault: Version 9.9 is not supported by the API.",
                "(request req-",
            ],
        ),
        (
            vec!["--name", "x"],
            &["404 itemNotFound: Instance", missing, "(request req-"],
        ),
    ];
    for (i, (extra, expected)) in cases.into_iter().enumerate() {
        let mut args = base.to_vec();
        if i == 3 {
            let position = args.iter().position(|a| *a == "--server").expect("flag");
            args[position + 1] = missing;
        }
        args.extend(extra);
        let output = run(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty());
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
        assert!(err.starts_with("error: "), "{err}");
        for part in expected {
            assert!(err.contains(part), "{err:?} lacks {part:?}");
        }
    }

    let output = run(&[
        "--endpoint",
        &root,
        "--project",
        &nova.project,
        "--token",
        "apiref-example-bad-token",
        "--server",
        &nova.server,
        "--name",
        "x",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.starts_with(
            "error: 401 Unauthorized: The request you have made requires authentication."
        ),
        "{err}"
    );
    assert!(!err.contains("apiref-example-bad-token"));
}
