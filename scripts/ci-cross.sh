#!/usr/bin/env bash
# What CI runs on every run, so the per-OS builds never rot:
#   1. build manualpack for Windows (x86_64-pc-windows-gnu) and static Linux (x86_64-unknown-linux-musl);
#   2. smoke-test the Windows build under Wine: --version, list, show, check (when the build has
#      it), search, print --binder (a PDF), html (index.html), keygen + stick build + refresh +
#      stick verify (Windows file renames, for real), a refused downgrade that leaves the stick
#      as it was, a changed file named by verify, and (with SMOKE_PLACEHOLDER=1) a freshly
#      `init`ed pack refused by stick build;
#   3. run the static Linux build the same way.
# Installs its own Debian packages and rustup targets (idempotent). Wine 8 lacks
# bcryptprimitives.dll, so a test-only stub from $SHARED/tools/wine-stub is put beside a COPY of
# the .exe in a scratch folder; it never goes near dist/ or a stick.
# Env: SHARED (default ../shared), CI_CROSS_PROFILE=debug|release (default debug: see timings below),
#      CARGO_TARGET_DIR (default target), SMOKE_PLACEHOLDER=0|1 (default 0: see smoke()).
# Usage: scripts/ci-cross.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
shared=$(cd "${SHARED:-../shared}" && pwd)
profile=${CI_CROSS_PROFILE:-debug}
smoke_placeholder=${SMOKE_PLACEHOLDER:-0}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
case "$target_dir" in /*) ;; *) target_dir=$repo/$target_dir ;; esac
step_start=$SECONDS
phase() { echo "== [$(( SECONDS - step_start ))s] $*"; }

phase "install: Debian packages and rustup targets (only what is missing)"
missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || missing+=(wine wine64)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
installed=$(rustup target list --installed)
for t in x86_64-pc-windows-gnu x86_64-unknown-linux-musl; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done

flag=(); [ "$profile" = release ] && flag=(--release)
for t in x86_64-pc-windows-gnu x86_64-unknown-linux-musl; do
  phase "build $t ($profile)"
  cargo build --locked "${flag[@]}" --target "$t" --bin manualpack
done
exe=$target_dir/x86_64-pc-windows-gnu/$profile/manualpack.exe
linux=$target_dir/x86_64-unknown-linux-musl/$profile/manualpack

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/win"
cp "$exe" "$scratch/win/manualpack.exe"
phase "wine stub (test-only, in $scratch/win only)"
bash "$shared/tools/wine-stub/build.sh" "$scratch/win" >/dev/null

export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEPREFIX=${WINEPREFIX:-$target_dir/wine-prefix}
mkdir -p "$WINEPREFIX"
phase "wineboot (first run makes the prefix)"
wineboot -i >/dev/null 2>&1 || true

fail() { echo "ci-cross: FAILED: $*" >&2; exit 1; }
# expect NAME TEXT CMD...: run CMD, show its output, require TEXT in it and exit 0
expect() {
  local name=$1 text=$2; shift 2
  local out status=0
  out=$("$@" 2>&1) || status=$?
  if [ "$status" -ne 0 ]; then
    printf '%s\n' "$out"
    fail "$name exited $status"
  fi
  head -n 5 <<<"$out"
  grep -qF -- "$text" <<<"$out" || fail "$name: output lacks '$text'"
}
# refuse NAME CODE TEXT CMD...: run CMD, require exit status CODE and TEXT in its output (any case)
refuse() {
  local name=$1 code=$2 text=$3; shift 3
  local out status=0
  out=$("$@" 2>&1) || status=$?
  if [ "$status" -ne "$code" ]; then
    printf '%s\n' "$out"
    fail "$name exited $status, not $code"
  fi
  head -n 5 <<<"$out"
  grep -qiF -- "$text" <<<"$out" || fail "$name: output lacks '$text'"
}

smoke() { # label, runner...
  local label=$1; shift
  local run=("$@") keys=$scratch/$label-keys stick=$scratch/$label-stick bins=$scratch/$label-bins
  phase "$label: --version, list, show, check, search"
  expect "$label --version" "manualpack " "${run[@]}" --version
  expect "$label list" "Riverside Surgery" "${run[@]}" list packs
  expect "$label show" "Phones" "${run[@]}" show phones-down packs --width 80
  if "${run[@]}" --help 2>&1 | grep -qE '^ +check '; then
    expect "$label check" "" "${run[@]}" check packs
  else
    echo "   (this build has no check command yet: skipped)"
  fi
  expect "$label search" "example-riverside/cyber-attack" "${run[@]}" search ransomware packs --limit 3

  phase "$label: print --binder, html"
  local binder=$scratch/$label-binder.pdf site=$scratch/$label-html
  expect "$label print --binder" "Wrote" "${run[@]}" print --binder --path packs -o "$binder"
  [ "$(head -c 5 "$binder" 2>/dev/null)" = "%PDF-" ] || fail "$label print --binder: $binder is not a PDF"
  expect "$label html" "index.html" "${run[@]}" html packs -o "$site"
  [ -s "$site/index.html" ] || fail "$label html: no index.html in $site"

  phase "$label: keygen, stick build, refresh, refused downgrade, stick verify"
  mkdir -p "$bins"
  printf 'MZ stand-in\n' >"$bins/manualpack.exe"
  expect "$label keygen" "WITHOUT a password" "${run[@]}" keygen --no-password -o "$keys"
  expect "$label stick build" "pack example-riverside" "${run[@]}" stick build "$stick" --packs packs --bin-dir "$bins" --key "$keys/manualpack.key"
  expect "$label stick refresh" "pack example-riverside" "${run[@]}" stick build "$stick" --packs packs --bin-dir "$bins" --key "$keys/manualpack.key"
  # the same pack one version lower: refused, and the stick keeps what it had (verify below)
  local older=$scratch/$label-older version
  cp -R packs "$older"
  version=$(sed -n 's/^version = \([0-9][0-9]*\)$/\1/p' "$older/example-riverside/pack.toml")
  [ "${version:-0}" -ge 2 ] || fail "$label: the example pack's version ('$version') cannot be lowered"
  sed -i "s/^version = $version\$/version = $(( version - 1 ))/" "$older/example-riverside/pack.toml"
  refuse "$label stick build (downgrade)" 1 "downgrade" "${run[@]}" stick build "$stick" --packs "$older" --bin-dir "$bins" --key "$keys/manualpack.key"
  expect "$label stick verify" "OK: every file matches" "${run[@]}" stick verify "$stick" --pubkey "$keys/manualpack.pub"
  grep -qF "example-riverside v$version" <<<"$("${run[@]}" stick verify "$stick" --pubkey "$keys/manualpack.pub" 2>&1)" \
    || fail "$label: after the refused downgrade the stick no longer holds version $version"
  printf 'x' >>"$stick/manualpack/packs/example-riverside/procedures/phones-down.md"
  if out=$("${run[@]}" stick verify "$stick" --pubkey "$keys/manualpack.pub" 2>&1); then
    fail "$label: verify passed a changed stick"
  fi
  grep -qF "changed since it was signed: packs/example-riverside/procedures/phones-down.md" <<<"$out" \
    || { printf '%s\n' "$out"; fail "$label: verify did not name the changed file"; }

  # TODO(lead engineer, issue 14 point 1): set SMOKE_PLACEHOLDER=1 by default once `stick build`
  # refuses a pack that fails `check` (being built in parallel on the lead's branch); until then
  # this step fails, because stick build signs a freshly `init`ed pack, placeholders and all.
  if [ "$smoke_placeholder" = 1 ]; then
    phase "$label: stick build refuses a freshly init'ed pack (placeholders)"
    local fresh=$scratch/$label-fresh
    expect "$label init" "manualpack check" "${run[@]}" init "$fresh/test-surgery" --name "Test Surgery"
    refuse "$label stick build (placeholders)" 1 "contacts.toml" "${run[@]}" stick build "$scratch/$label-fresh-stick" --packs "$fresh" --bin-dir "$bins" --key "$keys/manualpack.key"
    [ ! -e "$scratch/$label-fresh-stick/manualpack" ] || fail "$label: a stick was written from a placeholder pack"
  else
    echo "   (SMOKE_PLACEHOLDER=0: the refused placeholder pack step is off; see the TODO in smoke())"
  fi
}

smoke windows wine "$scratch/win/manualpack.exe"
smoke linux "$linux"
phase "done: Windows and Linux builds pass their smoke tests"
