use super::*;
use crate::auth::{ApplicationCredential, Credentials, DomainRef, Password, ProjectRef, UserRef};

/// What the keystone harness writes (keys and layout exactly as it does).
const HARNESS_CLOUDS: &str = r#"# clouds.yaml for python-openstackclient / openstacksdk
clouds:
  keystone-harness-demo:
    auth_type: password
    auth:
      auth_url: http://127.0.0.1:15000/v3
      username: demo
      password: "32aa02c63f63ef6bfed1cdded52f9538"
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  keystone-harness-appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://127.0.0.1:15000/v3
      application_credential_id: e86ff83fbfac4379801019e412f41be0
      application_credential_secret: "FIfDLsz_ajvYN1XvmGLCFXEP4kxKNxWT3b3FHPkq"
    region_name: RegionOne
    interface: public
    identity_api_version: 3
"#;

fn env_of(vars: &[(&str, &str)]) -> Vec<(String, String)> {
    vars.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("apiref-cloud-config-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn keystone(cloud: &CloudConfig) -> &KeystoneAuth {
    match &cloud.auth {
        CloudAuth::Keystone(k) => k,
        other => panic!("not keystone: {other:?}"),
    }
}

#[test]
fn reads_the_harness_password_cloud() {
    let cloud =
        CloudConfig::from_yaml("keystone-harness-demo", HARNESS_CLOUDS, None).expect("valid");
    assert_eq!(cloud.name.as_deref(), Some("keystone-harness-demo"));
    assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
    assert_eq!(cloud.interface, Interface::Public);
    let auth = keystone(&cloud);
    assert_eq!(auth.auth_url, "http://127.0.0.1:15000/v3");
    let Credentials::Password(p) = &auth.credentials else {
        panic!("not a password: {auth:?}")
    };
    assert_eq!(p.user, UserRef::name("demo", DomainRef::name("Default")));
    assert_eq!(p.password.expose(), "32aa02c63f63ef6bfed1cdded52f9538");
    assert_eq!(
        p.scope,
        Some(ProjectRef::name("demo", DomainRef::name("Default")))
    );
    let shown = format!("{cloud:?}");
    assert!(
        !shown.contains("32aa02c63f63ef6bfed1cdded52f9538"),
        "{shown}"
    );
}

#[test]
fn reads_the_harness_appcred_cloud() {
    let cloud =
        CloudConfig::from_yaml("keystone-harness-appcred", HARNESS_CLOUDS, None).expect("valid");
    let auth = keystone(&cloud);
    let Credentials::ApplicationCredential(ApplicationCredential::Id { id, secret }) =
        &auth.credentials
    else {
        panic!("not an app cred by id: {auth:?}")
    };
    assert_eq!(id, "e86ff83fbfac4379801019e412f41be0");
    assert_eq!(secret.expose(), "FIfDLsz_ajvYN1XvmGLCFXEP4kxKNxWT3b3FHPkq");
    assert!(!format!("{cloud:?}").contains("FIfDLsz"));
}

#[test]
fn secure_yaml_is_merged_deeply() {
    let clouds = "clouds:\n  c:\n    auth:\n      auth_url: http://ks/v3\n      \
                      username: u\n      user_domain_id: default\n      project_id: p1\n    \
                      region_name: R1\n";
    let secure = "clouds:\n  c:\n    auth:\n      password: 1234\n    region_name: R2\n";
    let cloud = CloudConfig::from_yaml("c", clouds, Some(secure)).expect("valid");
    assert_eq!(cloud.region_name.as_deref(), Some("R2"));
    let Credentials::Password(p) = &keystone(&cloud).credentials else {
        panic!("not a password")
    };
    assert_eq!(p.password.expose(), "1234");
    assert_eq!(p.user, UserRef::name("u", DomainRef::id("default")));
    assert_eq!(p.scope, Some(ProjectRef::id("p1")));
}

#[test]
fn finds_files_in_order_and_merges_secure_yaml() {
    let first = temp_dir("first");
    let second = temp_dir("second");
    let clouds = HARNESS_CLOUDS.replace("password: \"32aa", "password: \"ffff");
    std::fs::write(second.join("clouds.yaml"), &clouds).expect("write");
    std::fs::write(
        second.join("secure.yaml"),
        "clouds:\n  keystone-harness-demo:\n    auth:\n      password: from-second\n",
    )
    .expect("write");
    // secure.yaml in an earlier folder wins over one in a later folder.
    std::fs::write(
        first.join("secure.yml"),
        "clouds:\n  keystone-harness-demo:\n    auth:\n      password: from-first\n",
    )
    .expect("write");
    let dirs = [first.clone(), second.clone()];
    let cloud = CloudConfig::load_with(
        None,
        env_of(&[("OS_CLOUD", "keystone-harness-demo")]),
        &dirs,
    )
    .expect("found");
    let Credentials::Password(p) = &keystone(&cloud).credentials else {
        panic!("not a password")
    };
    assert_eq!(p.password.expose(), "from-first");
    assert_eq!(keystone(&cloud).auth_url, "http://127.0.0.1:15000/v3");

    // OS_CLIENT_CONFIG_FILE beats the folders; an explicit name beats OS_CLOUD.
    let elsewhere = temp_dir("elsewhere").join("mine.yaml");
    std::fs::write(
        &elsewhere,
        HARNESS_CLOUDS.replace("127.0.0.1:15000", "127.0.0.1:25000"),
    )
    .expect("write");
    let config_file = elsewhere.display().to_string();
    let cloud = CloudConfig::load_with(
        Some("keystone-harness-appcred"),
        env_of(&[
            ("OS_CLOUD", "keystone-harness-demo"),
            ("OS_CLIENT_CONFIG_FILE", &config_file),
        ]),
        &dirs,
    )
    .expect("found");
    assert_eq!(keystone(&cloud).auth_url, "http://127.0.0.1:25000/v3");
    assert!(matches!(
        keystone(&cloud).credentials,
        Credentials::ApplicationCredential(_)
    ));

    let err = CloudConfig::load_with(Some("nope"), env_of(&[]), &dirs).expect_err("unknown");
    let msg = err.to_string();
    assert!(msg.contains("keystone-harness-demo"), "{msg}");
    assert!(!msg.contains("ffff"), "{msg}");
    for dir in [first, second] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn no_file_for_a_named_cloud_is_an_error() {
    let empty = temp_dir("empty");
    let err = CloudConfig::load_with(Some("c"), env_of(&[]), std::slice::from_ref(&empty))
        .expect_err("no file");
    assert!(err.to_string().contains("no clouds.yaml"), "{err}");
    let err = CloudConfig::load_with(None, env_of(&[]), &[empty]).expect_err("nothing");
    assert!(err.to_string().contains("OS_AUTH_URL"), "{err}");
}

#[test]
fn reads_os_variables_without_a_file() {
    let env = env_of(&[
        ("OS_AUTH_URL", "http://ks:5000/v3"),
        ("OS_USERNAME", "demo"),
        ("OS_PASSWORD", "pw-from-env"),
        ("OS_PROJECT_NAME", "demo"),
        ("OS_USER_DOMAIN_NAME", "Default"),
        ("OS_PROJECT_DOMAIN_ID", "default"),
        ("OS_REGION_NAME", "RegionOne"),
        ("OS_INTERFACE", "internal"),
    ]);
    let cloud = CloudConfig::load_with(None, env, &[]).expect("valid");
    assert_eq!(cloud.name, None);
    assert_eq!(cloud.interface, Interface::Internal);
    assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
    let Credentials::Password(p) = &keystone(&cloud).credentials else {
        panic!("not a password")
    };
    assert_eq!(p.password.expose(), "pw-from-env");
    assert_eq!(
        p.scope,
        Some(ProjectRef::name("demo", DomainRef::id("default")))
    );

    let env = env_of(&[
        ("OS_AUTH_URL", "http://ks:5000/v3"),
        ("OS_APPLICATION_CREDENTIAL_NAME", "cred"),
        ("OS_APPLICATION_CREDENTIAL_SECRET", "s3cret"),
        ("OS_USER_ID", "u1"),
    ]);
    let cloud = CloudConfig::load_with(None, env, &[]).expect("valid");
    let Credentials::ApplicationCredential(ApplicationCredential::Name { name, user, .. }) =
        &keystone(&cloud).credentials
    else {
        panic!("not an app cred by name")
    };
    assert_eq!((name.as_str(), user), ("cred", &UserRef::id("u1")));

    let env = env_of(&[("OS_TOKEN", "tok"), ("OS_ENDPOINT", "http://nova/v2.1")]);
    let cloud = CloudConfig::load_with(None, env, &[]).expect("valid");
    assert!(matches!(
        cloud.auth,
        CloudAuth::Token { ref endpoint, .. } if endpoint.as_deref() == Some("http://nova/v2.1")
    ));
}

#[test]
fn errors_name_the_key_not_the_value() {
    let no_domain = "clouds:\n  c:\n    auth:\n      auth_url: http://ks/v3\n      \
                         username: u\n      password: sup3rs3cret\n";
    let err = CloudConfig::from_yaml("c", no_domain, None).expect_err("no domain");
    let msg = err.to_string();
    assert!(msg.contains("user_domain_name"), "{msg}");
    assert!(!msg.contains("sup3rs3cret"), "{msg}");

    let v2 = HARNESS_CLOUDS.replace("identity_api_version: 3", "identity_api_version: 2");
    assert!(CloudConfig::from_yaml("keystone-harness-demo", &v2, None).is_err());
    let odd = "clouds:\n  c:\n    auth_type: saml2\n    auth: {auth_url: http://ks/v3}\n";
    let err = CloudConfig::from_yaml("c", odd, None).expect_err("unsupported");
    assert!(err.to_string().contains("saml2"), "{err}");

    let broken = "clouds:\n  c:\n    auth:\n      password: \"sup3rs3cret\n    x: [\n";
    let err = CloudConfig::from_yaml("c", broken, None).expect_err("bad yaml");
    let msg = err.to_string();
    assert!(msg.contains("not valid YAML"), "{msg}");
    assert!(!msg.contains("sup3rs3cret"), "{msg}");
}

/// The openrc of the precedence tests: every value differs from the files'.
const OPENRC: &[(&str, &str)] = &[
    ("OS_AUTH_URL", "http://env-keystone:5000/v3"),
    ("OS_USERNAME", "env-user"),
    ("OS_PASSWORD", "env-password-123"),
    ("OS_PROJECT_NAME", "env-project"),
    ("OS_USER_DOMAIN_NAME", "Default"),
    ("OS_PROJECT_DOMAIN_NAME", "Default"),
    ("OS_REGION_NAME", "EnvRegion"),
    ("OS_INTERFACE", "admin"),
];

/// `env` plus the openrc above.
fn openrc_and(env: &[(&str, &str)]) -> Vec<(String, String)> {
    env_of(&[OPENRC, env].concat())
}

/// A folder holding the harness's clouds.yaml (two clouds) and nothing else.
fn harness_dir(tag: &str) -> PathBuf {
    clouds_dir(tag, HARNESS_CLOUDS)
}

/// A folder whose clouds.yaml holds the harness's demo cloud alone: the only
/// cloud, which is used when nothing names one.
fn demo_only_dir(tag: &str) -> PathBuf {
    let (demo_only, _) = HARNESS_CLOUDS
        .split_once("  keystone-harness-appcred:")
        .expect("the harness has an appcred cloud");
    clouds_dir(tag, demo_only)
}

/// A folder holding `clouds` as its clouds.yaml and nothing else.
fn clouds_dir(tag: &str, clouds: &str) -> PathBuf {
    let dir = temp_dir(tag);
    std::fs::write(dir.join("clouds.yaml"), clouds).expect("write");
    dir
}

fn password(cloud: &CloudConfig) -> &Password {
    match &keystone(cloud).credentials {
        Credentials::Password(p) => p,
        other => panic!("not a password: {other:?}"),
    }
}

/// Asserts `cloud` is the harness's demo cloud, untouched by the openrc.
fn assert_is_file_demo(cloud: &CloudConfig) {
    assert_eq!(cloud.name.as_deref(), Some("keystone-harness-demo"));
    assert_eq!(keystone(cloud).auth_url, "http://127.0.0.1:15000/v3");
    let p = password(cloud);
    assert_eq!(p.user, UserRef::name("demo", DomainRef::name("Default")));
    assert_eq!(p.password.expose(), "32aa02c63f63ef6bfed1cdded52f9538");
    assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
    assert_eq!(cloud.interface, Interface::Public);
}

/// Asserts `cloud` is what OPENRC describes.
fn assert_is_openrc(cloud: &CloudConfig) {
    assert_eq!(cloud.name, None);
    assert_eq!(keystone(cloud).auth_url, "http://env-keystone:5000/v3");
    let p = password(cloud);
    assert_eq!(
        p.user,
        UserRef::name("env-user", DomainRef::name("Default"))
    );
    assert_eq!(p.password.expose(), "env-password-123");
    assert_eq!(
        p.scope,
        Some(ProjectRef::name("env-project", DomainRef::name("Default")))
    );
    assert_eq!(cloud.region_name.as_deref(), Some("EnvRegion"));
    assert_eq!(cloud.interface, Interface::Admin);
}

// Rows of the README's precedence table, in its order.

#[test]
fn row_named_cloud_ignores_os_variables_and_os_cloud() {
    let dir = harness_dir("row-named");
    let env = openrc_and(&[("OS_CLOUD", "keystone-harness-appcred")]);
    let cloud = CloudConfig::load_with(Some("keystone-harness-demo"), env, &[dir])
        .expect("the named cloud");
    assert_is_file_demo(&cloud);
}

#[test]
fn row_os_cloud_ignores_os_variables() {
    let dir = harness_dir("row-os-cloud");
    let env = openrc_and(&[("OS_CLOUD", "keystone-harness-demo")]);
    let cloud = CloudConfig::load_with(None, env, &[dir]).expect("OS_CLOUD's cloud");
    assert_is_file_demo(&cloud);
}

#[test]
fn row_a_named_cloud_that_is_missing_does_not_fall_back_to_os_variables() {
    let dir = harness_dir("row-missing");
    let err = CloudConfig::load_with(Some("nope"), openrc_and(&[]), std::slice::from_ref(&dir))
        .expect_err("no such cloud");
    let msg = err.to_string();
    assert!(msg.contains("no cloud \"nope\""), "{msg}");
    assert!(msg.contains("keystone-harness-demo"), "{msg}");
    let err = CloudConfig::load_with(None, openrc_and(&[("OS_CLOUD", "nope")]), &[dir])
        .expect_err("no such cloud");
    assert!(err.to_string().contains("no cloud \"nope\""), "{err}");
}

#[test]
fn row_os_variables_without_a_name_beat_the_only_cloud() {
    let dir = demo_only_dir("row-openrc");
    let cloud = CloudConfig::load_with(None, openrc_and(&[]), std::slice::from_ref(&dir))
        .expect("the openrc");
    assert_is_openrc(&cloud);
    // Any other OS_* variable makes that cloud too, as in openstacksdk; without
    // credentials it is an error that says which variables are set.
    let env = env_of(&[("OS_COMPUTE_API_VERSION", "2.1")]);
    let err = CloudConfig::load_with(None, env, &[dir]).expect_err("no credentials");
    let msg = err.to_string();
    assert!(
        msg.contains("the OS_* variables (set: OS_COMPUTE_API_VERSION): no credentials"),
        "{msg}"
    );
}

#[test]
fn row_the_envvars_cloud_by_name() {
    let dir = harness_dir("row-envvars");
    // The OS_* variables' cloud can be named, even when OS_CLOUD names another.
    let env = openrc_and(&[("OS_CLOUD", "keystone-harness-demo")]);
    let cloud =
        CloudConfig::load_with(Some("envvars"), env, std::slice::from_ref(&dir)).expect("envvars");
    assert_is_openrc(&cloud);
    // OS_CLOUD_NAME renames it; then "envvars" is an ordinary (missing) cloud.
    let env = openrc_and(&[("OS_CLOUD_NAME", "mine"), ("OS_CLOUD", "mine")]);
    let cloud =
        CloudConfig::load_with(None, env.clone(), std::slice::from_ref(&dir)).expect("mine");
    assert_is_openrc(&cloud);
    let err = CloudConfig::load_with(Some("envvars"), env, std::slice::from_ref(&dir))
        .expect_err("envvars is a file cloud now");
    assert!(err.to_string().contains("no cloud \"envvars\""), "{err}");
    // Without OS_* variables there is no such cloud.
    let err =
        CloudConfig::load_with(Some("envvars"), env_of(&[]), &[dir]).expect_err("no variables");
    assert!(err.to_string().contains("none is set"), "{err}");
    // A file that defines a cloud of that name is refused.
    let clash = clouds_dir(
        "row-envvars-clash",
        &HARNESS_CLOUDS.replace("keystone-harness-appcred:", "envvars:"),
    );
    let err = CloudConfig::load_with(Some("keystone-harness-demo"), env_of(&[]), &[clash])
        .expect_err("clash");
    assert!(err.to_string().contains("OS_CLOUD_NAME"), "{err}");
}

#[test]
fn row_selectors_alone_make_no_cloud_so_the_only_cloud_is_used() {
    let dir = demo_only_dir("row-only");
    // OS_REGION_NAME selects, it describes nothing; test tools' variables neither.
    let env = env_of(&[
        ("OS_REGION_NAME", "EnvRegion"),
        ("OS_CLIENT_SECURE_FILE", "/nonexistent/secure.yaml"),
        ("OS_TEST_TIMEOUT", "60"),
        ("OS_STDOUT_CAPTURE", "1"),
        ("OS_LOG_CAPTURE", "1"),
    ]);
    let cloud = CloudConfig::load_with(None, env, &[dir]).expect("the only cloud");
    assert_is_file_demo(&cloud);
}

#[test]
fn row_several_clouds_and_nothing_named_is_an_error() {
    let dir = harness_dir("row-several");
    let err = CloudConfig::load_with(None, env_of(&[]), &[dir]).expect_err("which one?");
    let msg = err.to_string();
    assert!(msg.contains("several"), "{msg}");
    assert!(msg.contains("keystone-harness-appcred"), "{msg}");
    assert!(msg.contains("OS_CLOUD"), "{msg}");
}

#[test]
fn row_nothing_at_all_is_an_error() {
    let dir = temp_dir("row-nothing");
    let err = CloudConfig::load_with(None, env_of(&[]), &[dir]).expect_err("nothing");
    let msg = err.to_string();
    assert!(msg.contains("no cloud configured"), "{msg}");
    assert!(msg.contains("OS_AUTH_URL"), "{msg}");
}

#[test]
fn a_missing_os_client_config_file_falls_back_to_the_search_folders() {
    let dir = harness_dir("missing-file");
    let missing = dir.join("not-there.yaml").display().to_string();
    let env = env_of(&[("OS_CLIENT_CONFIG_FILE", &missing)]);
    let cloud = CloudConfig::load_with(Some("keystone-harness-demo"), env.clone(), &[dir])
        .expect("the folder's clouds.yaml");
    assert_is_file_demo(&cloud);
    // With nothing to fall back to, the error says what happened to the file.
    let empty = temp_dir("missing-file-empty");
    let err = CloudConfig::load_with(Some("keystone-harness-demo"), env, &[empty])
        .expect_err("no file at all");
    let msg = err.to_string();
    assert!(msg.contains("no clouds.yaml"), "{msg}");
    assert!(
        msg.contains(&format!("OS_CLIENT_CONFIG_FILE={missing} is not a file")),
        "{msg}"
    );
}

#[test]
fn a_missing_os_client_secure_file_falls_back_to_the_search_folders() {
    let dir = harness_dir("missing-secure");
    std::fs::write(
        dir.join("secure.yaml"),
        "clouds:\n  keystone-harness-demo:\n    auth:\n      password: from-folder\n",
    )
    .expect("write");
    let env = env_of(&[("OS_CLIENT_SECURE_FILE", "/nonexistent/secure.yaml")]);
    let cloud = CloudConfig::load_with(Some("keystone-harness-demo"), env, &[dir]).expect("reads");
    assert_eq!(password(&cloud).password.expose(), "from-folder");
}

#[test]
fn reads_endpoint_overrides_of_any_service() {
    let yaml = "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    compute_endpoint_override: http://nova/v2.1\n    \
                    block_storage_endpoint_override: http://cinder/v3\n    \
                    identity_connect_retries: 4\n";
    let c = CloudConfig::from_yaml("c", yaml, None).expect("c");
    let block_storage = Service::new("block-storage");
    assert_eq!(
        c.endpoint_override(&Service::new("compute")),
        Some("http://nova/v2.1")
    );
    assert_eq!(
        c.endpoint_override(&block_storage),
        Some("http://cinder/v3")
    );
    assert_eq!(c.endpoint_override(&Service::new("identity")), None);
    assert_eq!(c.service_connect_retries["identity"], 4);
    let bad = yaml.replace("identity_connect_retries: 4", "identity_connect_retries: x");
    let err = CloudConfig::from_yaml("c", &bad, None).expect_err("not a count");
    assert!(
        err.to_string().contains("`identity_connect_retries`"),
        "{err}"
    );

    let env = CloudConfig::load_with(
        None,
        env_of(&[
            ("OS_AUTH_URL", "http://ks/v3"),
            ("OS_TOKEN", "tok12345678"),
            ("OS_IDENTITY_ENDPOINT_OVERRIDE", "http://ks2/v3"),
            ("OS_COMPUTE_STATUS_CODE_RETRIES", "6"),
        ]),
        &[],
    )
    .expect("envvars");
    assert_eq!(
        env.endpoint_override(&Service::new("identity")),
        Some("http://ks2/v3")
    );
    assert_eq!(env.service_status_code_retries["compute"], 6);
}

#[test]
fn reads_retry_settings_as_keystoneauth_names_them() {
    let yaml = "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    connect_retries: 3\n    status_code_retries: '2'\n    \
                    compute_status_code_retries: 5\n    retriable_status_codes: [429, '503', 409]\n  \
                    d:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    retriable_status_codes: 502, 504\n";
    let c = CloudConfig::from_yaml("c", yaml, None).expect("c");
    assert_eq!(
        (c.connect_retries, c.status_code_retries),
        (Some(3), Some(2))
    );
    assert_eq!(
        c.service_status_code_retries,
        BTreeMap::from([("compute".to_owned(), 5)])
    );
    assert_eq!(c.retriable_status_codes, Some(vec![429, 503, 409]));
    let policy = c.retry_policy(&Service::new("compute"));
    assert_eq!((policy.connect_retries, policy.status_code_retries), (3, 5));
    // Another service takes the general keys.
    let identity = c.retry_policy(&Service::new("identity"));
    assert_eq!(
        (identity.connect_retries, identity.status_code_retries),
        (3, 2)
    );
    assert_eq!(policy.retriable_status_codes, vec![429, 503, 409]);
    let d = CloudConfig::from_yaml("d", yaml, None).expect("d");
    assert_eq!(d.retriable_status_codes, Some(vec![502, 504]));
    assert_eq!((d.connect_retries, d.status_code_retries), (None, None));
    assert_eq!(
        d.retry_policy(&Service::new("compute")),
        RetryPolicy {
            retriable_status_codes: vec![502, 504],
            ..RetryPolicy::default()
        }
    );

    let env = CloudConfig::load_with(
        None,
        env_of(&[
            ("OS_AUTH_URL", "http://ks/v3"),
            ("OS_TOKEN", "tok12345678"),
            ("OS_CONNECT_RETRIES", "4"),
            ("OS_RETRIABLE_STATUS_CODES", "503"),
        ]),
        &[],
    )
    .expect("envvars");
    assert_eq!(env.connect_retries, Some(4));
    assert_eq!(env.retriable_status_codes, Some(vec![503]));

    for bad in [
        "connect_retries: -1",
        "connect_retries: lots",
        "status_code_retries: 1.5",
        "retriable_status_codes: [99]",
        "retriable_status_codes: [{a: 1}]",
        "retriable_status_codes: 503;504",
    ] {
        let yaml = format!(
            "clouds:\n  c:\n    auth: {{auth_url: http://ks/v3, token: tok12345678}}\n    {bad}\n"
        );
        let err = CloudConfig::from_yaml("c", &yaml, None).expect_err(bad);
        assert!(matches!(err, Error::Config(_)), "{bad}: {err:?}");
        let key = bad.split(':').next().unwrap_or_default();
        assert!(err.to_string().contains(key), "{bad}: {err}");
    }
}

#[test]
fn openrc_application_credential_and_token() {
    let env = env_of(&[
        ("OS_AUTH_TYPE", "v3applicationcredential"),
        ("OS_AUTH_URL", "http://ks:5000/v3"),
        ("OS_APPLICATION_CREDENTIAL_ID", "ac-id"),
        ("OS_APPLICATION_CREDENTIAL_SECRET", "ac-secret-456"),
        ("OS_REGION_NAME", "RegionOne"),
    ]);
    let cloud = CloudConfig::load_with(None, env, &[]).expect("app cred openrc");
    let Credentials::ApplicationCredential(ApplicationCredential::Id { id, secret }) =
        &keystone(&cloud).credentials
    else {
        panic!("not an app cred by id: {cloud:?}")
    };
    assert_eq!((id.as_str(), secret.expose()), ("ac-id", "ac-secret-456"));
    assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
    assert!(!format!("{cloud:?}").contains("ac-secret-456"));

    // OS_TOKEN with OS_AUTH_URL: a Keystone token, re-scoped to the project.
    let env = env_of(&[
        ("OS_AUTH_URL", "http://ks:5000/v3"),
        ("OS_TOKEN", "gAAAA-token-789"),
        ("OS_PROJECT_ID", "p1"),
    ]);
    let cloud = CloudConfig::load_with(None, env, &[]).expect("token openrc");
    let Credentials::Token { token, project } = &keystone(&cloud).credentials else {
        panic!("not a token: {cloud:?}")
    };
    assert_eq!(token.expose(), "gAAAA-token-789");
    assert_eq!(project, &Some(ProjectRef::id("p1")));
    assert!(!format!("{cloud:?}").contains("gAAAA-token-789"));

    // OS_AUTH_TYPE=token_endpoint (openstacksdk's alias of admin_token).
    let env = env_of(&[
        ("OS_AUTH_TYPE", "token_endpoint"),
        ("OS_TOKEN", "gAAAA-token-789"),
        ("OS_ENDPOINT", "http://nova:8774/v2.1"),
    ]);
    let cloud = CloudConfig::load_with(None, env, &[]).expect("token endpoint");
    assert!(matches!(
        cloud.auth,
        CloudAuth::Token { ref endpoint, .. } if endpoint.as_deref() == Some("http://nova:8774/v2.1")
    ));

    // An incomplete openrc names what is missing, never a value.
    let env = env_of(&[
        ("OS_AUTH_URL", "http://ks:5000/v3"),
        ("OS_USERNAME", "demo"),
        ("OS_PASSWORD", "pw-never-shown"),
    ]);
    let err = CloudConfig::load_with(None, env, &[]).expect_err("no user domain");
    let msg = format!("{err} {err:?}");
    assert!(
        msg.contains("the OS_* variables (set: OS_AUTH_URL, OS_PASSWORD, OS_USERNAME)"),
        "{msg}"
    );
    assert!(msg.contains("user_domain_name"), "{msg}");
    assert!(!msg.contains("pw-never-shown"), "{msg}");
}

#[test]
fn a_profile_from_clouds_public_yaml_is_the_base_the_cloud_overrides() {
    let dir = temp_dir("profile");
    std::fs::write(
            dir.join("clouds-public.yaml"),
            "public-clouds:\n  vendor:\n    auth:\n      auth_url: https://vendor.example/v3\n      \
             user_domain_name: Default\n    region_name: VendorRegion\n    interface: internal\n    \
             compute_api_version: '2.79'\n",
        )
        .expect("write");
    std::fs::write(
            dir.join("clouds.yaml"),
            "clouds:\n  mine:\n    profile: vendor\n    auth:\n      username: u\n      \
             project_id: p1\n    region_name: MyRegion\n  legacy:\n    cloud: vendor\n    auth:\n      \
             token: tok12345678\n  lost:\n    profile: nobody\n    auth: {token: tok12345678}\n",
        )
        .expect("write");
    std::fs::write(
        dir.join("secure.yaml"),
        "clouds:\n  mine:\n    auth:\n      password: from-secure\n",
    )
    .expect("write");
    let dirs = std::slice::from_ref(&dir);
    let cloud = CloudConfig::load_with(Some("mine"), env_of(&[]), dirs).expect("mine");
    let auth = keystone(&cloud);
    assert_eq!(auth.auth_url, "https://vendor.example/v3");
    let Credentials::Password(p) = &auth.credentials else {
        panic!("not a password: {auth:?}")
    };
    assert_eq!(p.user, UserRef::name("u", DomainRef::name("Default")));
    assert_eq!(p.password.expose(), "from-secure");
    // The cloud's own key wins; the vendor's fills what the cloud leaves out.
    assert_eq!(cloud.region_name.as_deref(), Some("MyRegion"));
    assert_eq!(cloud.interface, Interface::Internal);
    assert_eq!(cloud.api_versions["compute"], "2.79");
    let legacy = CloudConfig::load_with(Some("legacy"), env_of(&[]), dirs).expect("legacy");
    assert_eq!(keystone(&legacy).auth_url, "https://vendor.example/v3");
    let err = CloudConfig::load_with(Some("lost"), env_of(&[]), dirs).expect_err("no profile");
    assert!(
        err.to_string().contains("profile \"nobody\" is unknown"),
        "{err}"
    );
}

#[test]
fn api_versions_choose_the_microversion_or_check_the_major() {
    use crate::service::{MicroversionHeader, MicroversionScheme};
    static COMPUTE: Service = Service {
        version_segments: &["v2.1", "v2"],
        microversion: Some(MicroversionScheme {
            header: MicroversionHeader::Standard {
                name: "compute",
                legacy: None,
            },
            version_document: "/",
            base_version: Version::new(2, 1),
        }),
        ..Service::new("compute")
    };
    static IDENTITY: Service = Service {
        version_segments: &["v3"],
        ..Service::new("identity")
    };
    let cloud = |version: &str| {
        let yaml = format!(
            "clouds:\n  c:\n    auth: {{auth_url: http://ks/v3, token: tok12345678}}\n    \
                 compute_api_version: '{version}'\n    identity_api_version: 3\n    \
                 image_api_version: '{version}'\n"
        );
        CloudConfig::from_yaml("c", &yaml, None).expect("valid")
    };
    let exact = cloud("2.79").microversion(&COMPUTE).expect("valid");
    assert_eq!(exact, Some(Microversion::Exact("2.79".parse().expect("v"))));
    assert_eq!(
        cloud("latest").microversion(&COMPUTE),
        Ok(Some(Microversion::Latest))
    );
    assert_eq!(cloud("2").microversion(&COMPUTE), Ok(None));
    assert!(cloud("two").microversion(&COMPUTE).is_err());
    assert_eq!(cloud("2").microversion(&IDENTITY), Ok(None));
    let image = Service {
        version_segments: &["v2"],
        ..Service::new("image")
    };
    assert_eq!(cloud("2").microversion(&image), Ok(None));
    let err = cloud("1").microversion(&image).expect_err("v1 is gone");
    assert!(err.contains("image_api_version"), "{err}");
    let env = CloudConfig::load_with(
        None,
        env_of(&[
            ("OS_AUTH_URL", "http://ks/v3"),
            ("OS_TOKEN", "tok12345678"),
            ("OS_COMPUTE_API_VERSION", "2.95"),
        ]),
        &[],
    )
    .expect("envvars");
    assert_eq!(
        env.microversion(&COMPUTE),
        Ok(Some(Microversion::Exact("2.95".parse().expect("v"))))
    );
}

#[test]
fn tls_settings_and_the_token_cache() {
    let yaml = "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    cacert: /etc/ca.pem\n    cert: /etc/c.pem\n    key: /etc/c.key\n    \
                    token_cache: /tmp/tokens\n  d:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    verify: false\n  e:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    insecure: maybe\n  f:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
                    token_cache: 3\n";
    let c = CloudConfig::from_yaml("c", yaml, None).expect("c");
    assert_eq!(
        c.tls,
        TlsOptions {
            ca_cert: Some(PathBuf::from("/etc/ca.pem")),
            client_cert: Some(PathBuf::from("/etc/c.pem")),
            client_key: Some(PathBuf::from("/etc/c.key")),
            insecure: false,
        }
    );
    assert_eq!(c.token_cache, Some(TokenCache::new("/tmp/tokens")));
    let d = CloudConfig::from_yaml("d", yaml, None).expect("d");
    assert!(d.tls.insecure);
    assert_eq!(d.token_cache, None);
    for bad in ["e", "f"] {
        let err = CloudConfig::from_yaml(bad, yaml, None).expect_err(bad);
        assert!(matches!(err, Error::Config(_)), "{err:?}");
    }
    let env = CloudConfig::load_with(
        None,
        env_of(&[
            ("OS_AUTH_URL", "http://ks/v3"),
            ("OS_TOKEN", "tok12345678"),
            ("OS_INSECURE", "1"),
            ("OS_CACERT", "/ca.pem"),
        ]),
        &[],
    )
    .expect("envvars");
    assert!(env.tls.insecure);
    assert_eq!(env.tls.ca_cert, Some(PathBuf::from("/ca.pem")));

    // `token_cache: true` goes under the cache folder of the environment given.
    let dir = clouds_dir(
        "token-cache-true",
        "clouds:\n  c:\n    auth: {auth_url: http://ks/v3, token: tok12345678}\n    \
             token_cache: true\n",
    );
    let cloud = CloudConfig::load_with(
        Some("c"),
        env_of(&[("XDG_CACHE_HOME", "/xdg-cache"), ("HOME", "/home/u")]),
        std::slice::from_ref(&dir),
    )
    .expect("c");
    assert_eq!(
        cloud.token_cache.as_ref().map(TokenCache::dir),
        Some(Path::new("/xdg-cache/apiref/tokens"))
    );
    let cloud =
        CloudConfig::load_with(Some("c"), env_of(&[("HOME", "/home/u")]), &[dir]).expect("c");
    assert_eq!(
        cloud.token_cache.as_ref().map(TokenCache::dir),
        Some(Path::new("/home/u/.cache/apiref/tokens"))
    );
}

#[test]
fn totp_and_multifactor_auth_types() {
    let yaml = "clouds:\n  t:\n    auth_type: v3totp\n    auth:\n      auth_url: http://ks/v3\n      \
                    user_id: u1\n      passcode: '012345'\n  m:\n    auth_type: v3multifactor\n    auth:\n      \
                    auth_url: http://ks/v3\n      auth_methods: v3password,v3totp\n      username: demo\n      \
                    user_domain_id: default\n      password: pw-never-shown\n      \
                    totp_secret: GEZDGNBVGY3TQOJQ\n      project_name: demo\n      project_domain_id: default\n  \
                    bad:\n    auth_type: v3multifactor\n    auth:\n      auth_url: http://ks/v3\n      \
                    auth_methods: [v3password, v3saml]\n      user_id: u\n      password: p\n";
    let t = CloudConfig::from_yaml("t", yaml, None).expect("t");
    let Credentials::Totp(totp) = &keystone(&t).credentials else {
        panic!("not totp: {t:?}")
    };
    assert!(matches!(&totp.code, crate::auth::TotpCode::Passcode(p) if p.expose() == "012345"));
    let m = CloudConfig::from_yaml("m", yaml, None).expect("m");
    let Credentials::MultiFactor(multi) = &keystone(&m).credentials else {
        panic!("not multifactor: {m:?}")
    };
    let methods: Vec<_> = multi.factors.iter().map(Credentials::method).collect();
    assert_eq!(methods, ["password", "totp"]);
    assert_eq!(
        multi.scope,
        Some(ProjectRef::name("demo", DomainRef::id("default")))
    );
    let shown = format!("{m:?}");
    assert!(
        !shown.contains("pw-never-shown") && !shown.contains("GEZDGNBV"),
        "{shown}"
    );
    let err = CloudConfig::from_yaml("bad", yaml, None).expect_err("saml");
    assert!(err.to_string().contains("v3saml"), "{err}");
    // From an openrc: OS_AUTH_TYPE=v3totp with OS_PASSCODE.
    let env = CloudConfig::load_with(
        None,
        env_of(&[
            ("OS_AUTH_TYPE", "v3totp"),
            ("OS_AUTH_URL", "http://ks/v3"),
            ("OS_USER_ID", "u1"),
            ("OS_PASSCODE", "654321"),
        ]),
        &[],
    )
    .expect("openrc");
    assert!(matches!(keystone(&env).credentials, Credentials::Totp(_)));
}
