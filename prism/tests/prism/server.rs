//! Finding Prism, and running `prism mock --errors` for one document on
//! 127.0.0.1 until the test ends.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long a document may take to load (the Frontend document takes about
/// 30 s on a busy 2-core machine).
const STARTUP_DEADLINE: Duration = Duration::from_secs(180);

/// The variable that names the `prism` executable.
pub const PRISM_BIN: &str = "CLERK_PRISM_BIN";
/// When set (to anything but `0`), a missing Prism fails the test instead of skipping it.
pub const REQUIRE_PRISM: &str = "CLERK_REQUIRE_PRISM";

/// Where Prism is: `$CLERK_PRISM_BIN`, else where `.ci/run` installs it
/// (`target/prism/` of the workspace).
pub fn find() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(PRISM_BIN).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/prism/node_modules/.bin/prism");
    local.is_file().then_some(local)
}

/// Whether the environment asks for Prism to be there.
pub fn required() -> bool {
    std::env::var(REQUIRE_PRISM).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// One running `prism mock`; killed when dropped.
pub struct Prism {
    pub name: &'static str,
    pub port: u16,
    _child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl Prism {
    /// Starts Prism on `document`, on a port the OS picks (`-p 0`), and
    /// waits for its "Prism is listening on http://127.0.0.1:PORT" line.
    pub async fn start(bin: &Path, name: &'static str, document: &Path) -> Result<Prism, String> {
        let mut child = Command::new(bin)
            .args(["mock", "--errors", "-h", "127.0.0.1", "-p", "0"])
            .arg(document)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        // Prism logs every request: keep reading so that its pipe never fills.
        tokio::spawn(drain(stdout, Arc::clone(&log), Some(ready_tx)));
        tokio::spawn(drain(stderr, Arc::clone(&log), None));
        let outcome = tokio::time::timeout(STARTUP_DEADLINE, ready_rx).await;
        let mut prism = Prism {
            name,
            port: 0,
            _child: child,
            log,
        };
        match outcome {
            Ok(Ok(port)) => {
                prism.port = port;
                Ok(prism)
            }
            Ok(Err(_)) => Err(format!(
                "Prism ({name}) exited before listening; its output:\n{}",
                prism.log_tail(40)
            )),
            Err(_) => Err(format!(
                "Prism ({name}) was not listening after {STARTUP_DEADLINE:?}; its output:\n{}",
                prism.log_tail(40)
            )),
        }
    }

    /// The last `n` lines Prism printed.
    pub fn log_tail(&self, n: usize) -> String {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        let start = log.len().saturating_sub(n);
        log[start..].join("\n")
    }
}

/// Reads lines into `log`; sends the port of Prism's "listening" line to
/// `ready` (dropping it unsent at the end of output tells the waiter Prism
/// exited).
async fn drain(
    stream: impl tokio::io::AsyncRead + Unpin,
    log: Arc<Mutex<Vec<String>>>,
    mut ready: Option<tokio::sync::oneshot::Sender<u16>>,
) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(port) = listening_port(&line)
            && let Some(ready) = ready.take()
        {
            let _ = ready.send(port);
        }
        log.lock().unwrap_or_else(|e| e.into_inner()).push(line);
    }
}

/// The port of `… Prism is listening on http://127.0.0.1:PORT`.
fn listening_port(line: &str) -> Option<u16> {
    let (_, url) = line.split_once("Prism is listening on http://127.0.0.1:")?;
    let digits: String = url.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::listening_port;

    #[test]
    fn the_port_is_read_from_prisms_listening_line() {
        let line = "[3:11:27 AM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:45135";
        assert_eq!(listening_port(line), Some(45135));
        assert_eq!(
            listening_port("[CLI] info GET http://127.0.0.1:46539/platform"),
            None
        );
    }
}
