//! The one entry point that the macro, the CLI and build scripts share.
//!
//! Every run has one [`Ctxt`]: loading, the model and the emitter report into it,
//! and it is checked once, at the end of the run.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind, Diagnostics};
use crate::emit::RuntimePath;
use crate::load::{LoadedDoc, load};
use crate::model::{Endpoint, apply_reference_overlay, build_endpoint, build_operation};
use crate::operation_names::{
    NameBasis, Naming, OperationName, Renames, name_operations, operation_input,
};
use crate::reference_overlay::ReferenceOverlay;
use crate::reference_service::{Format, Reference, ReferenceService, reference_service};

/// What to generate from: spec paths (files or folders) relative to a base folder.
#[derive(Debug, Clone)]
pub struct Generator {
    base: PathBuf,
    inputs: Vec<String>,
    /// `None`: `::apiref::runtime`, what users' code names.
    runtime_path: Option<String>,
    /// Empty: every operation.
    only: Vec<String>,
}

/// What generation produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The code as Rust source text, unformatted (what the macro expands to; see
    /// [`format_source`] for a file a person reads).
    pub code: String,
    /// Every file read, on disk, so callers can rebuild when one changes.
    pub files: Vec<PathBuf>,
    /// Doubtful input that still generated (examples that are not JSON, rows that
    /// could not be placed, ...).
    pub warnings: Vec<Diagnostic>,
}

impl Generator {
    /// `base` is where relative spec paths start: the crate's manifest folder for the
    /// macro, the current folder for the CLI.
    pub fn new(base: impl Into<PathBuf>) -> Self {
        Generator {
            base: base.into(),
            inputs: Vec::new(),
            runtime_path: None,
            only: Vec::new(),
        }
    }

    /// The path generated code names the runtime by (default `::apiref::runtime`).
    /// The runtime's own checked-in Keystone client says `crate`: a crate cannot
    /// reach itself through the facade that depends on it.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Keeps only the named operations (their generated names, as `apiref generate`
    /// writes them), so a client can hold just what it calls. May be given more than
    /// once; a name no doc has is an error naming it. Without it, every operation.
    pub fn only(mut self, operation: impl Into<String>) -> Self {
        self.only.push(operation.into());
        self
    }

    /// Where relative spec paths start, in place of the folder given to
    /// [`Generator::new`].
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base = dir.into();
        self
    }

    /// Adds a spec file or folder, as the user wrote it.
    pub fn input(mut self, path: impl Into<String>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// The spec paths, as the user wrote them.
    pub fn inputs(&self) -> &[String] {
        &self.inputs
    }

    /// The base folder relative paths start from.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// Reads every doc and overlay; all problems of all files are reported together.
    /// The readers' warnings are not returned here ([`Generator::load_into`] gives
    /// them, and [`Generator::generate`] returns them).
    #[doc(hidden)]
    pub fn load(&self) -> Result<Vec<LoadedDoc>, Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, true);
        cx.check()?;
        Ok(docs)
    }

    /// Reads every doc (and overlay, when `with_overlays`), reporting every error
    /// and warning into `cx`; the docs that could be read come back. Check `cx`
    /// before trusting the result.
    #[doc(hidden)]
    pub fn load_into(&self, cx: &Ctxt, with_overlays: bool) -> Vec<LoadedDoc> {
        load(cx, &self.base, &self.inputs, with_overlays).docs
    }

    /// The resolved endpoints, uniquely named, and the warnings found on the way.
    pub fn endpoints(&self) -> Result<(Vec<Endpoint>, Vec<Diagnostic>), Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, true);
        let (endpoints, dropped) = select(&cx, resolve_into(&cx, &docs), &self.only);
        cx.sort_by_place();
        let warnings = about_kept(cx.check()?, &dropped);
        Ok((endpoints, warnings))
    }

    /// Every operation with the name the generated client gives it (an overlay's
    /// rename included) and how that name was found, as `apiref list` prints
    /// them; the naming's problems come with them.
    pub fn operations(&self) -> Result<(Vec<Endpoint>, Naming), Diagnostics> {
        let (endpoints, _warnings) = self.endpoints()?;
        let inputs: Vec<_> = endpoints.iter().map(operation_input).collect();
        let mut naming = name_operations(&inputs, &Renames::default());
        for (name, e) in naming.names.iter_mut().zip(&endpoints) {
            if name.rust_path().replace("r#", "") != e.name {
                let mut parts: Vec<String> = e.name.split("::").map(str::to_owned).collect();
                let function = parts.pop().unwrap_or_default();
                *name = OperationName {
                    module: parts,
                    function,
                    basis: NameBasis::Overlay,
                };
            }
        }
        Ok((endpoints, naming))
    }

    /// Overlay entries proposed from `replies` (read with
    /// [`learn::read_replies`](crate::learn::read_replies)): where they
    /// contradict the response types of the endpoints this generator resolves,
    /// overlays applied.
    #[cfg(feature = "learn")]
    pub fn learn(
        &self,
        replies: &[crate::learn::Reply],
    ) -> Result<crate::learn::Learnt, Diagnostics> {
        let (endpoints, _warnings) = self.endpoints()?;
        Ok(crate::learn::learn(&endpoints, replies))
    }

    /// The docs as written, without their overlays, as JSON (what `apiref
    /// inspect` prints), and the readers' warnings.
    pub fn inspect(&self) -> Result<(serde_json::Value, Vec<Diagnostic>), Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, false);
        let warnings = cx.check()?;
        Ok((crate::inspect::inspect_json(&docs), warnings))
    }

    /// The code for every endpoint.
    pub fn generate(&self) -> Result<Output, Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, true);
        // The docs of one os-api-ref folder share their parameters file. A set,
        // not `Vec::contains`: comparing `Path`s parses their components, and a
        // reference reads hundreds of files.
        let mut seen = std::collections::HashSet::new();
        let files: Vec<PathBuf> = docs
            .iter()
            .flat_map(|d| d.paths.iter())
            .filter(|path| seen.insert(path.as_os_str()))
            .cloned()
            .collect();
        let (endpoints, dropped) = select(&cx, resolve_into(&cx, &docs), &self.only);
        let runtime = match &self.runtime_path {
            None => Some(RuntimePath::default()),
            Some(text) => RuntimePath::parse(text)
                .map_err(|e| cx.push(Diagnostic::without_location(DiagnosticKind::Input, e)))
                .ok(),
        };
        // Emit only a complete model: a half-built one would add noise to the errors.
        let code = match runtime {
            Some(rt) if !cx.has_errors() => crate::emit::emit_with_runtime(&cx, &endpoints, &rt),
            _ => String::new(),
        };
        cx.sort_by_place();
        let warnings = about_kept(cx.check()?, &dropped);
        Ok(Output {
            code,
            files,
            warnings,
        })
    }

    /// The code for every endpoint, formatted with prettyplease, as the CLI writes it.
    pub fn generate_source(&self) -> Result<String, Diagnostics> {
        let output = self.generate()?;
        format_source(&output.code)
    }
}

/// Formats generated code with the file header the CLI and build scripts write.
pub fn format_source(code: &str) -> Result<String, Diagnostics> {
    let body = crate::emit::format(code).map_err(|e| {
        Diagnostics::single(Diagnostic::without_location(DiagnosticKind::EmitError, e))
    })?;
    Ok(format!(
        "// @generated by apiref {} from OpenStack API-reference docs. Do not edit: \
         change the spec or its overlay and regenerate.\n\n{body}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Builds the model of every loaded doc, uniquely named: the endpoints and the
/// warnings, or every error.
pub fn resolve(docs: &[LoadedDoc]) -> Result<(Vec<Endpoint>, Vec<Diagnostic>), Diagnostics> {
    let cx = Ctxt::new();
    let endpoints = resolve_into(&cx, docs);
    let warnings = cx.check()?;
    Ok((endpoints, warnings))
}

/// The endpoints `only` names, in their own order (all of them when `only` is
/// empty), and the docs none of the kept endpoints comes from. Each name no
/// endpoint has is an error: a typo must not silently drop an operation from a
/// checked-in client.
fn select(cx: &Ctxt, endpoints: Vec<Endpoint>, only: &[String]) -> (Vec<Endpoint>, Vec<String>) {
    if only.is_empty() {
        return (endpoints, Vec::new());
    }
    for name in only {
        if !endpoints.iter().any(|e| &e.name == name) {
            cx.push(Diagnostic::without_location(
                DiagnosticKind::Input,
                format!("no operation is called `{name}`, so there is none to keep"),
            ));
        }
    }
    let (kept, dropped): (Vec<Endpoint>, Vec<Endpoint>) =
        endpoints.into_iter().partition(|e| only.contains(&e.name));
    let mut dropped_docs: Vec<String> = Vec::new();
    for file in dropped.into_iter().map(|e| e.file) {
        if !kept.iter().any(|k| k.file == file) && !dropped_docs.contains(&file) {
            dropped_docs.push(file);
        }
    }
    (kept, dropped_docs)
}

/// The warnings that still concern the generated code: none about a doc whose
/// endpoints were all left out (shared files, such as a parameters file, keep
/// theirs).
fn about_kept(warnings: Vec<Diagnostic>, dropped_docs: &[String]) -> Vec<Diagnostic> {
    warnings
        .into_iter()
        .filter(|w| w.file.as_ref().is_none_or(|f| !dropped_docs.contains(f)))
        .collect()
}

/// Builds every doc's model into `cx`; names are made unique once all are built.
/// Then each input's run of consecutive docs of one format gets its service and
/// version prefix ([`reference_service`]) where the doc's own overlay named none,
/// and an os-api-ref reference's overlay, which names operations, is applied to
/// its own operations.
fn resolve_into(cx: &Ctxt, docs: &[LoadedDoc]) -> Vec<Endpoint> {
    let (mut endpoints, sources): (Vec<Endpoint>, Vec<&LoadedDoc>) = docs
        .iter()
        .filter_map(|loaded| {
            let endpoint = match &loaded.reference {
                Some(op) => build_operation(cx, op),
                None => build_endpoint(cx, &loaded.doc, loaded.overlay.as_ref()),
            }?;
            Some((endpoint, loaded))
        })
        .unzip();
    assign_endpoint_names(&mut endpoints);
    let mut start = 0;
    while start < endpoints.len() {
        let first = sources[start];
        let is_reference = first.reference.is_some();
        let run = sources[start..]
            .iter()
            .take_while(|d| d.input == first.input && d.reference.is_some() == is_reference)
            .count();
        let overlay = first.reference_overlay.as_deref();
        let run_endpoints = &mut endpoints[start..start + run];
        if run_endpoints.iter().any(|e| e.service.is_empty())
            && let Some(found) = find_service(cx, docs, first, overlay, run_endpoints)
        {
            for e in run_endpoints.iter_mut() {
                if e.service.is_empty() {
                    e.service.clone_from(&found.service_type);
                }
                if let Some(prefix) = found.path_prefix {
                    e.path = format!("{prefix}{}", e.path);
                }
            }
        }
        if let Some(overlay) = overlay {
            apply_reference_overlay(cx, run_endpoints, overlay);
        }
        start += run;
    }
    // Names are unique per service, as the overlays left them.
    check_unique_names(cx, &endpoints);
    endpoints
}

/// Names every endpoint that has no name yet from its structure, without
/// checking that the names are unique (the pipeline's naming stage alone).
pub fn assign_endpoint_names(endpoints: &mut [Endpoint]) {
    let inputs: Vec<_> = endpoints.iter().map(operation_input).collect();
    let naming = name_operations(&inputs, &Renames::default());
    for (e, name) in endpoints.iter_mut().zip(&naming.names) {
        if e.name.is_empty() {
            e.name = name.rust_path().replace("r#", "");
        }
    }
}

/// Reports each name two endpoints of one service share, at every one of them.
fn check_unique_names(cx: &Ctxt, endpoints: &[Endpoint]) {
    let mut seen: std::collections::HashMap<(&str, &str), Vec<&Endpoint>> = Default::default();
    for e in endpoints {
        seen.entry((e.service.as_str(), e.name.as_str()))
            .or_default()
            .push(e);
    }
    let mut shared: Vec<_> = seen.into_values().filter(|list| list.len() > 1).collect();
    shared.sort_by_key(|list| (list[0].file.clone(), list[0].method_line));
    for list in shared {
        for e in &list {
            let others: Vec<String> = list
                .iter()
                .filter(|o| !std::ptr::eq(**o, *e))
                .map(|o| format!("`{} {}` ({}:{})", o.method, o.path, o.file, o.method_line))
                .collect();
            cx.file(
                &e.file,
                DiagnosticKind::ModelError,
                DiagnosticKind::ModelError,
            )
            .error(
                e.method_line,
                1,
                format!(
                    "`{}` is also the name of {}; rename one in an overlay \
                         (`[\"{}\".operation] name = \"...\"`)",
                    e.name,
                    others.join(", "),
                    e.name
                ),
            );
        }
    }
}

/// The service of the docs of `first`'s input and format, whose endpoints are
/// `endpoints`: their folder is the one their first file read is in (an
/// operation that could not be built still names the files read).
fn find_service(
    cx: &Ctxt,
    docs: &[LoadedDoc],
    first: &LoadedDoc,
    overlay: Option<&ReferenceOverlay>,
    endpoints: &[Endpoint],
) -> Option<ReferenceService> {
    let folder = docs
        .iter()
        .filter(|d| d.input == first.input && d.reference.is_some() == first.reference.is_some())
        .find_map(|d| d.paths.first())
        .and_then(|file| file.parent())
        .unwrap_or(Path::new("."));
    let shown = Path::new(&first.doc.file)
        .parent()
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| ".".to_owned());
    let settings = overlay.map(|o| &o.settings);
    let reference = Reference {
        format: if first.reference.is_some() {
            Format::OsApiRef
        } else {
            Format::GridTable
        },
        folder,
        shown: &shown,
        service: settings.and_then(|s| s.service.as_deref()),
        path_prefix: settings.and_then(|s| s.path_prefix.as_deref()),
    };
    let paths: Vec<&str> = endpoints.iter().map(|e| e.path.as_str()).collect();
    reference_service(cx, reference, &paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reference folder with one operation, `GET /NAME/things` ("List Things"), a
    /// Sphinx config naming Placement's repository (a service without version
    /// prefixes), and the overlay text given, if any, as its `apiref.api-ref.toml`.
    fn reference(root: &Path, name: &str, overlay: Option<&str>) {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("conf.py"),
            "openstackdocs_repo_name = 'openstack/placement'\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("parameters.yaml"),
            "limit:\n  in: query\n  required: false\n  type: integer\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("things.inc"),
            "List Things\n===========\n\n.. rest_method:: GET /things\n\n\
             Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - limit: limit\n"
                .replace("/things", &format!("/{name}/things")),
        )
        .unwrap();
        if let Some(text) = overlay {
            std::fs::write(dir.join("apiref.api-ref.toml"), text).unwrap();
        }
    }

    /// The endpoints `inputs` (relative to `root`) generate, in order.
    fn endpoints_of(root: &Path, inputs: &[&str]) -> Result<Vec<Endpoint>, Diagnostics> {
        let mut generator = Generator::new(root);
        for input in inputs {
            generator = generator.input(*input);
        }
        generator.endpoints().map(|(endpoints, _)| endpoints)
    }

    fn paths(root: &Path, inputs: &[&str]) -> Result<Vec<(String, String)>, Diagnostics> {
        let endpoints = endpoints_of(root, inputs)?;
        Ok(endpoints.into_iter().map(|e| (e.name, e.path)).collect())
    }

    /// An overlay corrects the reference it sits in or is given after,
    /// not every endpoint of the run.
    #[test]
    fn each_reference_overlay_applies_to_its_own_reference() {
        let root = crate::test_folder::folder("ref-scope", &[]);
        reference(&root, "a", Some("[reference]\npath_prefix = \"/a\"\n"));
        reference(&root, "b", None);
        reference(&root, "c", None);
        std::fs::write(
            root.join("b.api-ref.toml"),
            "[reference]\npath_prefix = \"/b\"\n[\"b::things\".operation]\nmin_microversion = \"2.5\"\n",
        )
        .unwrap();
        let found = paths(&root, &["a", "b", "b.api-ref.toml", "c"]).unwrap();
        assert_eq!(
            found,
            [
                ("a::things".to_string(), "/a/a/things".to_string()),
                ("b::things".to_string(), "/b/b/things".to_string()),
                ("c::things".to_string(), "/c/things".to_string()),
            ]
        );

        // Given before any reference, it corrects nothing: an error, not a guess.
        let err = paths(&root, &["b.api-ref.toml", "b"]).unwrap_err();
        assert!(
            err.0[0].message.contains("give the reference first"),
            "{err}"
        );
        // A folder that has its own overlay, given another: which one wins is not
        // guessed either.
        let err = paths(&root, &["a", "b.api-ref.toml"]).unwrap_err();
        assert!(
            err.0[0]
                .message
                .contains("a second reference overlay for `a`"),
            "{err}"
        );
        // An operation name of another reference is unknown to this one.
        std::fs::write(
            root.join("c.api-ref.toml"),
            "[\"a::things\".operation]\nmin_microversion = \"2.5\"\n",
        )
        .unwrap();
        let err = paths(&root, &["a", "c", "c.api-ref.toml"]).unwrap_err();
        assert!(
            err.0[0].message.contains("no operation named `a::things`"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    /// The reference's service and the version prefix its paths need come from
    /// its Sphinx config; the overlay's `service` and `path_prefix` win; nothing
    /// at all is an error at the reference folder.
    #[test]
    fn a_references_service_from_its_config_or_overlay_else_an_error() {
        let root = crate::test_folder::folder("ref-service", &[]);
        let services = |inputs: &[&str]| {
            endpoints_of(&root, inputs).map(|e| {
                e.into_iter()
                    .map(|e| (e.service, e.path))
                    .collect::<Vec<_>>()
            })
        };
        let pair = |service: &str, path: &str| (service.to_owned(), path.to_owned());
        reference(&root, "nova", None);
        std::fs::write(
            root.join("nova/conf.py"),
            "openstackdocs_repo_name = 'openstack/nova'\n",
        )
        .unwrap();
        assert_eq!(
            services(&["nova"]).unwrap(),
            [pair("compute", "/v2.1/nova/things")]
        );
        reference(
            &root,
            "cinder",
            Some("[reference]\nservice = \"volumev3\"\n"),
        );
        assert_eq!(
            services(&["cinder"]).unwrap(),
            [pair("block-storage", "/cinder/things")]
        );
        reference(
            &root,
            "prefixed",
            Some("[reference]\nservice = \"compute\"\npath_prefix = \"/v2\"\n"),
        );
        assert_eq!(
            services(&["prefixed"]).unwrap(),
            [pair("compute", "/v2/prefixed/things")]
        );
        reference(&root, "unknown", None);
        std::fs::remove_file(root.join("unknown/conf.py")).unwrap();
        let err = services(&["nova", "unknown"]).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert_eq!(err.0[0].file.as_deref(), Some("unknown"));
        assert!(
            err.0[0]
                .message
                .contains("set `[reference] service = \"...\"`"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A grid-table doc `METHOD PATH` named `name.rst` in `dir`.
    fn grid_doc(dir: &Path, name: &str, method_path: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join(format!("{name}.rst")),
            format!(
                "==========\nShow {name}\n==========\n\n.. code-block:: javascript\n\n    \
                 {method_path}\n\nShows it.\n"
            ),
        )
        .unwrap();
    }

    /// Grid-table docs given together share a service: the 2015 compute docs'
    /// `GET /` and `/v2/...` are compute's because `/v2.1` docs sit beside them.
    /// Alone, `GET /` names none: an error, unless its overlay names one.
    #[test]
    fn grid_table_docs_share_the_service_their_paths_name() {
        let root = crate::test_folder::folder("grid-service", &[]);
        let services = |inputs: &[&str]| {
            endpoints_of(&root, inputs)
                .map(|e| e.into_iter().map(|e| e.service).collect::<Vec<_>>())
        };
        let grid = root.join("grid");
        grid_doc(&grid, "a_versions", "GET /");
        grid_doc(&grid, "b_images", "GET /v2/{tenant_id}/images");
        grid_doc(&grid, "c_servers", "GET /v2.1/{tenant_id}/servers");
        assert_eq!(services(&["grid"]).unwrap(), ["compute"; 3]);
        let err = services(&["grid/a_versions.rst"]).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert_eq!(err.0[0].file.as_deref(), Some("grid"));
        assert!(
            err.0[0]
                .message
                .contains("`service = \"...\"` under `[operation]`"),
            "{err}"
        );
        std::fs::write(
            grid.join("a_versions.overlay.toml"),
            "[operation]\nservice = \"placement\"\n",
        )
        .unwrap();
        assert_eq!(services(&["grid/a_versions.rst"]).unwrap(), ["placement"]);
        let _ = std::fs::remove_dir_all(&root);
    }

    fn endpoint(name: &str, file: &str) -> Endpoint {
        Endpoint {
            file: file.into(),
            ..crate::emit::tests::endpoint_named(name)
        }
    }

    #[test]
    fn only_keeps_named_operations_and_names_an_unknown_one() {
        let all = || {
            vec![
                endpoint("show_a", "a.inc"),
                endpoint("list_a", "a.inc"),
                endpoint("show_b", "b.inc"),
            ]
        };
        let cx = Ctxt::new();
        let (kept, dropped) = select(&cx, all(), &["show_a".into()]);
        assert!(cx.is_empty());
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].name, "show_a");
        // a.inc still gives an operation, so only b.inc's warnings are left out.
        assert_eq!(dropped, ["b.inc"]);
        let warnings = about_kept(
            vec![
                Diagnostic::warning("a.inc", 3, 1, "about a"),
                Diagnostic::warning("b.inc", 3, 1, "about b"),
                Diagnostic::warning("parameters.yaml", 3, 1, "shared"),
            ],
            &dropped,
        );
        let files: Vec<_> = warnings.iter().filter_map(|w| w.file.as_deref()).collect();
        assert_eq!(files, ["a.inc", "parameters.yaml"]);

        let (kept, dropped) = select(&cx, all(), &[]);
        assert_eq!((kept.len(), dropped.len()), (3, 0));

        let (kept, _) = select(&cx, all(), &["show_a".into(), "show_c".into()]);
        assert_eq!(kept.len(), 1);
        let errors = cx.check().expect_err("an unknown name").0;
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("`show_c`"), "{}", errors[0]);
    }

    #[test]
    fn an_array_body_is_a_vec_of_items_sent_with_the_reference_s_media_type() {
        let root = crate::test_folder::folder(
            "array",
            &[
                (
                    "parameters.yaml",
                    "Content-Type-patch:\n  in: header\n  required: true\n  type: string\n  \
                     description: |\n    Use ``application/openstack-images-v2.1-json-patch``.\n\
                     image_id:\n  in: path\n  required: true\n  type: string\n",
                ),
                (
                    "images.inc",
                    "Update Image\n============\n\n.. rest_method:: PATCH /v2/images/{image_id}\n\n\
                     Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n\
                     \x20 - Content-Type: Content-Type-patch\n  - image_id: image_id\n\n\
                     .. literalinclude:: samples/patch.json\n",
                ),
                (
                    "samples/patch.json",
                    r#"[{"op": "replace", "path": "/name", "value": "x"}]"#,
                ),
                ("apiref.api-ref.toml", "[reference]\nservice = \"image\"\n"),
            ],
        );
        let code = Generator::new(&root)
            .input(".")
            .generate_source()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(code.contains("pub type Request = Vec<Item>;"), "{code}");
        assert!(code.contains("pub struct Item {"), "{code}");
        assert!(
            code.contains(".content_type(\"application/openstack-images-v2.1-json-patch\")"),
            "{code}"
        );
        assert!(!code.contains("RequestHeaders"), "{code}");
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A reply the reference does not mark as raw data can be marked so by the
    /// overlay: its function then gives a `Download`; a value that is no media
    /// type is an error at its line.
    #[test]
    fn the_overlay_can_say_a_reply_is_raw_data() {
        let reference = [
            (
                "parameters.yaml",
                "image_id:\n  in: path\n  required: true\n  type: string\n",
            ),
            (
                "images.inc",
                "Download\n========\n\n.. rest_method:: GET /v2/images/{image_id}/file\n\n\
                 Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - image_id: image_id\n",
            ),
        ];
        let with = |overlay: &str| {
            let mut files = reference.to_vec();
            files.push(("apiref.api-ref.toml", overlay));
            let root = crate::test_folder::folder("raw-reply", &files);
            let result = Generator::new(&root).input(".").generate_source();
            let _ = std::fs::remove_dir_all(&root);
            result
        };
        let code = with(
            "[reference]\nservice = \"image\"\n\n[\"*\".operation]\n\
             response_content_type = \"application/octet-stream\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            code.contains("Pending<::apiref::runtime::Download>"),
            "{code}"
        );
        assert!(code.contains(".download()"), "{code}");
        let err = with(
            "[reference]\nservice = \"image\"\n\n[\"*\".operation]\n\
             response_content_type = \"octets\"\n",
        )
        .expect_err("not a media type")
        .to_string();
        assert!(err.contains("`response_content_type`: `octets`"), "{err}");
        assert!(err.contains("apiref.api-ref.toml:5:"), "{err}");
    }

    #[test]
    fn an_overlay_makes_a_body_whose_keys_are_the_caller_s_a_map() {
        let root = crate::test_folder::folder(
            "map",
            &[
                (
                    "parameters.yaml",
                    "key:\n  in: path\n  required: true\n  type: string\n  description: A key.\n",
                ),
                (
                    "specs.inc",
                    "Show Spec\n=========\n\n.. rest_method:: GET /v3/specs/{key}\n\n\
                     Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - key: key\n\n\
                     Response Example\n----------------\n\n.. literalinclude:: samples/spec.json\n",
                ),
                ("samples/spec.json", r#"{"capabilities": "gpu"}"#),
                (
                    "apiref.api-ref.toml",
                    "[reference]\nservice = \"block-storage\"\n\n\
                     [\"specs::get\".response]\nmap = \"string\"\n",
                ),
            ],
        );
        let code = Generator::new(&root)
            .input(".")
            .generate_source()
            .unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_dir_all(&root);
        assert!(
            code.contains("pub type Response = BTreeMap<String, String>;"),
            "{code}"
        );
        assert!(!code.contains("capabilities"), "{code}");
    }

    /// A placeholder that is no Rust name and an extension method reach the
    /// emitted code: the path is sent as written, the argument is snake_case.
    #[test]
    fn a_dashed_placeholder_and_an_extension_method_generate() {
        let root = crate::test_folder::folder(
            "dashed",
            &[
                (
                    "parameters.yaml",
                    "project-id:\n  description: The project.\n  in: path\n  required: true\n  type: string\n",
                ),
                (
                    "default-types.inc",
                    "Copy Default Type\n=================\n\n.. rest_method::\n   COPY /v3/default-types/{project-id}\n\n\
                     Normal response codes: 204\n\n\
                     Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n  - project-id: project-id\n",
                ),
                (
                    "apiref.api-ref.toml",
                    "[reference]\nservice = \"block-storage\"\n",
                ),
            ],
        );
        let code = Generator::new(&root)
            .input(".")
            .generate_source()
            .expect("generates");
        let _ = std::fs::remove_dir_all(&root);
        assert!(code.contains("project_id: &str,"), "{code}");
        assert!(code.contains("- `project_id`: The project."), "{code}");
        assert!(
            code.contains("method: ::apiref::runtime::Method::Extension(\"COPY\"),"),
            "{code}"
        );
        assert!(
            code.contains("path: \"/v3/default-types/{project-id}\","),
            "{code}"
        );
        assert!(code.contains("&[project_id]"), "{code}");
    }
}
