"""Runs ../shared/anchors/torch_train_baseline.py unchanged but for two things, to score PyTorch's
training curve with jgan's evaluator (`jgan eval --samples FILE.npy`):

  SEED=1 SNAPS=250,500,1000 /usr/bin/python3 torch_curve.py mnistgan_ns 2000 out/torch-s1.npy [threads]

- the seed: torch.manual_seed(0) becomes torch.manual_seed(SEED) (default 0: the baseline itself);
- snapshots: before the training step numbered s in SNAPS (that is, after s steps), the same 10k
  samples the baseline saves at its end (train-mode batch norm, batches of 64) are written to
  OUT-stepNNNNNN.npy. The global RNG state is saved and restored around it, so the run's training
  trajectory is exactly the unpatched baseline's (the samples only consume draws in between).
The final samples go to OUT as the baseline writes them. The patch is checked: it fails loudly if
the baseline's text changed so that a replacement no longer applies.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
baseline = os.path.abspath(os.path.join(here, "..", "..", "..", "shared", "anchors", "torch_train_baseline.py"))
baseline = os.environ.get("BASELINE", baseline)
src = open(baseline).read()
seed = int(os.environ.get("SEED", "0"))
snaps = sorted(int(s) for s in os.environ.get("SNAPS", "").split(",") if s.strip())


def patch(text, old, new):
    if text.count(old) != 1:
        raise SystemExit(f"torch_curve.py: the baseline no longer contains exactly one {old!r}")
    return text.replace(old, new)


src = patch(src, "torch.manual_seed(0)", f"torch.manual_seed({seed})")
snap_fn = '''
def _snap(step):
    if step not in _SNAPS:
        return
    state = torch.get_rng_state()
    with torch.no_grad():
        s = torch.cat([G(torch.randn(64, zdim)).view(-1, 28, 28) for _ in range(157)])[:10000].numpy()
    np.save(out[:-4] + "-step%06d.npy" % step, s)
    torch.set_rng_state(state)
    print(json.dumps({"snapshot": step, "t": round(time.time() - t0, 1)}), flush=True)


for step in range(steps):
    _snap(step)
'''
src = patch(src, "\nfor step in range(steps):\n", snap_fn)
sys.argv = [baseline] + sys.argv[1:]
g = {"__name__": "__main__", "__file__": baseline, "_SNAPS": set(snaps)}
exec(compile(src, baseline, "exec"), g)
