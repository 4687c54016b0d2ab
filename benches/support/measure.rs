//! What every bench measures with: settings from the environment, CPU time,
//! pinning to a core, medians, one child process's wall time, CPU, peak RSS and
//! output, and the load average a run's output reports.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

pub fn number(name: &str, default: usize) -> usize {
    match env(name) {
        None => default,
        Some(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
    }
}

/// User plus system CPU time of this process so far.
pub fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_SELF, &mut usage), 0);
        usage
    };
    timeval(usage.ru_utime) + timeval(usage.ru_stime)
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Pins the calling thread (and the threads it starts later) to `cpu`, when the
/// machine has two or more and `BENCH_PIN` is not `0`.
pub fn pin(cpu: usize) -> bool {
    if env("BENCH_PIN").as_deref() == Some("0")
        || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2
    {
        return false;
    }
    // SAFETY: a zeroed cpu_set_t is a valid empty set; sched_setaffinity reads it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0
    }
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// One process run: wall time, CPU time (user + system) and peak RSS in kB.
pub struct Process {
    pub wall: Duration,
    pub cpu: Duration,
    pub max_rss_kb: i64,
}

/// Runs `command` to completion and measures it (wait4). It must exit 0. What it
/// prints is dropped.
pub fn measured(command: &mut Command) -> Process {
    measured_output(command.stdout(Stdio::null())).0
}

/// Runs `command` to completion and measures it (wait4), with what it printed when
/// its stdout is piped. It must exit 0.
pub fn measured_output(command: &mut Command) -> (Process, String) {
    let start = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "wait4 below reaps it, for its rusage"
    )]
    let mut child = command
        .stdin(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_string(&mut out).expect("output");
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 writes the status and usage it is given; `child` is never waited
    // for again (dropping a std Child does not wait).
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::wait4(pid, &mut status, 0, &mut usage), pid);
        usage
    };
    let wall = start.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed: status {status}"
    );
    let process = Process {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss,
    };
    (process, out)
}

/// The 1, 5 and 15 minute load averages (`/proc/loadavg`), so a run's output says
/// how busy the machine was: above ~0.5 on two cores, other processes shared them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_owned(),
        |text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        },
    )
}
