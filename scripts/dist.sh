#!/usr/bin/env bash
# Builds the release binaries a stick carries, into dist/:
#   dist/manualpack.exe              Windows x86-64 (x86_64-pc-windows-gnu, needs only system DLLs)
#   dist/manualpack-linux-x86_64     Linux x86-64, static (x86_64-unknown-linux-musl)
#   dist/manualpack-macos-aarch64    macOS, only when cargo-zigbuild is installed
#   dist/manualpack-macos-x86_64
# Then: manualpack stick build E:\ --bin-dir dist --key manualpack.key
#
# Needs (Debian): apt-get install -y gcc-mingw-w64-x86-64
#                 rustup target add x86_64-pc-windows-gnu x86_64-unknown-linux-musl
# musl-tools is not needed: no dependency compiles C code, and Rust's musl target brings its own
# C runtime. macOS: pip install ziglang && cargo install --locked cargo-zigbuild.
# Set DIST_INSTALL=1 to install the Debian package and rustup targets first (idempotent).
# Usage: scripts/dist.sh [OUT_DIR]   (default: dist)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
target_dir=${CARGO_TARGET_DIR:-target}

if [ "${DIST_INSTALL:-0}" = 1 ]; then
  command -v x86_64-w64-mingw32-gcc >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64
  }
  rustup target add x86_64-pc-windows-gnu x86_64-unknown-linux-musl
fi

mkdir -p "$out"
size() { stat -c %s "$1" 2>/dev/null || stat -f %z "$1"; }
report() { printf '  %-32s %8d KiB  built in %ss\n' "$1" $(( $(size "$1") / 1024 )) "$2"; }

build() { # target, source file name, destination name, cargo subcommand
  local target=$1 file=$2 name=$3 cmd=${4:-build} start=$SECONDS
  echo "== $target"
  cargo "$cmd" --release --locked --target "$target" --bin manualpack
  cp "$target_dir/$target/release/$file" "$out/$name"
  report "$out/$name" $(( SECONDS - start ))
}

build x86_64-pc-windows-gnu manualpack.exe manualpack.exe
build x86_64-unknown-linux-musl manualpack manualpack-linux-x86_64

if command -v cargo-zigbuild >/dev/null 2>&1; then
  rustup target add aarch64-apple-darwin x86_64-apple-darwin
  MACOSX_DEPLOYMENT_TARGET=11.0 build aarch64-apple-darwin manualpack manualpack-macos-aarch64 zigbuild
  MACOSX_DEPLOYMENT_TARGET=10.12 build x86_64-apple-darwin manualpack manualpack-macos-x86_64 zigbuild
else
  echo "== macOS skipped: cargo-zigbuild is not installed (pip install ziglang; cargo install --locked cargo-zigbuild)"
fi

echo "== dist:"
for f in "$out"/manualpack*; do
  printf '  %-32s %8d KiB\n' "$f" $(( $(size "$f") / 1024 ))
done
