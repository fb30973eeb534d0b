#!/usr/bin/env bash
# Ten minutes of wall clock each, jgan against the PyTorch peer, scored by the same evaluator (jgan eval, 10000 samples):
#   benchmarks/quality/ten_minutes.sh OUT_DIR "ns wgangp" "1 2 3" [600s]
# For each loss and seed, jgan (./jgan train --model dcgan --dataset mnist --loss ns|wgan-gp, batch 64, the real MNIST in
# ../shared/data/mnist, --threads 1, its defaults otherwise) and torch_train_baseline.py mnistgan_ns|mnistgan_wgangp (through
# torch_curve.py for the seed; torch.set_num_threads(1) and OPENBLAS_NUM_THREADS=1, its best one-thread configuration) run
# side by side, one core each, for the same time. Then every run is scored and OUT_DIR/ten-minutes.csv gets
# loss,peer,seed,steps,fid. Keep the machine otherwise idle: the time limit makes the step counts depend on the load.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?OUT_DIR}"; losses="${2:-ns wgangp}"; seeds="${3:-1 2 3}"; budget="${4:-600s}"
mnist="${MNIST:-$root/../shared/data/mnist}"
mkdir -p "$out"
for loss in $losses; do
  jl=$([ "$loss" = ns ] && echo ns || echo wgan-gp)
  for s in $seeds; do
    [ -f "$out/torch-$loss-s$s.npy" ] && continue
    "$root/jgan" train --model dcgan --dataset mnist --data-dir "$mnist" --loss "$jl" --batch-size 64 --time-limit "$budget" \
      --seed "$s" --threads 1 --final-eval 0 --sample-every 0 --out "$out/jgan-$loss-s$s" --quiet > "$out/jgan-$loss-s$s.log" 2>&1 &
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 SEED=$s /usr/bin/python3 "$here/torch_curve.py" "mnistgan_$loss" "$budget" \
      "$out/torch-$loss-s$s.npy" 1 > "$out/torch-$loss-s$s.log" 2>&1 &
    wait
  done
done
echo "loss,peer,seed,steps,fid" > "$out/ten-minutes.csv"
field() { sed -n "s/.*\"$1\": *\\([0-9.eE+-]*\\).*/\\1/p" | tail -1; }
for loss in $losses; do
  for s in $seeds; do
    j=$("$root/jgan" eval --checkpoint "$out/jgan-$loss-s$s" 2>/dev/null)
    echo "$loss,jgan,$s,$(echo "$j" | field step),$(echo "$j" | field fid)" >> "$out/ten-minutes.csv"
    t=$("$root/jgan" eval --samples "$out/torch-$loss-s$s.npy" 2>/dev/null | field fid)
    # with a time budget the baseline's last line counts the steps it finished
    echo "$loss,torch,$s,$(field steps < "$out/torch-$loss-s$s.log"),$t" >> "$out/ten-minutes.csv"
  done
done
cat "$out/ten-minutes.csv"
