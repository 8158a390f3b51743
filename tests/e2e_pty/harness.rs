//! A program in a pseudo-terminal: keys in, a vt100 screen out.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// Keys as an xterm sends them.
#[allow(dead_code)]
pub mod key {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const SPACE: &str = " ";
    pub const CTRL_C: &str = "\x03";

    /// F1 to F10.
    pub fn f(n: u8) -> &'static str {
        const F: [&str; 10] = [
            "\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", "\x1b[15~", "\x1b[17~", "\x1b[18~", "\x1b[19~",
            "\x1b[20~", "\x1b[21~",
        ];
        F[usize::from(n) - 1]
    }
}

/// The program running in a pty, its output parsed into a screen by a background thread.
pub struct Term {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    reader: JoinHandle<()>,
    /// The pty's settings (termios, as printed: portable-pty does not export its type) before
    /// the program started, to check they are restored.
    cooked: String,
}

impl Term {
    pub fn spawn<V: AsRef<OsStr>>(args: &[&str], env: &[(&str, V)], cols: u16, rows: u16) -> Term {
        let size = PtySize {
            rows,
            cols,
            ..PtySize::default()
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_manualpack"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let cooked = format!("{:?}", pair.master.get_termios());
        let child = pair.slave.spawn_command(cmd).expect("spawn manualpack");
        drop(pair.slave); // so reading gives end of file once the program is gone
        let nonzero = |n: u16| n.try_into().expect("a size above zero");
        let parser = vt100::Parser::new(nonzero(rows), nonzero(cols), 0);
        let parser = Arc::new(Mutex::new(parser));
        let mut from_pty = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&parser);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = from_pty.read(&mut buf) {
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Term {
            master: pair.master,
            writer,
            child,
            parser,
            reader,
            cooked,
        }
    }

    /// Type bytes. After a lone Esc, pause so the next key is not read as Alt+key.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
        if keys == key::ESC {
            thread::sleep(Duration::from_millis(150));
        }
    }

    /// The screen's text, one line per row.
    pub fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let (_, cols) = parser.screen().size();
        parser
            .screen()
            .rows(0, cols.get())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Wait until the screen satisfies `ok`; fail after [`TIMEOUT`] showing the screen.
    #[track_caller]
    pub fn wait_for(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    /// Wait for the program to exit and its last output to be read; kill it after [`TIMEOUT`].
    #[track_caller]
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if start.elapsed() >= TIMEOUT {
                let _ = self.child.kill();
                panic!("manualpack did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(POLL);
        };
        while !self.reader.is_finished() {
            assert!(start.elapsed() < TIMEOUT, "the pty output never ended");
            thread::sleep(POLL);
        }
        status
    }

    /// After exit: main screen, cursor shown, no mouse capture, the pty's settings as before.
    #[track_caller]
    pub fn assert_restored(&self) {
        let (alternate, hidden, mouse) = {
            let parser = self.parser.lock().unwrap();
            let s = parser.screen();
            (
                s.alternate_screen(),
                s.hide_cursor(),
                s.mouse_protocol_mode(),
            )
        };
        assert!(!alternate, "still on the alternate screen");
        assert!(!hidden, "cursor left hidden");
        assert_eq!(
            mouse,
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        let termios = format!("{:?}", self.master.get_termios());
        assert_eq!(
            termios, self.cooked,
            "pty settings not restored (raw mode?)"
        );
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
