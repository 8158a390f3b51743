#!/bin/sh
# Whole-process figures for docs/performance.md, each beside its floor, in the same run:
# `manualpack list` and reading every file; `manualpack search` on a built stick, in the cache,
# and with nothing ready, against `rg -i -F`; `manualpack show` of 1 MB and 10 MB documents;
# the reader's peak memory on the 5,000-document pack (in tmux, after everything has loaded).
#   tools/scale.sh [OUT_DIR]     (needs hyperfine, ripgrep, tmux and GNU time)
set -eu
out=${1:-target/synth}
bin=target/release/manualpack
cargo build --quiet --release --bin manualpack --example gen_pack
[ -d "$out/5000" ] || target/release/examples/gen_pack "$out/5000" --docs 5000
[ -d "$out/icb" ] || target/release/examples/gen_pack "$out/icb" --docs 50 --packs 100
export MANUALPACK_CACHE_DIR="$out/cache"

echo "== list, warm (floor: cat every file)"
hyperfine --warmup 3 --min-runs 10 -N \
    "$bin list $out/5000" "$bin list $out/icb" \
    "sh -c 'cat $out/5000/*/*.md > /dev/null'"

echo "== stick of the 5,000-document pack (index built and signed by stick build)"
if [ ! -d "$out/stick" ]; then
    $bin keygen --no-password -o "$out/key" > /dev/null
    $bin stick build "$out/stick" --packs "$out/5000" --key "$out/key/manualpack.key" > /dev/null
fi
packs="$out/stick/manualpack/packs"
rm -rf "$out/cache"
echo "== search: stick index / cache / nothing ready, against rg -i -F over the same Markdown"
hyperfine --warmup 3 --min-runs 10 -N --ignore-failure \
    "$bin search ransomware $packs" \
    "rg -i -F ransomware $packs" \
    "$bin search ransomware $out/5000" \
    "rg -i -F ransomware $out/5000"
hyperfine --runs 3 -N --ignore-failure --prepare "rm -rf $out/cache" "$bin search ransomware $out/5000"

echo "== show: 1 MB and 10 MB documents (peak memory from GNU time)"
for mb in 1 10; do
    d="$out/show-$mb"
    if [ ! -d "$d" ]; then
        mkdir -p "$d/procedures"
        cp packs/example-riverside/pack.toml packs/example-riverside/contacts.toml "$d/"
        cargo run --quiet --release --example model_bytes -- "$mb" --write "$d/procedures/big.md" > /dev/null
    fi
    hyperfine --warmup 2 --min-runs 5 -N "$bin show big $d --width 100"
    /usr/bin/time -f "show $mb MB: peak %M KB" $bin show big "$d" --width 100 > /dev/null
done

echo "== the reader's peak memory on 5,000 documents, once everything has loaded"
tmux kill-session -t scale 2>/dev/null || true
rm -rf "$out/cache"
tmux new -d -s scale -x 80 -y 24 "$bin $out/5000"
sleep 5
pid=$(pgrep -n -f "$bin $out/5000")
grep VmHWM "/proc/$pid/status"
tmux kill-session -t scale
du -sb "$out/5000" | awk '{printf "Markdown: %d bytes\n", $1}'
