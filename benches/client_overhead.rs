//! What the generated client costs over hand-written reqwest, measured as a new user
//! would see it. `scripts/bench-client` runs it; by hand:
//! `cargo bench --bench client_overhead [-- http decode scale pages oneshot]`.
//!
//! - `http`: Update Server (`PUT /v2.1/{tenant_id}/servers/{server_id}`, microversion
//!   2.75) through the generated `update_server` and one shared `Client`, next to a
//!   plain `reqwest::Client` loop that sends the same request and parses the reply into
//!   a `serde_json::Value`. Rounds alternate (and swap order each round) in one
//!   process, sequentially and with `BENCH_TASKS` (8) concurrent tasks; req/s, p50,
//!   p99 and CPU per request (getrusage of this process; the stub is a child
//!   process, so its CPU is not counted).
//! - `decode`: the same reply bytes decoded into `serde_json::Value`, into the
//!   generated type, and into the generated type through `serde_path_to_error`.
//! - `scale`: a list-detail reply of 1,000 servers decoded into the type generated
//!   from `benches/spec/list_servers_detail` versus `serde_json::Value`: time,
//!   allocations and peak heap (a counting global allocator).
//! - `pages`: 10,000 servers (`BENCH_PAGES_SERVERS`) served by the stub in pages of
//!   1,000 (`BENCH_PAGE_SIZE`), walked with `Client::pages`, next to the same
//!   listing in one reply decoded into the generated type and into a
//!   `serde_json::Value`: peak heap (the counting allocator, one-thread runtime) and
//!   wall time. The stub answers like Nova: an absolute `next` link while more remain.
//! - `oneshot`: one process, one call: `BENCH_EXAMPLE` (the release build of
//!   `examples/update_server`) against `curl` doing the same PUT, alternating; wall
//!   time, CPU time and peak RSS (wait4).
//!
//! The stub is this binary re-run with `--stub`: a hand-written HTTP/1.1 keep-alive
//! server on loopback, a thread per connection, replaying one recorded reply. Cores:
//! with two or more CPUs the stub pins itself to CPU 1 and the client to CPU 0
//! (`BENCH_PIN=0` turns it off), so the two never share a core with each other; other
//! processes on the machine still can.
//!
//! The reply is `$APIREF_NOVA_SAMPLES/servers/v2.75/server-update-resp.json` when
//! that variable is set (a missing file is an error), else
//! `benches/fixtures/server-update-2.75.json`; either way it is sent compact, as Nova
//! does. Tuning: `BENCH_REQUESTS` (3000 per run), `BENCH_ROUNDS` (5), `BENCH_TASKS`
//! (8), `BENCH_ONESHOT_RUNS` (20); `BENCH_RAW_SETTINGS=1` gives the raw client
//! apiref's timeout, user agent and redirect policy.

#[path = "support/alloc.rs"]
mod alloc;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/stub.rs"]
mod stub;

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use apiref::runtime::{Client, Microversion, Version};
use serde_json::Value;

mod compute {
    apiref::generate!("spec/compute");
}
mod listing {
    apiref::generate!("benches/spec/list_servers_detail");
}
use alloc::{Heap, heap_of};
use compute::update_server;
use measure::{Process, cpu_time, env, load_average, measured, median, number, pin};
use stub::{Stub, list_server, run_stub};

const PROJECT: &str = "4f1e2d3c4b5a69788796a5b4c3d2e1f0";
const SERVER: &str = "9d1c3e2a-7b44-4f0e-a8c1-5e6f7a8b9c0d";
const TOKEN: &str = "gAAAAABbench-token-0123456789abcdef";
const MICROVERSION: Version = Version::new(2, 75);
const FIXTURE: &str = include_str!("fixtures/server-update-2.75.json");

// ---------------------------------------------------------------------------------
// The recorded reply.

/// The recorded Update Server reply and where it came from.
fn update_reply() -> (Value, String) {
    let (text, source) = match env("APIREF_NOVA_SAMPLES") {
        Some(dir) => {
            let path = format!("{dir}/servers/v2.75/server-update-resp.json");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("APIREF_NOVA_SAMPLES is set but {path}: {e}"));
            (text, path)
        }
        None => (
            FIXTURE.to_owned(),
            "benches/fixtures/server-update-2.75.json".to_owned(),
        ),
    };
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    (value, source)
}

fn reply_name(reply: &Value) -> String {
    reply["server"]["name"]
        .as_str()
        .expect("the recorded reply has server.name")
        .to_owned()
}

// ---------------------------------------------------------------------------------
// http: the generated client next to a plain reqwest loop.

struct Run {
    wall: Duration,
    cpu: Duration,
    latencies: Vec<Duration>,
}

impl Run {
    fn merge(runs: &[Run]) -> Run {
        let mut latencies: Vec<Duration> = runs
            .iter()
            .flat_map(|r| r.latencies.iter().copied())
            .collect();
        latencies.sort();
        Run {
            wall: runs.iter().map(|r| r.wall).sum(),
            cpu: runs.iter().map(|r| r.cpu).sum(),
            latencies,
        }
    }

    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64()
    }

    fn cpu_per_request_us(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.latencies.len() as f64
    }

    fn percentile_us(&self, p: f64) -> f64 {
        let last = self.latencies.len().saturating_sub(1);
        let index = ((last as f64) * p).round() as usize;
        self.latencies
            .get(index)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1e6)
    }

    fn line(&self, who: &str) -> String {
        format!(
            "{who:<8} {:>6} req {:>8.0} req/s  p50 {:>6.1} µs  p99 {:>6.1} µs  cpu {:>5.1} µs/req",
            self.latencies.len(),
            self.per_second(),
            self.percentile_us(0.50),
            self.percentile_us(0.99),
            self.cpu_per_request_us()
        )
    }
}

fn split(requests: usize, tasks: usize, task: usize) -> usize {
    requests / tasks + usize::from(task < requests % tasks)
}

async fn timed(start: Instant, cpu: Duration, mut set: tokio::task::JoinSet<Vec<Duration>>) -> Run {
    let mut latencies = Vec::new();
    while let Some(task) = set.join_next().await {
        latencies.extend(task.expect("task"));
    }
    Run {
        wall: start.elapsed(),
        cpu: cpu_time() - cpu,
        latencies,
    }
}

async fn apiref_run(client: &Client, name: &Arc<str>, tasks: usize, requests: usize) -> Run {
    let (start, cpu) = (Instant::now(), cpu_time());
    let mut set = tokio::task::JoinSet::new();
    for task in 0..tasks {
        let (client, name) = (client.clone(), name.clone());
        let count = split(requests, tasks, task);
        set.spawn(async move {
            let mut body = update_server::Request::default();
            body.server.name = Some(name.to_string());
            let mut latencies = Vec::with_capacity(count);
            for _ in 0..count {
                let t = Instant::now();
                let reply = compute::update_server(&client, PROJECT, SERVER, &body)
                    .microversion(Microversion::Exact(MICROVERSION))
                    .await
                    .unwrap_or_else(|e| panic!("apiref update: {e}"));
                latencies.push(t.elapsed());
                assert_eq!(reply.body.server.name.as_deref(), Some(&*name));
            }
            latencies
        });
    }
    timed(start, cpu, set).await
}

async fn reqwest_run(
    http: &reqwest::Client,
    url: &Arc<str>,
    name: &Arc<str>,
    tasks: usize,
    requests: usize,
) -> Run {
    let (start, cpu) = (Instant::now(), cpu_time());
    let mut set = tokio::task::JoinSet::new();
    for task in 0..tasks {
        let (http, url, name) = (http.clone(), url.clone(), name.clone());
        let count = split(requests, tasks, task);
        set.spawn(async move {
            let body = serde_json::json!({ "server": { "name": &*name } });
            let mut latencies = Vec::with_capacity(count);
            for _ in 0..count {
                let t = Instant::now();
                let reply = http
                    .put(&*url)
                    .header("accept", "application/json")
                    .header("content-type", "application/json")
                    .header("x-auth-token", TOKEN)
                    .header("openstack-api-version", "compute 2.75")
                    .body(serde_json::to_vec(&body).expect("body"))
                    .send()
                    .await
                    .expect("reqwest send");
                let status = reply.status();
                let bytes = reply.bytes().await.expect("reqwest body");
                let value: Value = serde_json::from_slice(&bytes).expect("reply is JSON");
                latencies.push(t.elapsed());
                assert_eq!(status, 200);
                assert_eq!(value["server"]["name"].as_str(), Some(&*name));
            }
            latencies
        });
    }
    timed(start, cpu, set).await
}

fn bench_http(pinned: bool) {
    let requests = number("BENCH_REQUESTS", 3000);
    let rounds = number("BENCH_ROUNDS", 5).max(1);
    let concurrent = number("BENCH_TASKS", 8).max(1);
    let (reply, source) = update_reply();
    let stub = Stub::start();
    let name: Arc<str> = reply_name(&reply).into();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    println!(
        "== http: Update Server at {MICROVERSION} against the loopback stub ({} B reply from {source})",
        serde_json::to_vec(&reply).map_or(0, |b| b.len())
    );
    println!(
        "   {requests} requests per run, {rounds} alternating rounds; client {}, stub {}",
        if pinned {
            "pinned to CPU 0"
        } else {
            "not pinned"
        },
        if pinned { "on CPU 1" } else { "not pinned" }
    );
    runtime.block_on(async {
        let client = Client::builder(&stub.endpoint())
            .token(TOKEN)
            .build()
            .expect("client");
        // BENCH_RAW_SETTINGS=1 gives the raw client apiref's settings (60 s timeout,
        // user agent, no redirects), to tell what they cost from what the code does.
        let http = if env("BENCH_RAW_SETTINGS").as_deref() == Some("1") {
            println!("   raw client with apiref's settings");
            reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .user_agent("apiref/0.1.0")
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("reqwest client")
        } else {
            reqwest::Client::new()
        };
        let url: Arc<str> = format!("{}/servers/{SERVER}", stub.endpoint()).into();
        for tasks in [1, concurrent] {
            // Warm both pools (connections, allocator) before measuring.
            apiref_run(&client, &name, tasks, requests / 5).await;
            reqwest_run(&http, &url, &name, tasks, requests / 5).await;
            let (mut ours, mut plain, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
            for round in 0..rounds {
                let (a, b) = if round % 2 == 0 {
                    let a = apiref_run(&client, &name, tasks, requests).await;
                    (a, reqwest_run(&http, &url, &name, tasks, requests).await)
                } else {
                    let b = reqwest_run(&http, &url, &name, tasks, requests).await;
                    (apiref_run(&client, &name, tasks, requests).await, b)
                };
                ratios.push(a.per_second() / b.per_second());
                ours.push(a);
                plain.push(b);
            }
            let (a, b) = (Run::merge(&ours), Run::merge(&plain));
            println!("-- {tasks} task(s)");
            println!("   {}", a.line("apiref"));
            println!("   {}", b.line("reqwest"));
            println!(
                "   apiref / reqwest: req/s {:.3} (median of rounds {:.3}), p50 {:.3}, p99 {:.3}, cpu/req {:.3}",
                a.per_second() / b.per_second(),
                median(ratios),
                a.percentile_us(0.5) / b.percentile_us(0.5),
                a.percentile_us(0.99) / b.percentile_us(0.99),
                a.cpu_per_request_us() / b.cpu_per_request_us()
            );
        }
    });
}

// ---------------------------------------------------------------------------------
// decode: one reply, three ways.

/// Mean time of `iterations` calls of `f`, in µs.
fn time_us<T>(iterations: usize, mut f: impl FnMut() -> T) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        std::hint::black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e6 / iterations as f64
}

fn bench_decode() {
    let (reply, source) = update_reply();
    let bytes = serde_json::to_vec(&reply).expect("reply serializes");
    let iterations = number("BENCH_DECODE_ITERATIONS", 5000);
    let rounds = number("BENCH_ROUNDS", 5).max(1);
    let value = || serde_json::from_slice::<Value>(&bytes).expect("Value");
    let typed = || serde_json::from_slice::<update_server::Response>(&bytes).expect("typed");
    let tracked = || {
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize::<_, update_server::Response>(&mut de).expect("tracked")
    };
    assert_eq!(
        serde_json::to_value(typed()).expect("typed serializes"),
        value(),
        "the typed reply round-trips"
    );
    let (mut v, mut t, mut p) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        v.push(time_us(iterations, value));
        t.push(time_us(iterations, typed));
        p.push(time_us(iterations, tracked));
    }
    let (v, t, p) = (median(v), median(t), median(p));
    let (_, hv) = heap_of(value);
    let (_, ht) = heap_of(typed);
    let (_, hp) = heap_of(tracked);
    println!(
        "== decode: the Update Server reply ({} B from {source}), median of {rounds} x {iterations}",
        bytes.len()
    );
    println!(
        "   serde_json::Value            {v:>6.2} µs  {:>4} allocations",
        hv.allocations
    );
    println!(
        "   generated type               {t:>6.2} µs  {:>4} allocations  ({:.2}x Value)",
        ht.allocations,
        t / v
    );
    println!(
        "   generated, serde_path_to_error {p:>4.2} µs  {:>4} allocations  ({:.2}x Value)",
        hp.allocations,
        p / v
    );
}

// ---------------------------------------------------------------------------------
// scale: a list-detail reply of 1,000 servers.

fn bench_scale() {
    let (reply, source) = update_reply();
    let template = &reply["server"];
    let count = number("BENCH_LIST_SERVERS", 1000);
    let servers: Vec<Value> = (0..count).map(|i| list_server(template, i)).collect();
    let bytes = serde_json::to_vec(&serde_json::json!({ "servers": servers })).expect("list");
    let value = || serde_json::from_slice::<Value>(&bytes).expect("Value");
    let typed = || {
        serde_json::from_slice::<listing::servers::list_detailed::Response>(&bytes).expect("typed")
    };
    let listed = typed().servers.as_ref().map_or(0, Vec::len);
    assert_eq!(listed, count, "every server decodes");
    let rounds = number("BENCH_SCALE_ROUNDS", 7).max(1);
    let (mut v, mut t) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        v.push(time_us(1, value) / 1000.0);
        t.push(time_us(1, typed) / 1000.0);
    }
    let (v, t) = (median(v), median(t));
    let (kept_v, hv) = heap_of(value);
    drop(kept_v);
    let (kept_t, ht) = heap_of(typed);
    drop(kept_t);
    let mb = |bytes: isize| bytes as f64 / 1e6;
    println!(
        "== scale: list-detail reply of {count} servers ({:.2} MB; each server from {source}), median of {rounds}",
        mb(bytes.len() as isize)
    );
    println!(
        "   serde_json::Value  {v:>7.2} ms  {:>7} allocations  peak {:>6.2} MB  kept {:>6.2} MB",
        hv.allocations,
        mb(hv.peak),
        mb(hv.retained)
    );
    println!(
        "   generated type     {t:>7.2} ms  {:>7} allocations  peak {:>6.2} MB  kept {:>6.2} MB",
        ht.allocations,
        mb(ht.peak),
        mb(ht.retained)
    );
    println!(
        "   generated / Value: time {:.2}, allocations {:.2}, peak {:.2}",
        t / v,
        ht.allocations as f64 / hv.allocations as f64,
        ht.peak as f64 / hv.peak as f64
    );
}

// ---------------------------------------------------------------------------------
// pages: 10,000 servers, page by page or in one reply.

/// Walks the stub's listing with `Client::pages`, `limit` servers a page; the
/// servers seen and the pages read. Each page is dropped before the next is read,
/// as a caller that processes servers as they come would.
async fn walk_pages(client: &Client, limit: i64) -> (usize, usize) {
    let query = listing::servers::list_detailed::Query {
        limit: Some(limit),
        ..Default::default()
    };
    let mut pages = client
        .pages::<_, listing::servers::list_detailed::Response>(
            &listing::servers::list_detailed::OPERATION,
            &[PROJECT],
            Some(&query),
            Microversion::Exact(MICROVERSION),
        )
        .expect("first page URL");
    let (mut servers, mut count) = (0, 0);
    while let Some(page) = pages.next_page().await.expect("a page") {
        servers += page.body.servers.as_ref().map_or(0, Vec::len);
        count += 1;
    }
    (servers, count)
}

/// The whole listing in one reply (`limit` = all), typed, through the client.
async fn whole_typed(client: &Client, all: i64) -> usize {
    let query = listing::servers::list_detailed::Query {
        limit: Some(all),
        ..Default::default()
    };
    let reply = listing::servers::list_detailed(client, PROJECT, &query)
        .microversion(Microversion::Exact(MICROVERSION))
        .await
        .expect("the whole list");
    reply.body.servers.as_ref().map_or(0, Vec::len)
}

/// The whole listing in one reply, as a `serde_json::Value`, through plain reqwest.
async fn whole_value(http: &reqwest::Client, url: &str) -> usize {
    let reply = http
        .get(url)
        .header("accept", "application/json")
        .header("x-auth-token", TOKEN)
        .header("openstack-api-version", "compute 2.75")
        .send()
        .await
        .expect("reqwest send");
    let bytes = reply.bytes().await.expect("reqwest body");
    let value: Value = serde_json::from_slice(&bytes).expect("reply is JSON");
    value["servers"].as_array().map_or(0, Vec::len)
}

/// Peak heap and wall time of one async closure, run to completion on `runtime`.
fn measure<T>(
    runtime: &tokio::runtime::Runtime,
    f: impl std::future::Future<Output = T>,
) -> (T, Heap, Duration) {
    let start = Instant::now();
    let (value, heap) = heap_of(|| runtime.block_on(f));
    (value, heap, start.elapsed())
}

fn bench_pages() {
    let total = number("BENCH_PAGES_SERVERS", 10_000);
    let limit = number("BENCH_PAGE_SIZE", 1000);
    let rounds = number("BENCH_SCALE_ROUNDS", 7).max(1);
    let stub = Stub::start();
    // One thread: the heap counted is this walk's alone, and nothing else runs.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let client = Client::builder(&stub.endpoint())
        .token(TOKEN)
        .build()
        .expect("client");
    let http = reqwest::Client::new();
    let url = format!("{}/servers/detail?limit={total}", stub.endpoint());
    let (all, page) = (total as i64, limit as i64);
    // Warm the connections and the allocator, and check every server arrives.
    assert_eq!(runtime.block_on(walk_pages(&client, page)).0, total);
    assert_eq!(runtime.block_on(whole_typed(&client, all)), total);
    assert_eq!(runtime.block_on(whole_value(&http, &url)), total);
    let (mut walked, mut typed, mut value) = (Vec::new(), Vec::new(), Vec::new());
    let mut pages_read = 0;
    for _ in 0..rounds {
        let ((servers, pages), heap, time) = measure(&runtime, walk_pages(&client, page));
        assert_eq!(servers, total);
        pages_read = pages;
        walked.push((heap.peak, time));
        let (servers, heap, time) = measure(&runtime, whole_typed(&client, all));
        assert_eq!(servers, total);
        typed.push((heap.peak, time));
        let (servers, heap, time) = measure(&runtime, whole_value(&http, &url));
        assert_eq!(servers, total);
        value.push((heap.peak, time));
    }
    let summary = |runs: &[(isize, Duration)]| {
        (
            median(runs.iter().map(|r| r.0 as f64 / 1e6).collect()),
            median(runs.iter().map(|r| r.1.as_secs_f64() * 1e3).collect()),
        )
    };
    let (w, t, v) = (summary(&walked), summary(&typed), summary(&value));
    println!(
        "== pages: {total} servers from the loopback stub, median of {rounds} (peak heap above the start)"
    );
    println!(
        "   Client::pages, {limit} a page ({pages_read} pages)  peak {:>7.2} MB  {:>7.2} ms",
        w.0, w.1
    );
    println!(
        "   one reply, generated type            peak {:>7.2} MB  {:>7.2} ms",
        t.0, t.1
    );
    println!(
        "   one reply, reqwest + Value           peak {:>7.2} MB  {:>7.2} ms",
        v.0, v.1
    );
    println!(
        "   pages / one typed reply: peak {:.2}, time {:.2}; pages / one Value reply: peak {:.2}, time {:.2}",
        w.0 / t.0,
        w.1 / t.1,
        w.0 / v.0,
        w.1 / v.1
    );
}

// ---------------------------------------------------------------------------------
// oneshot: one process, one call.
fn bench_oneshot() {
    let Some(example) = env("BENCH_EXAMPLE") else {
        println!(
            "== oneshot: not run: BENCH_EXAMPLE (the release update_server example) is not set; scripts/bench-client sets it"
        );
        return;
    };
    let runs = number("BENCH_ONESHOT_RUNS", 20).max(1);
    let (reply, _) = update_reply();
    let name = reply_name(&reply);
    let stub = Stub::start();
    let url = format!("{}/servers/{SERVER}", stub.endpoint());
    let body = serde_json::json!({ "server": { "name": &name } }).to_string();
    let mut ours = Command::new(&example);
    ours.args(["--endpoint", &stub.endpoint(), "--token", TOKEN])
        .args([
            "--server",
            SERVER,
            "--name",
            &name,
            "--microversion",
            "2.75",
        ]);
    let mut curl = Command::new("curl");
    curl.args(["-sf", "-o", "/dev/null", "-X", "PUT", &url])
        .args(["-H", "Accept: application/json"])
        .args(["-H", "Content-Type: application/json"])
        .args(["-H", &format!("X-Auth-Token: {TOKEN}")])
        .args(["-H", "OpenStack-API-Version: compute 2.75"])
        .args(["--data", &body]);
    measured(&mut ours);
    measured(&mut curl);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(measured(&mut ours));
        b.push(measured(&mut curl));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let summary = |runs: &[Process]| {
        let wall = median(runs.iter().map(|r| ms(r.wall)).collect());
        let fastest = runs
            .iter()
            .map(|r| ms(r.wall))
            .fold(f64::INFINITY, f64::min);
        let cpu = median(runs.iter().map(|r| ms(r.cpu)).collect());
        let rss = runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0;
        (wall, fastest, cpu, rss)
    };
    let (a, b) = (summary(&a), summary(&b));
    println!("== oneshot: one PUT per process, {runs} alternating runs each (medians)");
    for (who, (wall, fastest, cpu, rss)) in [("update_server example", a), ("curl", b)] {
        println!(
            "   {who:<22} wall {wall:>6.2} ms (fastest {fastest:.2})  cpu {cpu:>5.2} ms  peak RSS {rss:.1} MB"
        );
    }
    println!(
        "   example / curl: wall {:.2}, cpu {:.2}",
        a.0 / b.0,
        a.2 / b.2
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--stub") {
        run_stub();
        return;
    }
    let chosen: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |section: &str| chosen.is_empty() || chosen.contains(&section);
    println!(
        "client_overhead: ratios come from alternating rounds in one process; load average at start {}",
        load_average()
    );
    if wants("oneshot") {
        bench_oneshot();
    }
    // Pinning is inherited by the processes started after it, so the one-shot
    // commands above ran unpinned.
    let pinned = pin(0);
    if wants("decode") {
        bench_decode();
    }
    if wants("scale") {
        bench_scale();
    }
    if wants("pages") {
        bench_pages();
    }
    if wants("http") {
        bench_http(pinned);
    }
    println!("load average at end {}", load_average());
}
