//! Operations of Cinder's reference that this environment cannot serve, each
//! with why. The report lists them as "n/a"; one that is called ok after all fails
//! the test, so the table cannot go stale. "The harness" is
//! `../shared/cinder-harness`: Cinder's API, scheduler, volume and backup services
//! in one process, one fake LVM back end, no Keystone to look projects up, no
//! Nova, no Glance.

const NO_CLUSTER: &str = "the harness's volume service belongs to no cluster (`GET \
    /clusters` lists none) and the API cannot make one: 404 \"Cluster {'binary': \
    'cinder-volume', 'name': 'cinder-harness@fake'} could not be found.\"";

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
    ("clusters::get", NO_CLUSTER),
    ("clusters::enable", NO_CLUSTER),
    ("clusters::disable", NO_CLUSTER),
    (
        "group_types::default",
        "the harness configures no `default_group_type`: 404 \"Default group type can \
         not be found.\"",
    ),
    (
        "services::failover_host",
        "the back end has no `replication_device`, so its service's replication_status \
         is `disabled`: 400 \"No service could be changed: replication_status in \
         ['cinder-harness@fake'] must be ['enabled', 'failed-over'] and must be up to \
         failover.\"",
    ),
    (
        "volumes::extend_volume_completion",
        "only Nova's extend of an attached volume leaves the admin metadata \
         (`extend_new_size`, `extend_reservations`) this completes, and Cinder 29 \
         writes it nowhere itself; a volume reset to `extending` answers 400 \
         \"Invalid volume: Required volume admin metadata is malformed or missing.\"",
    ),
    (
        "volumes::volume_upload_image",
        "no Glance: Cinder has no image API server to upload to and answers 400 with \
         an empty message",
    ),
    (
        "volumes::reimage",
        "no Glance: Cinder cannot look the image up (its Glance client has no API \
         server: StopIteration) and answers 500 computeFault",
    ),
    (
        "backups::force_delete",
        "the harness's fake backup service cannot force-delete: 405 \"Operation not \
         supported: force delete\"",
    ),
];
