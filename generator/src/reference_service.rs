//! Which OpenStack service an os-api-ref reference describes, and the version
//! prefix its paths live under.
//!
//! A reference rarely says which service it is, but three facts around it do, in
//! this order:
//!
//! 1. the reference overlay's `[reference] service` (a type or an alias), when the
//!    user gives it;
//! 2. the reference's own Sphinx config: `conf.py` in the reference folder or a
//!    folder above it, up to `api-ref/source`, names the repository that publishes
//!    it (`openstackdocs_repo_name = 'openstack/cinder'`, in older configs
//!    `repository_name`), and [`crate::services`] knows which service each
//!    repository's reference describes;
//! 3. its paths: a version prefix that only one service has (`/v2.1/...` is
//!    compute's; `/v3` alone is not enough, identity and block-storage share it).
//!
//! Failing all three is an error at the reference folder that names the overlay
//! key to set: a guess would give the client another service's microversion
//! header and catalog type.
//!
//! The prefix: os-api-ref paths are often relative to the versioned endpoint
//! (Nova's `/servers`). When none of a reference's paths starts with a version and
//! the service has exactly one versioned prefix (`/v2.1`), that prefix goes before
//! every path; the overlay's `path_prefix` wins over it.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Ctxt, DiagnosticKind};
use crate::services::{self, ServiceFacts};

/// What a reference is found to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceService {
    /// The service type (`block-storage`).
    pub service_type: String,
    /// The prefix the facts put before every path (`/v2.1`), when the paths carry
    /// no version and the overlay gives no `path_prefix`.
    pub path_prefix: Option<&'static str>,
}

/// Which format a reference is in: where its service can be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// os-api-ref: `[reference] service` in its reference overlay.
    OsApiRef,
    /// Grid-table docs: `[operation] service` in each doc's overlay.
    GridTable,
}

/// What is known about one reference, for [`reference_service`].
#[derive(Debug, Clone, Copy)]
pub struct Reference<'a> {
    /// Its format.
    pub format: Format,
    /// The folder the reference's files are in, on disk.
    pub folder: &'a Path,
    /// The folder as messages show it.
    pub shown: &'a str,
    /// The overlay's `[reference] service`, already a type.
    pub service: Option<&'a str>,
    /// The overlay's `[reference] path_prefix`.
    pub path_prefix: Option<&'a str>,
}

/// The name of the Sphinx config file os-api-ref references are built with.
const SPHINX_CONFIG: &str = "conf.py";

/// The Sphinx settings that name the repository, the newer first.
const REPO_KEYS: &[&str] = &["openstackdocs_repo_name", "repository_name"];

/// The service `reference` describes, with `paths` (its operations' paths as
/// written), reporting into `cx`: an error at the reference folder when nothing
/// says which service it is; a warning for a Sphinx config that cannot be read.
pub fn reference_service(
    cx: &Ctxt,
    reference: Reference<'_>,
    paths: &[&str],
) -> Option<ReferenceService> {
    let out = cx.file(
        reference.shown,
        DiagnosticKind::ModelError,
        DiagnosticKind::ModelError,
    );
    let prefix = reference.path_prefix.unwrap_or("");
    let full_paths: Vec<String> = paths.iter().map(|p| format!("{prefix}{p}")).collect();
    let service_type = match reference.service {
        Some(service) => service.to_owned(),
        None => {
            let config = sphinx_repo(cx, reference.folder);
            let from_config = config
                .as_ref()
                .and_then(|(_, repo)| services::by_repo(repo));
            let from_paths = || services::by_paths(full_paths.iter().map(String::as_str));
            match from_config.or_else(from_paths) {
                Some(facts) => facts.service_type.to_owned(),
                None => {
                    out.file_error(unknown_service_message(reference.format, config.as_ref()));
                    return None;
                }
            }
        }
    };
    let unversioned = paths
        .iter()
        .all(|p| services::version_segment_of(p).is_none());
    let path_prefix = match (reference.path_prefix, services::by_type(&service_type)) {
        (
            None,
            Some(ServiceFacts {
                path_prefixes: [only],
                ..
            }),
        ) if unversioned => Some(*only),
        _ => None,
    };
    Some(ReferenceService {
        service_type,
        path_prefix,
    })
}

/// Why no service was found, and what to set.
fn unknown_service_message(format: Format, config: Option<&(PathBuf, String)>) -> String {
    let config = match config {
        Some((file, repo)) => format!(
            "its Sphinx config `{}` names `{repo}`, a repository apiref knows no service of",
            file.display()
        ),
        None => format!("no `{SPHINX_CONFIG}` up to `api-ref/source` names its repository"),
    };
    let fix = match format {
        Format::OsApiRef => {
            "`[reference] service = \"...\"` in `apiref.api-ref.toml` in the reference folder"
        }
        Format::GridTable => "`service = \"...\"` under `[operation]` in each doc's overlay",
    };
    format!(
        "cannot tell which OpenStack service this reference describes: {config}, and no \
         version prefix of its paths belongs to one service alone; set {fix} (a service \
         type such as `block-storage`)"
    )
}

/// The nearest `conf.py` from `folder` up to `api-ref/source` (only `folder`'s own
/// when it is not inside one) and the repository it names, if it names one.
fn sphinx_repo(cx: &Ctxt, folder: &Path) -> Option<(PathBuf, String)> {
    let ancestors: Vec<&Path> = folder.ancestors().collect();
    let last = ancestors
        .iter()
        .position(|dir| dir.ends_with("api-ref/source"))
        .unwrap_or(0);
    for dir in &ancestors[..=last] {
        let file = dir.join(SPHINX_CONFIG);
        if !file.is_file() {
            continue;
        }
        return match std::fs::read_to_string(&file) {
            Ok(text) => repo_name(&text).map(|repo| (file, repo)),
            Err(e) => {
                let shown = file.display().to_string();
                cx.file(&shown, DiagnosticKind::Input, DiagnosticKind::Input)
                    .warning(1, 1, format!("cannot read the Sphinx config: {e}"));
                None
            }
        };
    }
    None
}

/// The repository a Sphinx config names: the string assigned to the first of
/// [`REPO_KEYS`] it sets, at the start of a line (`openstackdocs_repo_name =
/// 'openstack/nova'`).
fn repo_name(config: &str) -> Option<String> {
    let assigned = |key: &str| {
        config.lines().find_map(|line| {
            let (name, value) = line.split_once('=')?;
            if name.trim_end() != key || line.starts_with(char::is_whitespace) {
                return None;
            }
            let value = value.trim();
            let quote = value.chars().next().filter(|q| *q == '\'' || *q == '"')?;
            let inner = value[1..].split(quote).next()?;
            (!inner.is_empty() && value[1..].len() > inner.len()).then(|| inner.to_owned())
        })
    };
    REPO_KEYS.iter().find_map(|key| assigned(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the temp dir for one test.
    fn temp(name: &str) -> PathBuf {
        crate::test_folder::folder(&format!("reference-service-{name}"), &[])
    }

    fn find(
        folder: &Path,
        service: Option<&str>,
        path_prefix: Option<&str>,
        paths: &[&str],
    ) -> (Option<ReferenceService>, Vec<String>) {
        let cx = Ctxt::new();
        let reference = Reference {
            format: Format::OsApiRef,
            folder,
            shown: "ref",
            service,
            path_prefix,
        };
        let found = reference_service(&cx, reference, paths);
        let messages = match cx.check() {
            Ok(warnings) => warnings,
            Err(errors) => errors.0,
        };
        (found, messages.iter().map(|d| d.to_string()).collect())
    }

    fn found(service_type: &str, path_prefix: Option<&'static str>) -> Option<ReferenceService> {
        Some(ReferenceService {
            service_type: service_type.to_owned(),
            path_prefix,
        })
    }

    #[test]
    fn the_sphinx_config_up_to_api_ref_source_names_the_repository() {
        let root = temp("conf");
        let source = root.join("cinder/api-ref/source");
        let v3 = source.join("v3");
        std::fs::create_dir_all(&v3).expect("dirs");
        std::fs::write(
            source.join("conf.py"),
            "# openstackdocs_repo_name = 'openstack/nova'\n\
             html_theme = 'openstackdocs'\n\
             openstackdocs_repo_name = 'openstack/cinder'\n",
        )
        .expect("conf.py");
        // `/v3` alone would be identity's or block-storage's: the config decides.
        let (service, messages) = find(&v3, None, None, &["/v3/{project_id}/volumes"]);
        assert_eq!(service, found("block-storage", None), "{messages:?}");
        // A config above `api-ref/source` is not the reference's.
        std::fs::remove_file(source.join("conf.py")).expect("removed");
        std::fs::write(
            root.join("cinder/api-ref/conf.py"),
            "repository_name = 'openstack/cinder'\n",
        )
        .expect("conf.py");
        let (service, messages) = find(&v3, None, None, &["/v3/{project_id}/volumes"]);
        assert_eq!(service, None);
        assert_eq!(messages.len(), 1, "{messages:?}");
        // The older key, in the reference folder itself; placement's paths need
        // no prefix.
        let placement = root.join("placement");
        std::fs::create_dir_all(&placement).expect("dir");
        std::fs::write(
            placement.join("conf.py"),
            "repository_name = \"openstack/placement\"\n",
        )
        .expect("conf.py");
        let (service, _) = find(&placement, None, None, &["/traits", "/"]);
        assert_eq!(service, found("placement", None));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn the_overlay_then_the_config_then_the_paths() {
        let root = temp("order");
        std::fs::write(
            root.join("conf.py"),
            "openstackdocs_repo_name = 'openstack/nova'\n",
        )
        .expect("conf.py");
        // The overlay wins over the config; the config over the paths.
        let (service, _) = find(&root, Some("identity"), None, &["/v3/users"]);
        assert_eq!(service, found("identity", None));
        let (service, _) = find(&root, None, None, &["/servers", "/flavors"]);
        assert_eq!(service, found("compute", Some("/v2.1")));
        let bare = temp("bare");
        let (service, _) = find(&bare, None, None, &["/v2.1/{tenant_id}/servers"]);
        assert_eq!(service, found("compute", None));
        // The overlay's prefix counts towards the paths, and replaces the facts'.
        let (service, _) = find(&bare, None, Some("/v2.1"), &["/servers"]);
        assert_eq!(service, found("compute", None));
        let _ = std::fs::remove_dir_all(&root);
        let _ = std::fs::remove_dir_all(&bare);
    }

    #[test]
    fn the_facts_prefix_only_for_unversioned_paths_of_a_one_prefix_service() {
        let bare = temp("prefix");
        let (service, _) = find(&bare, Some("compute"), None, &["/servers", "/"]);
        assert_eq!(service, found("compute", Some("/v2.1")));
        let (service, _) = find(&bare, Some("compute"), None, &["/servers", "/v2.1/x"]);
        assert_eq!(service, found("compute", None));
        // block-storage has `/v3` and `/v2`: no single prefix to choose.
        let (service, _) = find(&bare, Some("block-storage"), None, &["/volumes"]);
        assert_eq!(service, found("block-storage", None));
        let (service, _) = find(&bare, Some("my-service"), None, &["/things"]);
        assert_eq!(service, found("my-service", None));
        let _ = std::fs::remove_dir_all(&bare);
    }

    #[test]
    fn an_unknowable_service_is_an_error_at_the_folder_naming_the_key() {
        let bare = temp("unknown");
        let (service, messages) = find(&bare, None, None, &["/v2/images", "/v2/schemas"]);
        assert_eq!(service, None);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("ref: error: cannot tell which OpenStack service"),
            "{}",
            messages[0]
        );
        assert!(
            messages[0].contains("set `[reference] service = \"...\"` in `apiref.api-ref.toml`"),
            "{}",
            messages[0]
        );
        std::fs::write(
            bare.join("conf.py"),
            "openstackdocs_repo_name = 'openstack/unheard-of'\n",
        )
        .expect("conf.py");
        let (service, messages) = find(&bare, None, None, &["/v2/images"]);
        assert_eq!(service, None);
        assert!(
            messages[0].contains("names `openstack/unheard-of`"),
            "{}",
            messages[0]
        );
        let _ = std::fs::remove_dir_all(&bare);
    }

    #[test]
    fn repo_names_from_config_text() {
        assert_eq!(
            repo_name("openstackdocs_repo_name = 'openstack/nova'\n").as_deref(),
            Some("openstack/nova")
        );
        assert_eq!(
            repo_name("repository_name = \"openstack/glance\"  # old\nopenstackdocs_repo_name = 'openstack/cinder'\n")
                .as_deref(),
            Some("openstack/cinder")
        );
        for none in [
            "# openstackdocs_repo_name = 'openstack/nova'",
            "    openstackdocs_repo_name = 'openstack/nova'",
            "openstackdocs_repo_name = REPO",
            "openstackdocs_repo_name = ''",
            "openstackdocs_repo_name = 'openstack/nova",
            "openstackdocs_repo_name_other = 'openstack/nova'",
        ] {
            assert_eq!(repo_name(none), None, "{none}");
        }
    }
}
