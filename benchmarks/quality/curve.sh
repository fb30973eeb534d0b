#!/usr/bin/env bash
# FID against steps for jgan and the PyTorch peer, scored by the same evaluator (jgan eval):
#   benchmarks/quality/curve.sh OUT_DIR "1 2 3" 2000 "250,500,1000"
# trains, for each seed, jgan (./jgan train --model dcgan --dataset mnist --loss ns, batch 64, the real MNIST in
# ../shared/data/mnist, 1 thread) and torch_train_baseline.py mnistgan_ns (the same InfoGAN networks and recipe,
# through torch_curve.py: the seed set and sample snapshots) to STEPS, with checkpoints / snapshots at the listed
# steps; then scores every checkpoint (10000 samples) and every snapshot (its 10000 samples) and writes
# OUT_DIR/curve.csv (peer,seed,step,fid) and OUT_DIR/fid-vs-steps.png. PyTorch: /usr/bin/python3 with Debian's
# python3-torch. Runs one process at a time; 2000 steps take about 10 (jgan) and 20 (PyTorch) minutes a seed on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?OUT_DIR}"; seeds="${2:-1 2 3}"; steps="${3:-2000}"; snaps="${4:-250,500,1000}"
mnist="${MNIST:-$root/../shared/data/mnist}"
mkdir -p "$out"
every=$(echo "$snaps,$steps" | tr ',' '\n' | sort -n | awk 'NR==1{g=$1} {a=$1; b=g; while (b) {t=b; b=a%b; a=t}; g=a} END{print g}')
for s in $seeds; do
  [ -f "$out/jgan-s$s/checkpoints/last.safetensors" ] || "$root/jgan" train --model dcgan --dataset mnist --data-dir "$mnist" --loss ns \
      --batch-size 64 --steps "$steps" --seed "$s" --threads 1 --checkpoint-every "$every" --keep-checkpoints 1000 \
      --out "$out/jgan-s$s" --quiet
  [ -f "$out/torch-s$s.npy" ] || SEED=$s SNAPS=$snaps /usr/bin/python3 "$here/torch_curve.py" mnistgan_ns "$steps" "$out/torch-s$s.npy" 1
done
echo "peer,seed,step,fid" > "$out/curve.csv"
fid() { "$root/jgan" eval "$@" 2>/dev/null | sed -n 's/.*"fid":\([0-9.eE+-]*\).*/\1/p'; }
for s in $seeds; do
  for k in $(echo "$snaps,$steps" | tr ',' ' '); do
    ck=$(printf "%s/jgan-s%s/checkpoints/step-%06d.safetensors" "$out" "$s" "$k")
    [ "$k" = "$steps" ] && ck="$out/jgan-s$s/checkpoints/last.safetensors"
    echo "jgan,$s,$k,$(fid --checkpoint "$ck")" >> "$out/curve.csv"
    np=$(printf "%s/torch-s%s-step%06d.npy" "$out" "$s" "$k")
    [ "$k" = "$steps" ] && np="$out/torch-s$s.npy"
    echo "torch,$s,$k,$(fid --samples "$np")" >> "$out/curve.csv"
  done
done
. "$root/bin/find-jdk.sh"
jgan_find_jdk
"$JAVA_HOME/bin/java" -cp "$(ls "$root"/cli/target/lib/xchart-*.jar)" "$here/CurvePlot.java" "$out/curve.csv" "$out/fid-vs-steps.png" \
  "MNIST DCGAN (InfoGAN networks), NS loss, batch 64: FID vs steps"
cat "$out/curve.csv"
