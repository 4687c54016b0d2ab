//! The test side of a conformance suite: the client generated from a service's
//! reference is built in a downstream crate together with the call machinery
//! (`ctx.rs`), a generated `dispatch` module (every operation by name, with its
//! generated types) and the service's program (`<program>/run.rs`); the program
//! runs real lifecycles against the real service and records every call; this
//! module turns the record into the report, one line per operation of the
//! reference (called ok, removed with 410, not servable here and why, or failed),
//! and the problems that fail the test.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use apiref_generator::__stages::ExampleKind;
use apiref_generator::{Endpoint, Generator};

use crate::downstream::Downstream;
use crate::reference_common::{body_unknown_keys, repo_file};

/// One service's suite.
pub struct Suite {
    /// The service type (`compute`, `network`): the report's name, the generated
    /// module's name (`-` as `_`) and, with `_conformance`, the crate's.
    pub service: &'static str,
    /// The reference folder (`api-ref/source`, or one version of it).
    pub reference: PathBuf,
    /// The reference overlay this repository keeps for it, if any.
    pub overlay: Option<PathBuf>,
    /// The program's folder under `tests/conformance/` (its `run.rs` is `main`).
    pub program: &'static str,
    /// The operations that cannot be served here, each with why; a name ending in
    /// `::` stands for every operation under it.
    pub not_servable: &'static [(&'static str, &'static str)],
    /// The error statuses the program must have proven typed by a passed check
    /// named `typed error <status> ...`.
    pub typed_errors: &'static [u16],
    /// Environment the program reads (URLs, tokens).
    pub env: Vec<(&'static str, String)>,
}

/// What the program recorded about one call (see `ctx.rs`).
#[derive(serde::Deserialize)]
struct Record {
    op: String,
    role: String,
    microversion: String,
    status: Option<u16>,
    outcome: String,
    detail: String,
    reply: serde_json::Value,
}

impl Suite {
    /// The crate the suite builds, and the module of the generated client in it.
    fn names(&self) -> (String, String) {
        let module = self.service.replace('-', "_");
        (format!("{module}_conformance"), module)
    }

    /// Builds and runs the program, prints the report (also written to
    /// `target/conformance/<service>.txt`) and fails on any problem.
    pub fn run(&self) {
        let reference = self.reference.to_str().expect("utf-8 path");
        let overlay = self
            .overlay
            .as_ref()
            .map(|o| o.to_str().expect("utf-8 path").to_owned());
        let mut generator = Generator::new("/").input(reference);
        if let Some(overlay) = &overlay {
            generator = generator.input(overlay);
        }
        let docs = generator.load().unwrap_or_else(|e| panic!("{e}"));
        let (endpoints, _) =
            apiref_generator::__stages::resolve(&docs).unwrap_or_else(|e| panic!("{e}"));
        let samples: Vec<Option<String>> = docs
            .iter()
            .map(|loaded| {
                loaded
                    .doc
                    .examples
                    .iter()
                    .filter(|e| matches!(e.kind, ExampleKind::Request))
                    .find_map(|e| e.value.as_ref())
                    .map(|v| v.to_string())
            })
            .collect();

        let (krate_name, module) = self.names();
        let krate = Downstream::new(&krate_name);
        let conformance = repo_file("tests/conformance");
        let conformance = conformance.to_str().expect("utf-8 path");
        let generate = match &overlay {
            Some(overlay) => format!("apiref::generate!({reference:?}, {overlay:?});"),
            None => format!("apiref::generate!({reference:?});"),
        };
        krate.write(
            "src/lib.rs",
            &format!(
                "//! The {service} reference as a client, and the conformance program's call \
                 machinery.\n#![deny(warnings)]\n\n\
                 pub mod {module} {{\n    {generate}\n}}\n\n\
                 #[path = {ctx:?}]\npub mod ctx;\n\npub mod dispatch;\n",
                service = self.service,
                ctx = format!("{conformance}/ctx.rs"),
            ),
        );
        krate.write(
            "src/dispatch.rs",
            &dispatch_source(&module, &endpoints, &samples),
        );
        krate.add_to_manifest(&format!(
            "serde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = {{ version = \"1\", features = [\"arbitrary_precision\"] }}\n\
             serde_path_to_error = \"0.1\"\n\
             tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"macros\", \"time\", \"net\", \"io-util\"] }}\n\n\
             [[bin]]\nname = \"conformance\"\npath = {:?}",
            format!("{conformance}/{}/run.rs", self.program)
        ));
        let build = krate.cargo(&["build", "-q", "--bin", "conformance"]);
        let stderr = String::from_utf8_lossy(&build.stderr);
        assert!(
            build.status.success(),
            "the conformance crate failed to build:\n{stderr}"
        );
        assert!(!stderr.contains("warning"), "warnings:\n{stderr}");

        let records_path = krate.dir.join("records.jsonl");
        let started = Instant::now();
        let mut run = krate.command(&["run", "-q", "--bin", "conformance"]);
        run.env("CONFORMANCE_RECORDS", &records_path);
        for (name, value) in &self.env {
            run.env(name, value);
        }
        let out = run.output().expect("run the conformance program");
        let seconds = started.elapsed().as_secs_f64();
        println!("{}", String::from_utf8_lossy(&out.stdout));
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "the conformance program failed");
        let records: Vec<Record> = std::fs::read_to_string(&records_path)
            .expect("records")
            .lines()
            .map(|line| serde_json::from_str(line).expect("a record"))
            .collect();

        let (report, problems) = self.report(&endpoints, &records, seconds);
        print!("{report}");
        let dir = repo_file("target/conformance");
        std::fs::create_dir_all(&dir).expect("report folder");
        let path = dir.join(format!("{}.txt", self.service));
        std::fs::write(&path, &report).expect("write the report");
        println!("(report written to {})", path.display());
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    /// One line per operation, the totals, and every problem found.
    fn report(
        &self,
        endpoints: &[Endpoint],
        records: &[Record],
        seconds: f64,
    ) -> (String, Vec<String>) {
        let by_name: BTreeMap<&str, &Endpoint> =
            endpoints.iter().map(|e| (e.name.as_str(), e)).collect();
        let mut problems = Vec::new();
        // The operations with a reply that failed a check: they count as failed.
        let mut faulty: BTreeMap<&str, String> = BTreeMap::new();
        let mut calls: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
        let (mut checks_passed, mut replies) = (0, 0);
        for r in records {
            match r.outcome.as_str() {
                "check_passed" => checks_passed += 1,
                "check_failed" => problems.push(format!("check {}: {}", r.op, r.detail)),
                _ => {
                    let Some(endpoint) = by_name.get(r.op.as_str()) else {
                        problems.push(format!("record of an unknown operation {}", r.op));
                        continue;
                    };
                    let at = format!("{} as {} at {}", r.op, r.role, version_label(r));
                    let problem = match r.outcome.as_str() {
                        "ok" => {
                            replies += 1;
                            let mut unknown = Vec::new();
                            if let Some(body) = &endpoint.response {
                                body_unknown_keys(body, &r.reply, &mut unknown);
                            }
                            (!unknown.is_empty())
                                .then(|| format!("{at}: keys in extra: {}", unknown.join(", ")))
                        }
                        "decode_failed" | "not_exact" | "request_mismatch" => {
                            Some(format!("{at}: {} {}", r.outcome, r.detail))
                        }
                        _ => None,
                    };
                    if let Some(problem) = problem {
                        faulty
                            .entry(endpoint.name.as_str())
                            .or_insert_with(|| problem.clone());
                        problems.push(problem);
                    }
                    calls.entry(endpoint.name.as_str()).or_default().push(r);
                }
            }
        }

        for status in self.typed_errors {
            let prefix = format!("typed error {status} ");
            if !records
                .iter()
                .any(|r| r.outcome == "check_passed" && r.op.starts_with(&prefix))
            {
                problems.push(format!("no passed check of a typed {status} error"));
            }
        }

        let mut lines = String::new();
        let (mut ok, mut gone, mut not_servable, mut failed) = (0, 0, 0, 0);
        for e in endpoints {
            let recs = calls.get(e.name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let oks: Vec<_> = recs.iter().filter(|r| r.outcome == "ok").collect();
            let listed = self
                .not_servable
                .iter()
                .find(|(name, _)| {
                    *name == e.name || (name.ends_with("::") && e.name.starts_with(name))
                })
                .map(|(_, why)| *why);
            let line = if let Some(problem) = faulty.get(e.name.as_str()) {
                failed += 1;
                format!("FAILED   {problem}")
            } else if !oks.is_empty() {
                ok += 1;
                if listed.is_some() {
                    problems.push(format!(
                        "{} is called ok but listed as not servable",
                        e.name
                    ));
                }
                let mut roles: Vec<&str> = oks.iter().map(|r| r.role.as_str()).collect();
                roles.sort();
                roles.dedup();
                let mut versions: Vec<&str> = oks.iter().map(|r| version_label(r)).collect();
                versions.sort_by_key(|v| version_key(v));
                versions.dedup();
                format!(
                    "ok       {} calls as {} at {}",
                    oks.len(),
                    roles.join(","),
                    versions.join(",")
                )
            } else if let Some(r) = recs.iter().find(|r| r.outcome == "gone") {
                gone += 1;
                format!("removed  410 Gone: {}", r.detail)
            } else if let Some(reason) = listed {
                not_servable += 1;
                // What the service answered, when the program called it anyway.
                match recs.last().and_then(|r| r.status.map(|s| (s, r))) {
                    Some((status, r)) => format!(
                        "n/a      {reason} [here: {status} {}]",
                        r.detail.lines().next().unwrap_or("")
                    ),
                    None => format!("n/a      {reason}"),
                }
            } else {
                failed += 1;
                let last = recs.last().map(|r| {
                    let status = r.status.map_or("no reply".to_owned(), |s| s.to_string());
                    format!("{} ({status}) {}", r.outcome, r.detail.replace('\n', " "))
                });
                let line = format!("MISSING  {}", last.as_deref().unwrap_or("not called"));
                problems.push(format!("{}: {line}", e.name));
                line
            };
            writeln!(
                lines,
                "{:<64} {} {}  {line}",
                e.name,
                e.method.as_str(),
                e.path
            )
            .expect("write");
        }
        let mut out = format!(
            "{} conformance: {} operations of the reference\n",
            self.service,
            endpoints.len()
        );
        out.push_str(&lines);
        let calls_total: usize = records
            .iter()
            .filter(|r| !r.outcome.starts_with("check"))
            .count();
        writeln!(
            out,
            "{calls_total} calls ({replies} 2xx replies decoded, round-tripped exactly, checked \
             for unknown keys), {checks_passed} checks passed; {seconds:.0}s"
        )
        .expect("write");
        writeln!(
            out,
            "{} totals: {} operations, {ok} ok, {gone} removed (410), {not_servable} not \
             servable, {failed} failed",
            self.service,
            endpoints.len()
        )
        .expect("write");
        (out, problems)
    }
}

/// The microversion a record asked for, `-` for a service without microversions.
fn version_label(r: &Record) -> &str {
    if r.microversion.is_empty() {
        "-"
    } else {
        &r.microversion
    }
}

/// `2.1` < `2.47` < `latest`, for listing microversions in order.
fn version_key(v: &str) -> (u32, u32) {
    match v.split_once('.') {
        Some((a, b)) => (a.parse().unwrap_or(0), b.parse().unwrap_or(0)),
        None if v == "-" => (0, 0),
        None => (u32::MAX, 0),
    }
}

/// The generated `dispatch` module: every operation by name, with its generated
/// query, request and response types (`Json` where it has none), and its first
/// request sample, for the calls the program drives from the reference itself.
fn dispatch_source(module: &str, endpoints: &[Endpoint], samples: &[Option<String>]) -> String {
    let mut out = format!(
        "//! Generated by tests/conformance/driver.rs: every operation by name.\n\n\
         use apiref::runtime::{{Error, Json}};\n\nuse crate::{module} as api;\n\
         use crate::ctx::{{Ctx, Role}};\n\n\
         /// Every operation of the reference: name, method, path.\n\
         pub const OPERATIONS: &[(&str, &str, &str)] = &[\n"
    );
    for e in endpoints {
        writeln!(
            out,
            "    ({:?}, {:?}, {:?}),",
            e.name,
            e.method.as_str(),
            e.path
        )
        .expect("write");
    }
    out.push_str(
        "];\n\n/// The first request sample of `op` the reference includes, if present.\n\
         pub fn request_sample(op: &str) -> Option<Json> {\n    let text = match op {\n",
    );
    for (e, sample) in endpoints.iter().zip(samples) {
        if let Some(sample) = sample {
            writeln!(out, "        {:?} => {sample:?},", e.name).expect("write");
        }
    }
    out.push_str(
        "        _ => return None,\n    };\n    Some(serde_json::from_str(text).expect(\"sample\"))\n}\n\n\
         /// Calls `op` by name through [`Ctx::exec`] with its generated types and media type.\n\
         pub async fn call(ctx: &Ctx, op: &str, role: Role, version: &str, args: &[&str], \
         query: Option<Json>, body: Option<Json>) -> Result<Json, Error> {\n    match op {\n",
    );
    for e in endpoints {
        let ty = |present: bool, name: &str| {
            if present {
                format!("api::{}::{name}", e.name)
            } else {
                "Json".to_owned()
            }
        };
        writeln!(
            out,
            "        {:?} => ctx.exec::<{}, {}, {}>(&api::{}::OPERATION, {:?}, role, version, args, query, body).await,",
            e.name,
            ty(e.query.is_some(), "Query"),
            // An action with a fixed body (`{"shelve": null}`) has no `Request`
            // type: its sample is sent as JSON.
            ty(e.request.as_ref().is_some_and(|b| b.fixed.is_none()), "Request"),
            if e.response.is_some() {
                format!("api::{}::Response", e.name)
            } else {
                "()".to_owned()
            },
            e.name,
            e.request_content_type.as_deref(),
        )
        .expect("write");
    }
    out.push_str("        other => panic!(\"no operation named {other}\"),\n    }\n}\n");
    out
}
