//! Operations of Cinder's reference that this environment cannot serve, each
//! with why. The report lists them as "n/a"; one that is called ok after all fails
//! the test, so the table cannot go stale. "The harness" is
//! `../shared/cinder-harness`: Cinder's API, scheduler, volume and backup services
//! in one process, one fake LVM back end, no Keystone to look projects up, no
//! Nova, no Glance.

const KEYSTONE: &str = "Cinder looks the project up in Keystone, which the harness's \
    tokens mode does not run: 500";

pub const NOT_SERVABLE: &[(&str, &str)] = &[
    (
        "root::get_list_all_versions",
        "Cinder answers `GET /` with 300 Multiple Choices (the versions document); \
         the runtime takes only a 2xx as a reply",
    ),
    ("default_types::update", KEYSTONE),
    ("default_types::get", KEYSTONE),
    ("default_types::delete", KEYSTONE),
    (
        "default_types::list",
        "the reference's path `/v3/default-types/` ends in a slash, which Cinder does \
         not route: 404 Not Found",
    ),
    (
        "snapshot::metadata::get",
        "the reference's path `/snapshot/{snapshot_id}/metadata/{key}` is singular; \
         Cinder routes only `/snapshots/...`: 404 Not Found",
    ),
    (
        "backups::force_delete",
        "the harness's fake backup service cannot force-delete: 405 \"Operation not \
         supported: force delete\"",
    ),
];
