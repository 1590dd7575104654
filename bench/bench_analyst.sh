#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 15: the analyst's Python pipeline (bench/analyst_peer.py: prometheus_client -> pandas -> to_sql ->
# matplotlib) against CapAudit's verify + import + allocation chart, on the same kube-state-metrics / dcgm-exporter
# dump, both in one run, ROUNDS times; prints medians of wall time and peak RSS and the ratios.
# Needs python3-pandas python3-matplotlib python3-prometheus-client (Debian) and a built capaudit-cli.
# Usage: bench/bench_analyst.sh [BUILD_DIR=build] [DAYS=7] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
DAYS=${2:-7}
ROUNDS=${3:-3}
CLI="$BUILD/app/cli/capaudit-cli"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$CLI" demo --out "$WORK/demo" --providers 2 --days "$DAYS" --faults none -q
# Provider B (the second) reports in kube-state-metrics / dcgm-exporter text.
bundle=$(ls -d "$WORK"/demo/bundles/provider-b-telemetry-* | head -n 1)
attestation=$(ls -d "$WORK"/demo/bundles/provider-b-attestation-* | head -n 1)
mkdir -p "$WORK/files"
if [ -d "$bundle" ]; then cp -r "$bundle/." "$WORK/files/"; else tar -xzf "$bundle" -C "$WORK/files"; fi
# The dump is the two exporters' files: the peer reads them from disk. CapAudit gets the same files in a bundle signed
# with provider B's key, a directory as they lie on disk (its statement is the demo's, without the third payload:
# the recording-rule file that prometheus_client refuses, since a gauge whose name ends in _total "clashes"). The
# demo's own bundle (a .tar.gz, three payloads) is measured beside it: more bytes, and an archive to unpack.
files="$WORK/files/data/kube-state-metrics.om $WORK/files/data/dcgm-exporter.prom"
python3 - "$WORK/files/envelope.dsse.json" >"$WORK/predicate.json" <<'PY'
import base64, json, sys
predicate = json.loads(base64.b64decode(json.load(open(sys.argv[1]))["payload"]))["predicate"]
predicate["payloads"] = [p for p in predicate["payloads"] if p["path"] in ("data/kube-state-metrics.om", "data/dcgm-exporter.prom")]
json.dump(predicate, sys.stdout)
PY
dump="$WORK/dump-bundle"
"$CLI" bundle create --out "$dump" --kind telemetry --key "$WORK/demo/pki/provider-b-signer.key.pem" \
    --cert "$WORK/demo/pki/provider-b-signer-chain.pem" --predicate "$WORK/predicate.json" $files >/dev/null
bytes=$(cat $files | wc -c)
echo "dump: $(echo $files | wc -w) files, $((bytes / 1000000)) MB ($(basename -a $files | tr '\n' ' '))"

timed() { # prints "WALL_SECONDS PEAK_KB" of the command
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
    cat "$WORK/time"
}
capaudit() { # BUNDLE
    rm -f "$WORK/case.capcase" "$WORK/case.capcase-wal" "$WORK/case.capcase-shm"
    read -r w1 m1 < <(timed "$CLI" case init "$WORK/case.capcase" --trust "$WORK/demo/trust")
    read -r w2 m2 < <(timed "$CLI" import "$WORK/case.capcase" "$1" "$attestation")
    read -r w3 m3 < <(timed "$CLI" report "$WORK/case.capcase" --out "$WORK/allocation.pdf" --sections allocation)
    echo "$(echo "$w1 + $w2 + $w3" | bc) $(printf '%s\n' "$m1" "$m2" "$m3" | sort -n | tail -n 1) $w1 $w2 $w3"
}
peer() {
    timed /usr/bin/python3 bench/analyst_peer.py "$WORK/peer" $files
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

: >"$WORK/c" ; : >"$WORK/d" ; : >"$WORK/p"
for r in $(seq "$ROUNDS"); do
    capaudit "$bundle" >>"$WORK/d"
    capaudit "$dump" >>"$WORK/c"
    peer >>"$WORK/p"
done
cw=$(cut -d' ' -f1 "$WORK/c" | median); cm=$(cut -d' ' -f2 "$WORK/c" | median)
pw=$(cut -d' ' -f1 "$WORK/p" | median); pm=$(cut -d' ' -f2 "$WORK/p" | median)
samples=$(sqlite3 "$WORK/case.capcase" "SELECT coalesce(sum(last_seq - first_seq + 1), 0) FROM sample_blocks" \
    2>/dev/null || echo "?")
phases="init $(cut -d' ' -f3 "$WORK/c" | median) s, import $(cut -d' ' -f4 "$WORK/c" | median) s, report $(cut -d' ' -f5 "$WORK/c" | median) s"
echo "CapAudit verify + import + allocation chart: ${cw} s wall ($phases), peak RSS $((cm / 1024)) MiB" \
    "($samples samples stored)"
echo "  the demo's own bundle (.tar.gz, three payloads, $(($(tar -xzOf "$bundle" 2>/dev/null | wc -c) / 1000000)) MB):" \
    "$(cut -d' ' -f1 "$WORK/d" | median) s wall, peak RSS $(($(cut -d' ' -f2 "$WORK/d" | median) / 1024)) MiB"
echo "analyst pipeline (prometheus_client, pandas, to_sql, matplotlib): ${pw} s wall, peak RSS $((pm / 1024)) MiB"
echo "ratio: the analyst pipeline takes $(echo "scale=1; $pw / $cw" | bc)x CapAudit's time (goal >= 10x);" \
    "CapAudit uses $(echo "scale=2; $cm / $pm" | bc)x its memory (goal < 0.25)"
