//! The launcher texts written onto a stick: `START HERE.txt`, `manualpack.bat` and
//! `start-linux.sh` inside the content folder, and three small ones at the top of the stick that
//! pass on to them (and, during the split second of a switch, to the previous content).

/// The `.bat` inside the content folder: UTF-8 code page, a readable window, the packs beside it.
pub const WINDOWS_BAT: &str = "@echo off\r
rem Starts manualpack from this stick. Double-click it, or type its name in a Command Prompt.\r
chcp 65001 >nul\r
mode con cols=100 lines=35\r
title manualpack\r
cd /d \"%~dp0\"\r
\"%~dp0manualpack.exe\" \"%~dp0packs\" %*\r
if errorlevel 1 (\r
  echo.\r
  echo manualpack could not start or stopped with an error. See START HERE.txt.\r
  pause\r
)\r
";

/// The Linux launcher: copies the program off the stick, so it runs even when the stick is
/// mounted without permission to run programs (`noexec`), and reads the packs on the stick.
pub const LINUX_SH: &str = r#"#!/bin/sh
# Starts manualpack from this stick on Linux. Run it with: sh start-linux.sh
# The stick is often mounted without permission to run programs, so the program is copied to a
# private temporary folder first and run from there; the packs are read from the stick.
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/manualpack-linux-x86_64"
if [ ! -f "$bin" ]; then
  echo "The Linux program is not on this stick. See START HERE.txt." >&2
  exit 1
fi
for base in "${XDG_RUNTIME_DIR:-}" "${TMPDIR:-/tmp}" /tmp /dev/shm "$HOME"; do
  [ -n "$base" ] && [ -d "$base" ] && [ -w "$base" ] || continue
  tmp=$(mktemp -d "$base/manualpack.XXXXXX" 2>/dev/null) || continue
  if cp "$bin" "$tmp/manualpack" && chmod 700 "$tmp/manualpack" && "$tmp/manualpack" --version >/dev/null 2>&1; then
    "$tmp/manualpack" "$here/packs" "$@"
    status=$?
    rm -rf "$tmp"
    exit $status
  fi
  rm -rf "$tmp"
done
echo "manualpack could not be started from any temporary folder. See START HERE.txt." >&2
exit 1
"#;

/// Plain words for whoever finds the stick.
pub const START_HERE: &str = "\
MANUALPACK: WHAT TO DO WHEN THE COMPUTER SYSTEMS ARE DOWN
=========================================================

This stick holds your practice's procedures, paper forms and contact numbers for when the
phones, the clinical system, the internet or the power are not working.

ON A WINDOWS PC
  1. Open this stick in File Explorer.
  2. Double-click manualpack.bat (it may show as \"manualpack\" with a gear icon).
  3. A black window opens. Use the arrow keys and Enter to choose; q goes back; ? shows help.
  If Windows asks whether to run it, choose \"More info\" then \"Run anyway\" only if this stick
  came from your practice's IT.

ON A LINUX PC
  Open a terminal in this stick's folder and type:   sh start-linux.sh

IF PROGRAMS ARE BLOCKED (a message says the program is blocked by your organisation)
  - Open the print folder, if there is one: it holds every procedure, form and contact
    sheet as PDF files to read or print.
  - Open the html folder, if there is one: double-click index.html to read everything in a
    web browser.
  - The procedures are also plain text files you can open in Notepad:
    manualpack\\packs\\<your practice>\\procedures\\

IF NO COMPUTER WORKS
  Use the printed binder kept with this stick (the paper copy of the same procedures and
  forms). The first page of every procedure says who to call. Keep a paper log of what you
  do, with times, so it can be entered into the system later.

IS THIS STICK UP TO DATE AND UNCHANGED?
  The program shows it at the top of the screen: when the stick was made, when it must be
  refreshed, and a red line if anything on it was changed since IT made it. If you see a red
  line, tell IT, but keep using the procedures until they answer: they are still your best guide.
";

/// Top-of-stick `.bat`: passes on to the content folder's launcher.
pub const TOP_BAT: &str = "@echo off\r
rem Starts manualpack: the program and the packs are in the manualpack folder.\r
if exist \"%~dp0manualpack\\manualpack.bat\" (\r
  call \"%~dp0manualpack\\manualpack.bat\" %*\r
) else if exist \"%~dp0.manualpack-old\\manualpack.bat\" (\r
  call \"%~dp0.manualpack-old\\manualpack.bat\" %*\r
) else (\r
  echo The manualpack folder is missing from this stick. See START HERE.txt.\r
  pause\r
)\r
";

/// Top-of-stick Linux launcher.
pub const TOP_SH: &str = r#"#!/bin/sh
# Starts manualpack: the program and the packs are in the manualpack folder. Run: sh start-linux.sh
here=$(cd "$(dirname "$0")" && pwd)
for dir in "$here/manualpack" "$here/.manualpack-old"; do
  if [ -f "$dir/start-linux.sh" ]; then
    exec sh "$dir/start-linux.sh" "$@"
  fi
done
echo "The manualpack folder is missing from this stick. See START HERE.txt." >&2
exit 1
"#;

/// The launchers at the top of the stick, outside the swapped folder: (name, text).
pub fn top_level() -> [(&'static str, String); 3] {
    [
        ("START HERE.txt", start_here_top()),
        ("manualpack.bat", TOP_BAT.to_string()),
        ("start-linux.sh", TOP_SH.to_string()),
    ]
}

fn start_here_top() -> String {
    START_HERE.replace("\n", "\r\n")
}

/// The launchers inside the content folder: (path, text).
pub fn in_content() -> [(&'static str, String); 3] {
    [
        ("START HERE.txt", start_here_top()),
        ("manualpack.bat", WINDOWS_BAT.to_string()),
        ("start-linux.sh", LINUX_SH.to_string()),
    ]
}
