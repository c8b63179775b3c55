#!/usr/bin/env bash
# Runs every fuzz target in turn, SECONDS seconds each (default 600), one at a time.
# Usage, from the repository root: fuzz/run_all.sh [SECONDS] [TARGET...]
# Inputs are capped at 16 KiB (-max_len): seeds larger than that are cut.
# Needs the nightly toolchain and cargo-fuzz; seed first with fuzz/seed_corpus.py.
# A crash does not stop a run (-fork=1 -ignore_crashes=1): every crashing input is
# saved under fuzz/artifacts/TARGET/ and the run goes on. Logs go to fuzz/logs/.
set -u
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(sidecar journal config import_spacy import_brat import_doccano
        import_labelstudio import_prodigy import_w3c import_cluener import_conll
        import_conllu)
fi
cargo +nightly fuzz build -O || exit 1
mkdir -p logs target/fork-tmp
# Fork mode keeps its work files in TMPDIR: here, where no cleaning of /tmp reaches them.
export TMPDIR="$PWD/target/fork-tmp"
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    echo "$target: started $(date -u +%FT%TZ)" >> logs/runs.txt
    nice -n 10 "target/x86_64-unknown-linux-gnu/release/$target" "corpus/$target" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
        -fork=1 -ignore_crashes=1 -artifact_prefix="artifacts/$target/" \
        > "logs/$target.log" 2>&1
    status=$?
    echo "$target: ended $(date -u +%FT%TZ), exit $status" >> logs/runs.txt
done
