"""Writes optimiser parity cases next to this script: torch.optim.SGD (single-tensor path, the CPU
default) over several steps, for shapes other than the shared 5x4 case and for every option.
case(..., optimizer="rmsprop", ...) writes RMSprop cases the same way.

Run with any PyTorch on an x86 CPU with FMA (ATEN_CPU_CAPABILITY avx2 or avx512 give the same bits;
only the 'default' capability of a CPU without FMA rounds add(alpha=...) twice):
    python3 make_sgd_cases.py
Format: as ../shared/fixtures/torch (op "optimizer", p_{i+1} = step(p_i, g_i)).
"""
import json
import struct

import torch

NOTE = "p_{i+1} = step(p_i, g_i); torch.optim.SGD single-tensor path on CPU"


def save(path, tensors, meta):
    header, blobs, off = {}, [], 0
    for k, t in tensors.items():
        data = bytes(t.contiguous().view(torch.uint8).flatten().tolist())
        header[k] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [off, off + len(data)]}
        off += len(data)
        blobs.append(data)
    header["__metadata__"] = meta
    hb = json.dumps(header).encode()
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)) + hb + b"".join(blobs))


def case(name, shape, steps, seed, optimizer="sgd", **opts):
    gen = torch.Generator().manual_seed(seed)
    lr = opts["lr"]
    # parameters of the size of one step, so that p - lr * d cancels and rounding shows
    p = (torch.randn(shape, generator=gen) * lr).requires_grad_(True)
    tensors = {"p0": p.detach().clone()}
    opt = {"sgd": torch.optim.SGD, "rmsprop": torch.optim.RMSprop}[optimizer]([p], **opts)
    for i in range(steps):
        g = torch.randn(shape, generator=gen)
        tensors["g%d" % i] = g.clone()
        p.grad = g
        opt.step()
        tensors["p%d" % (i + 1)] = p.detach().clone()
    params = dict(optimizer=optimizer, **opts)
    meta = {"op": "optimizer", "params": json.dumps(params),
            "inputs": json.dumps(["p0"] + ["g%d" % i for i in range(steps)]),
            "outputs": json.dumps(["p%d" % (i + 1) for i in range(steps)]), "grads": "[]", "note": NOTE}
    save(name + ".safetensors", tensors, meta)


if __name__ == "__main__":
    # shapes around the vector widths (8 and 16 floats; PyTorch vectorises 2 vectors at a time)
    case("sgd_momentum_1", [1], 5, 1, lr=0.1, momentum=0.9)
    case("sgd_momentum_7x3", [7, 3], 5, 2, lr=0.1, momentum=0.9)
    case("sgd_momentum_33", [33], 5, 3, lr=0.05, momentum=0.9)
    case("sgd_momentum_64x17", [64, 17], 5, 4, lr=0.01, momentum=0.5)
    case("sgd_plain_3x5x7", [3, 5, 7], 4, 5, lr=0.3)
    case("sgd_weight_decay_40", [40], 4, 6, lr=0.1, weight_decay=0.01)
    case("sgd_dampening_6x6", [6, 6], 5, 7, lr=0.1, momentum=0.9, dampening=0.3, weight_decay=0.001)
    case("sgd_nesterov_31", [31], 5, 8, lr=0.2, momentum=0.9, nesterov=True, weight_decay=1e-4)
    case("sgd_nesterov_2x8x8", [2, 8, 8], 5, 9, lr=0.01, momentum=0.99, nesterov=True)

