//! Image data through the generated functions, against `curl` on the same loopback:
//! memory stays flat and throughput stays near curl's. `scripts/bench-transfer`
//! runs it; by hand: `cargo bench --bench transfer`.
//!
//! The functions are those generated from `tests/fixtures/image-data` (shaped
//! like Glance's): `images::file::add` uploads a file of `BENCH_TRANSFER_MIB`
//! MiB (1024) with `Upload::file`; `images::file::get` downloads as much into
//! `tokio::io::sink()`, once as is and once checked against its SHA-512
//! (`Download::verify`, what an image's `os_hash_value` asks for). `curl` does
//! the same PUT (`-T file`) and GET (`-o /dev/null`).
//!
//! Each transfer runs in a process of its own (this binary with `--client`),
//! which reads its resident set just before the call and its peak (`VmHWM`,
//! reset first through `/proc/self/clear_refs`) just after: the growth is what
//! the call itself held. curl's time is its own `time_total`, so neither
//! counts its process's start. The stub is another process (this binary with
//! `--stub`): a thread per connection that discards uploads and serves
//! downloads of the size the image id names, from one 1 MiB buffer. Rounds
//! alternate the order of apiref and curl (`BENCH_ROUNDS`, 3); each figure is
//! the median.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Instant;

use apiref::runtime::{Client, Digest, Upload};
use sha2::Digest as _;

#[path = "support/loopback.rs"]
mod loopback;
#[path = "support/measure.rs"]
#[expect(dead_code, reason = "this bench pins nothing and counts no CPU time")]
mod measure;

use loopback::Stub;
use measure::{load_average, measured_output, median, number};

mod image {
    apiref::generate!("tests/fixtures/image-data");
}

const MIB: u64 = 1024 * 1024;
const TOKEN: &str = "bench:p1:member";

/// The byte pattern every download repeats: one MiB, hashed once per MiB.
fn pattern() -> Vec<u8> {
    (0..MIB as usize).map(|i| (i * 131 % 251) as u8).collect()
}

// ---------------------------------------------------------------------------------
// The stub: `--stub` prints its port, serves until its stdin closes.

fn run_stub() {
    let body = pattern();
    loopback::serve(move |stream, _| serve(stream, &body));
}

/// Serves one keep-alive connection.
fn serve(stream: TcpStream, body: &[u8]) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(MIB as usize, stream.try_clone()?);
    let mut writer = stream;
    let mut sink = vec![0u8; MIB as usize];
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut length = 0u64;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut parts = request_line.split(' ');
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if method == "PUT" {
            let mut left = length;
            while left > 0 {
                let n = reader.read(&mut sink[..left.min(MIB) as usize])?;
                if n == 0 {
                    return Ok(());
                }
                left -= n as u64;
            }
            writer.write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")?;
            continue;
        }
        // GET /v2/images/<bytes>/file: that many bytes.
        let size: u64 = path
            .split('/')
            .nth(3)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        write!(
            writer,
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {size}\r\n\r\n"
        )?;
        let mut left = size;
        while left > 0 {
            let n = left.min(body.len() as u64) as usize;
            writer.write_all(&body[..n])?;
            left -= n as u64;
        }
    }
}

// ---------------------------------------------------------------------------------
// One transfer in this process: `--client up|down|verify URL FILE-OR-SIZE [SHA512]`.

/// A field of /proc/self/status, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

fn run_client(args: &[String]) {
    let (what, url, target) = (&args[0], &args[1], &args[2]);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = Client::builder(url)
        .service(&image::SERVICE)
        .token(TOKEN)
        .build()
        .expect("client");
    // The peak from here on is the call's: clear_refs 5 resets VmHWM to the
    // current resident set (Linux 4.0 on).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kib("VmRSS:");
    let start = Instant::now();
    let bytes = runtime.block_on(async {
        match what.as_str() {
            "up" => {
                let body = Upload::file(target).await.expect("the file");
                let bytes = body.length().unwrap_or(0);
                image::images::file::add(&client, "image", body, &Default::default())
                    .await
                    .expect("uploaded");
                bytes
            }
            _ => {
                let reply = image::images::file::get(&client, target, &Default::default())
                    .await
                    .expect("a reply");
                let mut download = reply.body;
                if let Some(hex) = args.get(3) {
                    download = download.verify(Digest::new("sha512", hex).expect("digest"));
                }
                download
                    .to_writer(&mut tokio::io::sink())
                    .await
                    .expect("downloaded")
            }
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM:");
    println!("{bytes} {seconds} {before} {peak}");
}

// ---------------------------------------------------------------------------------
// The runs.

/// One measured transfer: bytes per second, and the client's resident growth.
struct Run {
    mib_per_s: f64,
    growth_mib: Option<f64>,
    peak_mib: f64,
}

/// Runs `command`, which must exit 0: what it printed, and its peak RSS in MiB.
fn run(command: &mut Command) -> (String, f64) {
    let (process, out) = measured_output(command.stdout(Stdio::piped()));
    (out, process.max_rss_kb as f64 / 1024.0)
}

fn apiref(stub: &Stub, args: &[&str]) -> Run {
    let exe = std::env::current_exe().expect("this binary");
    let mut command = Command::new(exe);
    command
        .arg("--client")
        .args(&args[..1])
        .arg(stub.url())
        .args(&args[1..]);
    let (out, peak_mib) = run(&mut command);
    let fields: Vec<f64> = out
        .split_whitespace()
        .map(|f| f.parse().expect("a number"))
        .collect();
    let [bytes, seconds, before_kib, peak_kib] = fields[..] else {
        panic!("client printed {out:?}");
    };
    Run {
        mib_per_s: bytes / MIB as f64 / seconds,
        growth_mib: Some((peak_kib - before_kib) / 1024.0),
        peak_mib,
    }
}

fn curl(stub: &Stub, upload: Option<&str>, size: u64) -> Run {
    let mut command = Command::new("curl");
    // `Expect:` off: curl would wait a second for a `100 Continue` before any
    // upload body; `-w`: curl's own time for the transfer, not its start-up.
    command
        .args(["-sf", "-o", "/dev/null", "-w", "%{time_total}"])
        .args(["-H", &format!("X-Auth-Token: {TOKEN}"), "-H", "Expect:"]);
    match upload {
        Some(file) => command
            .args(["-T", file])
            .args(["-H", "Content-Type: application/octet-stream"])
            .arg(format!("{}/v2/images/image/file", stub.url())),
        None => command.arg(format!("{}/v2/images/{size}/file", stub.url())),
    };
    let (out, peak_mib) = run(&mut command);
    let seconds: f64 = out.trim().parse().expect("curl's time_total");
    Run {
        mib_per_s: size as f64 / MIB as f64 / seconds,
        growth_mib: None,
        peak_mib,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--stub") {
        return run_stub();
    }
    if args.first().map(String::as_str) == Some("--client") {
        return run_client(&args[1..]);
    }
    let has_curl = Command::new("curl").arg("--version").output().is_ok();
    if !has_curl {
        println!("== transfer: curl is not on this machine; apiref alone");
    }
    let mib = number("BENCH_TRANSFER_MIB", 1024) as u64;
    let rounds = number("BENCH_ROUNDS", 3).max(1);
    let size = mib * MIB;
    let file =
        std::env::temp_dir().join(format!("apiref-bench-transfer-{}.img", std::process::id()));
    let pattern = pattern();
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).expect("the image"));
        for _ in 0..mib {
            out.write_all(&pattern).expect("written");
        }
    }
    let mut hasher = sha2::Sha512::new();
    for _ in 0..mib {
        hasher.update(&pattern);
    }
    let sha512: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stub = Stub::start();
    let path = file.to_str().expect("a UTF-8 temp path");
    let size_text = size.to_string();

    let kinds = ["upload", "download", "download, sha512 checked"];
    let mut ours: Vec<Vec<Run>> = vec![Vec::new(), Vec::new(), Vec::new()];
    let mut theirs: Vec<Vec<Run>> = vec![Vec::new(), Vec::new()];
    for round in 0..rounds {
        let mut measure_ours = || {
            ours[0].push(apiref(&stub, &["up", path]));
            ours[1].push(apiref(&stub, &["down", &size_text]));
            ours[2].push(apiref(&stub, &["down", &size_text, &sha512]));
        };
        let mut measure_curl = || {
            if has_curl {
                theirs[0].push(curl(&stub, Some(path), size));
                theirs[1].push(curl(&stub, None, size));
            }
        };
        if round % 2 == 0 {
            measure_ours();
            measure_curl();
        } else {
            measure_curl();
            measure_ours();
        }
    }
    let _ = std::fs::remove_file(&file);

    println!(
        "== transfer: {mib} MiB over loopback, {rounds} alternating rounds (medians); load {}",
        load_average()
    );
    for (i, kind) in kinds.iter().enumerate() {
        let runs = &ours[i];
        let rate = median(runs.iter().map(|r| r.mib_per_s).collect());
        let growth = runs
            .iter()
            .filter_map(|r| r.growth_mib)
            .fold(f64::MIN, f64::max);
        let peak = median(runs.iter().map(|r| r.peak_mib).collect());
        print!(
            "   apiref {kind:<26} {rate:>7.0} MiB/s  RSS growth at most {growth:>5.1} MiB  (peak RSS {peak:.1} MiB)"
        );
        if let Some(curl_runs) = theirs.get(i.min(1)).filter(|r| !r.is_empty()) {
            let curl_rate = median(curl_runs.iter().map(|r| r.mib_per_s).collect());
            print!("  / curl {:.2}", rate / curl_rate);
        }
        println!();
    }
    for (i, kind) in ["upload", "download"].iter().enumerate() {
        if theirs[i].is_empty() {
            continue;
        }
        let rate = median(theirs[i].iter().map(|r| r.mib_per_s).collect());
        let peak = median(theirs[i].iter().map(|r| r.peak_mib).collect());
        println!("   curl   {kind:<26} {rate:>7.0} MiB/s  (peak RSS {peak:.1} MiB)");
    }
}
