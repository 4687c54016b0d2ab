//! A loopback stub in a child process: the bench binary re-run with `--stub` serves
//! on a port it prints, and exits when its stdin closes, so it never outlives the
//! bench that started it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

/// The `--stub` side: binds a loopback port, prints it, and answers each connection
/// on a thread of its own with `answer(connection, port)` until stdin closes.
pub fn serve<F>(answer: F)
where
    F: Fn(TcpStream, u16) -> std::io::Result<()> + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("local address").port();
    println!("{port}");
    std::io::stdout().flush().expect("stdout");
    std::thread::spawn(|| {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        std::process::exit(0);
    });
    let answer = Arc::new(answer);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let answer = answer.clone();
        std::thread::spawn(move || {
            let _ = answer(stream, port);
        });
    }
}

/// The bench's side: the stub child process, which exits when this handle is
/// dropped (its stdin closes).
pub struct Stub {
    child: Child,
    port: u16,
}

impl Stub {
    pub fn start() -> Stub {
        let exe = std::env::current_exe().expect("current exe");
        let mut child = Command::new(exe)
            .arg("--stub")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the stub");
        let stdout = child.stdout.take().expect("stub stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("stub port");
        let port = line.trim().parse().expect("the stub prints its port");
        Stub { child, port }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
