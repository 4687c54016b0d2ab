//! What the os-api-ref reference tests share: generating a whole reference folder in
//! a downstream crate and round-tripping its samples there.

#![allow(dead_code)]

use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use apiref_generator::__stages::{Body, ExampleKind, FieldType, Object, Top};
use apiref_generator::Generator;

use crate::downstream::Downstream;
use crate::needs;

/// A file of this repository, absolute.
pub fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The overlay a suite generates with: the file `var` names if set (a copy
/// `scripts/learn-proof` writes), else the repository's `relative` one.
pub fn overlay_file(var: &str, relative: &str) -> PathBuf {
    match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(path) => PathBuf::from(path)
            .canonicalize()
            .unwrap_or_else(|e| panic!("{var}: {e}")),
        None => repo_file(relative),
    }
}

/// The folder named by `var` (see `needs::dir`), absolute.
pub fn reference_dir(var: &str) -> PathBuf {
    needs::dir(var).canonicalize().expect("reference path")
}

/// What happened to the samples of a reference.
#[derive(Debug, Default)]
pub struct SampleCounts {
    pub operations: usize,
    /// `literalinclude`s of JSON samples in operations.
    pub included: usize,
    /// Of those, the files present.
    pub present: usize,
    /// Decoded into the operation's type (in the downstream crate).
    pub decoded: usize,
    /// Decoded and serialized back to the same JSON value.
    pub exact: usize,
    /// Samples that are the fixed body an action always sends (`{"shelve":
    /// null}`), checked against it rather than decoded.
    pub fixed: usize,
    /// Samples with a key no typed field holds (it would land in `extra`), with it.
    pub with_extra: Vec<String>,
    /// Decode or round-trip failures, as the downstream test printed them.
    pub failures: Vec<String>,
}

impl fmt::Display for SampleCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "operations {}, samples included {}, present {}, decoded {}, exact {}, \
             with empty extra {}",
            self.operations,
            self.included,
            self.present,
            self.decoded,
            self.exact,
            self.present - self.with_extra.len()
        )?;
        for failure in &self.failures {
            write!(f, "\n  {failure}")?;
        }
        Ok(())
    }
}

/// The samples of `dir` checked against the model only (no compile): counts, and
/// the keys no typed field holds; also the round-trip calls for the downstream crate.
pub fn model_counts(dir: &Path, overlay: Option<&Path>) -> (SampleCounts, String) {
    let dir_str = dir.to_str().expect("utf-8 path");
    let mut generator = Generator::new("/").input(dir_str);
    if let Some(o) = overlay {
        generator = generator.input(o.to_str().expect("utf-8 path"));
    }
    let docs = generator.load().unwrap_or_else(|e| panic!("{e}"));
    let (endpoints, _warnings) =
        apiref_generator::__stages::resolve(&docs).unwrap_or_else(|e| panic!("{e}"));
    // `inspect` names each operation's samples (`include`), in the order of the
    // doc's examples, which hold their values.
    let inspected = apiref_generator::__stages::inspect_json(&docs);
    let mut counts = SampleCounts {
        operations: endpoints.len(),
        ..Default::default()
    };
    let mut checks = String::new();
    for ((loaded, endpoint), inspected) in docs
        .iter()
        .zip(&endpoints)
        .zip(inspected.as_array().expect("an array"))
    {
        assert_eq!(inspected["format"], "os-api-ref", "{}", loaded.doc.file);
        let samples = inspected["samples"].as_array().expect("samples");
        assert_eq!(samples.len(), loaded.doc.examples.len());
        for (sample, example) in samples.iter().zip(&loaded.doc.examples) {
            let include = sample["include"].as_str().expect("include");
            if !include.ends_with(".json") {
                continue;
            }
            counts.included += 1;
            let Some(value) = &example.value else {
                continue;
            };
            counts.present += 1;
            let (body, ty) = match example.kind {
                ExampleKind::Request => (&endpoint.request, "Request"),
                ExampleKind::Response => (&endpoint.response, "Response"),
            };
            let place = format!("{}:{} ({include})", loaded.doc.file, example.line);
            let Some(body) = body else {
                counts
                    .failures
                    .push(format!("{place}: `{}` has no {ty} type", endpoint.name));
                continue;
            };
            // A body the function always sends as is has no type: the sample
            // must be that body.
            if let Some(fixed) = &body.fixed {
                if fixed == value {
                    counts.fixed += 1;
                } else {
                    counts
                        .failures
                        .push(format!("{place}: not the fixed body {fixed}"));
                }
                continue;
            }
            let mut unknown = Vec::new();
            body_unknown_keys(body, value, &mut unknown);
            if !unknown.is_empty() {
                counts
                    .with_extra
                    .push(format!("{place}: {}", unknown.join(", ")));
            }
            // The file's own text where it can be found: a value parsed into
            // `serde_json::Value` has lost what does not fit a float (integers
            // beyond 64 bits), which the typed decode must keep.
            let json = sample_text(&loaded.doc.file, dir, include)
                .unwrap_or_else(|| serde_json::to_string(value).expect("json"));
            writeln!(
                checks,
                "    round_trip::<api::{}::{ty}>({place:?}, {json:?}, &mut decoded, &mut exact, &mut failures);",
                endpoint.name
            )
            .expect("write");
        }
    }
    (counts, checks)
}

/// Generates `dir` with `apiref::generate!` in a downstream crate (warnings denied),
/// and round-trips every present sample there.
pub fn generate_compile_and_round_trip(
    crate_name: &str,
    dir: &Path,
    overlay: Option<&Path>,
    module: &str,
) -> SampleCounts {
    let dir_str = dir.to_str().expect("utf-8 path");
    let (mut counts, checks) = model_counts(dir, overlay);
    let inputs = match overlay {
        Some(o) => format!("{dir_str:?}, {:?}", o.to_str().expect("utf-8 path")),
        None => format!("{dir_str:?}"),
    };
    let krate = Downstream::new(crate_name);
    krate.write(
        "src/lib.rs",
        &format!(
            "//! A whole os-api-ref reference.\n#![deny(warnings)]\n\n\
             pub mod {module} {{\n    apiref::generate!({inputs});\n}}\n"
        ),
    );
    krate.write(
        "tests/samples.rs",
        &format!(
            "use {crate_name}::{module} as api;\n\n\
             fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(\n    \
             place: &str, json: &str, decoded: &mut usize, exact: &mut usize, failures: &mut Vec<String>) {{\n    \
             let value: serde_json::Value = serde_json::from_str(json).unwrap();\n    \
             let mut text = serde_json::Deserializer::from_str(json);\n    \
             match serde_path_to_error::deserialize::<_, T>(&mut text) {{\n        \
             Ok(typed) => {{\n            *decoded += 1;\n            \
             let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&typed).unwrap()).unwrap();\n            \
             if back == value {{ *exact += 1 }} \
             else {{ failures.push(format!(\"{{place}}: does not round-trip\")) }}\n        }}\n        \
             Err(e) => failures.push(format!(\"{{place}}: {{}} at {{}}\", e.inner(), e.path())),\n    }}\n}}\n\n\
             #[test]\nfn samples() {{\n    let (mut decoded, mut exact, mut failures) = (0usize, 0usize, Vec::new());\n\
             {checks}    println!(\"decoded={{decoded}} exact={{exact}}\");\n    \
             for f in &failures {{ println!(\"FAILURE {{f}}\"); }}\n}}\n"
        ),
    );
    krate.add_to_manifest("serde = \"1\"\nserde_json = \"1\"\nserde_path_to_error = \"0.1\"");
    let out = krate.cargo(&["test", "-q", "--test", "samples", "--", "--nocapture"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "reference crate failed:\n{stderr}\n{stdout}"
    );
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("decoded=") {
            let (decoded, exact) = rest.split_once(" exact=").expect("counts line");
            counts.decoded = decoded.parse::<usize>().expect("decoded") + counts.fixed;
            counts.exact = exact.parse::<usize>().expect("exact") + counts.fixed;
        } else if let Some(failure) = line.strip_prefix("FAILURE ") {
            counts.failures.push(failure.to_string());
        }
    }
    counts
}

/// The text of the sample `include`d by `file` (a path relative to the including
/// file, or, as Sphinx reads a leading `/`, to the reference folder `root`).
fn sample_text(file: &str, root: &Path, include: &str) -> Option<String> {
    let here = Path::new(file).parent()?;
    let candidates = match include.strip_prefix('/') {
        Some(from_root) => vec![root.join(from_root)],
        None => vec![here.join(include), root.join(include)],
    };
    candidates
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
}

/// Keys of the body `value` that no field of `body` names (they would land in
/// `extra`); a dictionary body's own keys are the caller's, so only its values
/// are looked into.
pub fn body_unknown_keys(body: &Body, value: &serde_json::Value, out: &mut Vec<String>) {
    match &body.top {
        Top::Map(values) => typed_keys(&FieldType::Map(Box::new(values.clone())), value, "", out),
        _ => unknown_keys(&body.object, value, "", out),
    }
}

/// Keys of `value` that no field of `object` names (they would land in `extra`).
pub fn unknown_keys(object: &Object, value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    let Some(map) = value.as_object() else { return };
    for (key, item) in map {
        let path = format!("{at}/{key}");
        match object.field(key) {
            Some(field) => typed_keys(&field.ty, item, &path, out),
            None => out.push(path),
        }
    }
}

fn typed_keys(ty: &FieldType, value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match (ty, value) {
        (FieldType::Object(o), v) => unknown_keys(o, v, at, out),
        (FieldType::Array(item), serde_json::Value::Array(items)) => {
            for v in items {
                typed_keys(item, v, &format!("{at}[]"), out);
            }
        }
        (FieldType::Map(item), serde_json::Value::Object(m)) => {
            for (k, v) in m {
                typed_keys(item, v, &format!("{at}/{k}"), out);
            }
        }
        (FieldType::OrEmptyString(inner), v) => typed_keys(inner, v, at, out),
        (FieldType::OneOf(inner, _), v) if !v.is_string() => typed_keys(inner, v, at, out),
        _ => {}
    }
}
