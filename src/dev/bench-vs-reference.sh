#!/usr/bin/env bash
# Measures VQ Lens against its peers in ONE run (this machine is noisy: only ratios within a run mean
# anything): `./vqlens bench` for encode/decode, then the PyTorch original's forward (opq_torch.py) and
# FAISS's ProductQuantizer (pq_faiss.py) from the shared reference folder, at the same batch sizes; then
# VQ-VAE training against vqvae_torch.py (bench-vqvae.sh, into the same OUT_DIR; VQLENS_BENCH_VQVAE=0 skips it).
#
#   src/dev/bench-vs-reference.sh [OUT_DIR]        (default: build/bench-<date>)
#
# Needs /usr/bin/python3 with Debian's python3-torch, python3-faiss, python3-numpy and libopenblas0-pthread, and the reference
# scripts in $VQLENS_REFERENCE (default: ../shared/reference beside the checkout). Every peer runs with
# the OPENBLAS_CORETYPE that ./vqlens chooses for this CPU, and FAISS/torch with 2 threads.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ref="${VQLENS_REFERENCE:-$root/../shared/reference}"
out="${1:-$root/build/bench-$(date -u +%Y%m%dT%H%M%S)}"
sizes="${VQLENS_BENCH_SIZES:-1024,32768,262144}"
mkdir -p "$out"
[ -f "$ref/opq_torch.py" ] || { echo "bench-vs-reference: no reference scripts in $ref (set VQLENS_REFERENCE)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch, faiss, numpy' 2>/dev/null \
    || { echo "bench-vs-reference: needs python3-torch python3-faiss python3-numpy (apt-get install …)" >&2; exit 1; }
# Without Debian's OpenBLAS the peers fall back to the reference BLAS (libblas3), 20-50x slower: no fair race.
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] \
    || { echo "bench-vs-reference: the peers need OpenBLAS: apt-get install libopenblas0-pthread" >&2; exit 1; }

. "$root/src/launcher/native-env.sh"
export REFBENCH_MAX_WAIT="${REFBENCH_MAX_WAIT:-20}"   # how long a peer waits for a quiet machine per repetition
batches=()
for b in ${sizes//,/ }; do batches+=(--batch "$b"); done

echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>}" | tee "$out/run.log"
"$root/vqlens" bench --json --op encode --op decode --repeats 7 "${batches[@]}" | tee "$out/vqlens.jsonl"
(cd "$ref" && /usr/bin/python3 opq_torch.py --sizes "$sizes" --reps 5 --impls baddbmm --no-train --label torch \
    --jsonl "$out/reference.jsonl") 2>&1 | grep -v '^RESULT_JSON' | tee -a "$out/run.log"
(cd "$ref" && /usr/bin/python3 pq_faiss.py --sizes "$sizes" --reps 5 --label faiss --jsonl "$out/reference.jsonl") \
    2>&1 | grep -v '^RESULT_JSON' | tee -a "$out/run.log"
"$root/vqlens" bench --json --op encode --op decode --repeats 7 "${batches[@]}" | tee "$out/vqlens-again.jsonl"

/usr/bin/python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
def rows(name):
    p = os.path.join(out, name)
    return [json.loads(l) for l in open(p) if l.strip().startswith("{")] if os.path.exists(p) else []
ours = {}
for r in rows("vqlens.jsonl") + rows("vqlens-again.jsonl"):  # best of the two passes, before and after the peers
    k = (r["op"], r["batch"]); ours[k] = max(ours.get(k, 0), r["vectors_per_s"])
peers = {}
for r in rows("reference.jsonl"):
    if r.get("tag") == "opq_torch" and r.get("mode") == "forward_nograd":
        peers[("torch forward", r["B"])] = r["vec_per_s"]
    if r.get("tag") == "pq_faiss" and r.get("mode") in ("encode", "decode"):
        peers[("faiss " + r["mode"], r["B"])] = r["vec_per_s"]
lines = ["| op | batch | VQ Lens vec/s | PyTorch forward | FAISS | VQ Lens / PyTorch | VQ Lens / FAISS |", "|---|---|---|---|---|---|---|"]
for (op, b) in sorted(ours):
    v = ours[(op, b)]; t = peers.get(("torch forward", b)) if op == "encode" else None; f = peers.get(("faiss " + op, b))
    fmt = lambda x: f"{x/1e3:,.0f}k" if x else "-"
    ratio = lambda x: f"{v/x:.2f}x" if x else "-"
    lines.append(f"| {op} | {b} | {fmt(v)} | {fmt(t)} | {fmt(f)} | {ratio(t)} | {ratio(f)} |")
table = "\n".join(lines)
open(os.path.join(out, "summary.md"), "w").write(table + "\n")
print(table)
PY
if [ "${VQLENS_BENCH_VQVAE:-1}" != 0 ]; then
    "$root/src/dev/bench-vqvae.sh" "$out"
fi
