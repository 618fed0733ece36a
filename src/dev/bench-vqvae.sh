#!/usr/bin/env bash
# VQ-VAE training speed against PyTorch in ONE run (issue 14): `./vqlens train --mode vqvae` and the
# shared reference's vqvae_torch.py (same MLP, losses, Adam), alternately, for both configurations of
# the issue, torch on 1 and on 2 threads; best of VQLENS_VQVAE_ROUNDS rounds each. Also the encode
# benchmark's GFLOP/s (the machine's single-call sgemm figure) beside the large network's achieved GFLOP/s.
#
#   src/dev/bench-vqvae.sh [OUT_DIR]          (bench-vs-reference.sh calls it with its own OUT_DIR)
#
# Ours is steps / train_seconds (the summary's; it includes step 1's set-up and the JIT's warm-up); the
# "after step 20" figure excludes the first 20 steps, as vqvae_torch.py excludes its 20 warm-up steps.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ref="${VQLENS_REFERENCE:-$root/../shared/reference}"
out="${1:-$root/build/bench-vqvae-$(date -u +%Y%m%dT%H%M%S)}"
rounds="${VQLENS_VQVAE_ROUNDS:-3}"
mkdir -p "$out"
[ -f "$ref/vqvae_torch.py" ] || { echo "bench-vqvae: no vqvae_torch.py in $ref (set VQLENS_REFERENCE)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "bench-vqvae: needs python3-torch" >&2; exit 1; }
. "$root/src/launcher/native-env.sh"

# name | vqlens train options | vqvae_torch.py options
configs=(
  "small|--hidden 256,128 --dim 32 --heads 4 --codes 64 --batch 64 --steps 300|--hidden 256,128 --dim 32 --heads 4 --codes 64 --batch 64 --steps 300"
  "large|--hidden 512,256 --dim 64 --heads 4 --codes 256 --batch 1024 --steps 60|--hidden 512,256 --dim 64 --heads 4 --codes 256 --batch 1024 --steps 60"
)
echo "== $(date -u +%FT%TZ) $(git -C "$root" rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>}; $(lscpu | sed -n 's/^Model name: *//p')" \
    | tee "$out/vqvae-run.log"
: >"$out/vqvae.jsonl"
for round in $(seq 1 "$rounds"); do
  for c in "${configs[@]}"; do
    IFS='|' read -r name ours theirs <<<"$c"
    # shellcheck disable=SC2086
    "$root/vqlens" train --mode vqvae --dataset shapes --rows 4096 --method adam --lr 0.002 --seed 1 --progress none \
        $ours --metrics "$out/metrics-$name.jsonl" --out "$out/vqvae-$name.npz" >/dev/null 2>>"$out/vqvae-run.log"
    /usr/bin/python3 - "$out/metrics-$name.jsonl" "$name" "$round" >>"$out/vqvae.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
steps = {r["step"]: r["elapsed_s"] for r in rows if r.get("type") == "step"}
summary = [r for r in rows if "train_seconds" in r][-1]
last = max(steps)
print(json.dumps({"peer": "vqlens", "config": sys.argv[2], "round": int(sys.argv[3]), "steps": last,
                  "steps_per_s": last / summary["train_seconds"], "first_step_s": steps[1],
                  "steps_per_s_after_20": (last - 20) / (steps[last] - steps[20])}))
PY
    for threads in 1 2; do
      # shellcheck disable=SC2086
      (cd "$ref" && /usr/bin/python3 vqvae_torch.py $theirs --threads "$threads") \
          | /usr/bin/python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); r.update(config=sys.argv[1], round=int(sys.argv[2])); print(json.dumps(r))' "$name" "$round" \
          >>"$out/vqvae.jsonl"
    done
  done
done
"$root/vqlens" bench --json --op encode --batch 32768 --heads 4 --dim 384 --codes 256 >"$out/encode-bound.jsonl"

/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
rows = [json.loads(l) for l in open(os.path.join(out, "vqvae.jsonl")) if l.strip()]
bound = max(json.loads(l)["gflops"] for l in open(os.path.join(out, "encode-bound.jsonl")) if l.startswith("{"))
def best(cfg, peer, key="steps_per_s", threads=None):
    v = [r[key] for r in rows if r["config"] == cfg and r["peer"] == peer and (threads is None or r.get("threads") == threads)]
    return max(v) if v else float("nan")
# FLOP per step: dense layers 2·B·(3·S − in·h1) (forward, dW, dA except the first layer's input) with
# S = Σ fan_in·fan_out over encoder and decoder; distances 2·B·K·E (H heads × K codes × D = E/H dims).
def flop(inp, hidden, e, k, b):
    sizes = [inp] + hidden + [e]
    s = 2 * sum(sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1))
    return 2 * b * (3 * s - inp * hidden[0]) + 2 * b * k * e
shapes = {"small": (256, [256, 128], 32, 64, 64), "large": (256, [512, 256], 64, 256, 1024)}
lines = ["| network | VQ Lens steps/s (train_seconds) | after step 20 | step 1 s | PyTorch 1 thread | PyTorch 2 threads"
         " | VQ Lens / best PyTorch | after step 20 / best PyTorch | VQ Lens GFLOP/s (after step 20) |",
         "|---|---|---|---|---|---|---|---|---|"]
for cfg in ("small", "large"):
    ours, warm = best(cfg, "vqlens"), best(cfg, "vqlens", "steps_per_s_after_20")
    first = min(r["first_step_s"] for r in rows if r["config"] == cfg and r["peer"] == "vqlens")
    t1, t2 = best(cfg, "torch", threads=1), best(cfg, "torch", threads=2)
    peer = max(t1, t2)
    gflops = flop(*shapes[cfg]) * warm / 1e9
    lines.append(f"| {cfg} | {ours:.0f} | {warm:.0f} | {first:.3f} | {t1:.0f} | {t2:.0f} | {ours / peer:.2f}x | {warm / peer:.2f}x"
                 f" | {gflops:.0f} ({100 * gflops / bound:.0f}% of encode's {bound:.0f}) |")
table = "\n".join(lines)
open(os.path.join(out, "vqvae-summary.md"), "w").write(table + "\n")
print(table)
PY
