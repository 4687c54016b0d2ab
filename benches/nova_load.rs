//! Update Server under load against a real Nova: the generated client next to a
//! plain reqwest loop sending the same requests (same concurrency, same keep-alive
//! pool, same headers and body), so the difference is what apiref adds.
//!
//! `scripts/bench-nova` starts the Nova harness and runs this; by hand:
//! `APIREF_NOVA_URL=.. APIREF_NOVA_PROJECT=.. APIREF_NOVA_SERVER=.. APIREF_NOVA_TOKEN=..
//! cargo bench --bench nova_load`. `NOVA_LOAD_REQUESTS` (default 400),
//! `NOVA_LOAD_TASKS` (default 8) and `NOVA_LOAD_ROUNDS` (default 3) tune it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use apiref::runtime::{Client, Microversion, Version};

mod compute {
    apiref::generate!("spec/compute");
}
use compute::update_server;

const MICROVERSION: Version = Version::new(2, 104);

struct Config {
    url: String,
    project: String,
    server: String,
    token: String,
    requests: usize,
    tasks: usize,
    rounds: usize,
}

struct Run {
    wall: Duration,
    latencies: Vec<Duration>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn number(name: &str, default: usize) -> usize {
    match env(name) {
        None => default,
        Some(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
    }
}

fn config() -> Option<Config> {
    let Some(url) = env("APIREF_NOVA_URL") else {
        println!("skipping: APIREF_NOVA_URL is not set (scripts/bench-nova sets it)");
        return None;
    };
    let required = |name: &str| env(name).unwrap_or_else(|| panic!("{name} is not set"));
    Some(Config {
        url,
        project: required("APIREF_NOVA_PROJECT"),
        server: required("APIREF_NOVA_SERVER"),
        token: required("APIREF_NOVA_TOKEN"),
        requests: number("NOVA_LOAD_REQUESTS", 400),
        tasks: number("NOVA_LOAD_TASKS", 8).max(1),
        rounds: number("NOVA_LOAD_ROUNDS", 3).max(1),
    })
}

fn body(task: usize, i: usize) -> update_server::Request {
    let mut body = update_server::Request::default();
    body.server.name = Some(format!("bench-{task}-{i}"));
    body
}

/// `tasks` tasks share `client`, `requests` calls in all; every one must succeed.
async fn apiref_run(config: &Arc<Config>, client: &Client, requests: usize) -> Run {
    let start = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for task in 0..config.tasks {
        let (config, client) = (config.clone(), client.clone());
        let count = requests / config.tasks + usize::from(task < requests % config.tasks);
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(count);
            for i in 0..count {
                let body = body(task, i);
                let t = Instant::now();
                let reply = compute::update_server(&client, &config.project, &config.server, &body)
                    .microversion(Microversion::Exact(MICROVERSION))
                    .await
                    .unwrap_or_else(|e| panic!("apiref update: {e}"));
                latencies.push(t.elapsed());
                assert_eq!(reply.body.server.name, body.server.name);
            }
            latencies
        });
    }
    collect(start, set).await
}

/// The same requests with reqwest alone: bytes in, status checked, body read.
async fn reqwest_run(config: &Arc<Config>, http: &reqwest::Client, requests: usize) -> Run {
    let url = format!(
        "{}/v2.1/{}/servers/{}",
        Client::builder(&config.url)
            .build()
            .expect("endpoint")
            .endpoint()
            .root(),
        config.project,
        config.server
    );
    let start = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for task in 0..config.tasks {
        let (config, http, url) = (config.clone(), http.clone(), url.clone());
        let count = requests / config.tasks + usize::from(task < requests % config.tasks);
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(count);
            for i in 0..count {
                let bytes = serde_json::to_vec(&body(task, i)).expect("body");
                let t = Instant::now();
                let reply = http
                    .put(&url)
                    .header("accept", "application/json")
                    .header("content-type", "application/json")
                    .header("x-auth-token", &config.token)
                    .header("openstack-api-version", format!("compute {MICROVERSION}"))
                    .body(bytes)
                    .send()
                    .await
                    .expect("reqwest send");
                let status = reply.status();
                let body = reply.bytes().await.expect("reqwest body");
                latencies.push(t.elapsed());
                assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
            }
            latencies
        });
    }
    collect(start, set).await
}

async fn collect(start: Instant, mut set: tokio::task::JoinSet<Vec<Duration>>) -> Run {
    let mut latencies = Vec::new();
    while let Some(task) = set.join_next().await {
        latencies.extend(task.expect("task"));
    }
    latencies.sort();
    Run {
        wall: start.elapsed(),
        latencies,
    }
}

impl Run {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> f64 {
        let last = self.latencies.len().saturating_sub(1);
        let index = ((last as f64) * p).round() as usize;
        self.latencies
            .get(index)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    }

    fn line(&self, who: &str) -> String {
        format!(
            "{who:<8} {:>5} req  {:>7.1} req/s  p50 {:>6.1} ms  p99 {:>6.1} ms",
            self.latencies.len(),
            self.per_second(),
            self.percentile(0.50),
            self.percentile(0.99)
        )
    }
}

fn main() {
    let Some(config) = config() else { return };
    let config = Arc::new(config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let client = Client::builder(&config.url)
            .token(&config.token)
            .build()
            .expect("client");
        let http = reqwest::Client::builder().build().expect("reqwest client");
        // Warm up both pools (connections, Nova's caches) before measuring.
        apiref_run(&config, &client, config.tasks * 5).await;
        reqwest_run(&config, &http, config.tasks * 5).await;

        println!(
            "Update Server at {MICROVERSION}, {} requests per run, {} tasks, {} rounds (alternating)",
            config.requests, config.tasks, config.rounds
        );
        let (mut ours, mut plain) = (Vec::new(), Vec::new());
        for round in 1..=config.rounds {
            let a = apiref_run(&config, &client, config.requests).await;
            let b = reqwest_run(&config, &http, config.requests).await;
            println!("round {round}: {}", a.line("apiref"));
            println!("round {round}: {}", b.line("reqwest"));
            ours.push(a);
            plain.push(b);
        }
        let merge = |runs: Vec<Run>| {
            let wall = runs.iter().map(|r| r.wall).sum();
            let mut latencies: Vec<Duration> =
                runs.into_iter().flat_map(|r| r.latencies).collect();
            latencies.sort();
            Run { wall, latencies }
        };
        let (ours, plain) = (merge(ours), merge(plain));
        println!("all:     {}", ours.line("apiref"));
        println!("all:     {}", plain.line("reqwest"));
        println!(
            "apiref / reqwest: throughput {:.3}, p50 {:.3}, p99 {:.3}",
            ours.per_second() / plain.per_second(),
            ours.percentile(0.50) / plain.percentile(0.50),
            ours.percentile(0.99) / plain.percentile(0.99)
        );
    });
}
