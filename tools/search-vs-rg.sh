#!/bin/sh
# The yardstick for the search benchmark: `rg -i -F WORD` over the same synthetic packs that
# `cargo bench --bench search` searches in memory (same generator, same seed).
#   tools/search-vs-rg.sh [OUT_DIR]      (needs ripgrep and hyperfine: apt-get install ripgrep hyperfine)
set -eu
out=${1:-target/synth}
for n in 60 5000; do
    [ -d "$out/$n" ] || cargo run --quiet --release --example gen_pack -- "$out/$n" --docs "$n"
done
for n in 60 5000; do
    hyperfine --warmup 3 --min-runs 20 -N --ignore-failure \
        "rg -i -F ransomware $out/$n" \
        "rg -i -F 'clinical system' $out/$n" \
        "rg -i -F prescr $out/$n" \
        "rg -i -F apointment $out/$n" \
        "rg -i -F '960 117' $out/$n"
done
