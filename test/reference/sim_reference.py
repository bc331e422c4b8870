"""Reference implementation of the spiking simulator's semantics (shared/spec/simulator.md) in PyTorch.

An independent implementation: NCHW float64 tensors, torch.nn.functional ops, BatchNormalization applied
as an affine map (not folded), NumPy's percentile. Its outputs on small fixtures are committed as JSON in
expected/ and the TypeScript simulator must match them within 1e-3 (test/unit/sim/reference.test.ts).

Run: /usr/bin/python3 test/reference/sim_reference.py     (Debian's python3-torch and python3-onnx)
"""
import json
import os
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "test", "fixtures")


def mulberry32(seed):
    """The simulator's PRNG (src/core/sim/prng.ts), bit for bit."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296.0

    return nxt


def layer_names(nodes):
    """src/core/model/onnx/names.ts: the node's name if unique and non-empty, else <OpType>_<index>."""
    counts = {}
    for n in nodes:
        if n.name:
            counts[n.name] = counts.get(n.name, 0) + 1
    used, out = set(), []
    for i, n in enumerate(nodes):
        name = n.name if n.name and counts[n.name] == 1 else f"{n.op_type}_{i}"
        while name in used:
            name = f"{name}_{i}"
        used.add(name)
        out.append(name)
    return out


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class Model:
    def __init__(self, path):
        self.m = onnx.load(path)
        self.g = self.m.graph
        self.inits = {t.name: torch.from_numpy(numpy_helper.to_array(t).astype(np.float64)) for t in self.g.initializer}
        for n in self.g.node:
            if n.op_type == "Constant":
                self.inits[n.output[0]] = torch.from_numpy(numpy_helper.to_array(attrs(n)["value"]).astype(np.float64))
        self.names = layer_names(self.g.node)
        init_names = {t.name for t in self.g.initializer}
        self.input = [i.name for i in self.g.input if i.name not in init_names][0]
        self.output = self.g.output[0].name

    def run(self, x, relu):
        """Evaluate the graph; `relu(name, current, max)` decides what a ReLU or Clip(0, max) emits (ANN or IF)."""
        env = {self.input: x}
        val = lambda k: env[k] if k in env else self.inits[k]
        for i, n in enumerate(self.g.node):
            a = attrs(n)
            op = n.op_type
            if op == "Constant":
                continue
            if op == "Conv":
                p = a.get("pads", [0, 0, 0, 0])
                b = val(n.input[2]) if len(n.input) > 2 else None
                y = F.conv2d(F.pad(val(n.input[0]), (p[1], p[3], p[0], p[2])), val(n.input[1]), b,
                             stride=a.get("strides", [1, 1]), dilation=a.get("dilations", [1, 1]), groups=a.get("group", 1))
            elif op == "Gemm":
                w = val(n.input[1])
                w = w if a.get("transB", 0) else w.t()
                y = F.linear(val(n.input[0]), w, val(n.input[2]) if len(n.input) > 2 else None)
            elif op == "MatMul":
                y = val(n.input[0]) @ val(n.input[1])
            elif op == "BatchNormalization":
                x_ = val(n.input[0])
                per_channel = lambda t: t.reshape([1, -1] + [1] * (x_.dim() - 2))
                g_, b_, mu, var = (per_channel(val(k)) for k in n.input[1:5])
                y = (x_ - mu) * (g_ / torch.sqrt(var + a.get("epsilon", 1e-5))) + b_
            elif op == "Relu":
                y = relu(self.names[i], val(n.input[0]), float("inf"))
            elif op == "Clip":
                inp = list(n.input) + ["", ""]
                lo = float(val(inp[1])) if inp[1] else a.get("min")
                hi = float(val(inp[2])) if inp[2] else a.get("max")
                assert lo == 0.0
                y = relu(self.names[i], val(n.input[0]), float("inf") if hi is None else hi)
            elif op == "MaxPool":
                p = a.get("pads", [0, 0, 0, 0])
                y = F.max_pool2d(F.pad(val(n.input[0]), (p[1], p[3], p[0], p[2]), value=-float("inf")), a["kernel_shape"], a.get("strides", [1, 1]))
            elif op == "AveragePool":
                p = a.get("pads", [0, 0, 0, 0])
                assert p[0] == p[2] and p[1] == p[3]
                y = F.avg_pool2d(val(n.input[0]), a["kernel_shape"], a.get("strides", [1, 1]), padding=(p[0], p[1]),
                                 count_include_pad=bool(a.get("count_include_pad", 0)))
            elif op == "ReduceMean":
                y = val(n.input[0]).mean(dim=tuple(a["axes"]), keepdim=bool(a.get("keepdims", 1)))
            elif op == "Shape":
                y = torch.tensor(list(val(n.input[0]).shape), dtype=torch.float64)
            elif op == "Gather":
                y = val(n.input[0])[val(n.input[1]).long()]
            elif op == "Unsqueeze":
                y = torch.unsqueeze(val(n.input[0]), int(val(n.input[1]).reshape(-1)[0]))
            elif op == "Concat" and a["axis"] == 0:
                y = torch.cat([val(k).reshape(-1) for k in n.input], 0)
            elif op == "GlobalAveragePool":
                y = val(n.input[0]).mean(dim=(2, 3), keepdim=True)
            elif op == "Pad":
                p = [int(v) for v in val(n.input[1]).tolist()]
                y = F.pad(val(n.input[0]), (p[3], p[7], p[2], p[6]))
            elif op in ("Flatten", "Reshape"):
                y = torch.flatten(val(n.input[0]), 1)
            elif op == "Add":
                y = val(n.input[0]) + val(n.input[1])
            elif op == "Concat":
                assert a["axis"] == 1
                y = torch.cat([val(k) for k in n.input], 1)
            elif op in ("Identity", "Dropout"):
                y = val(n.input[0])
            else:
                raise NotImplementedError(op)
            env[n.output[0]] = y
        return env[self.output]


def simulate(path, inputs, T=6, p=99.9, alpha=0.5, encoding="direct", seed=0):
    m = Model(path)
    x = torch.from_numpy(inputs.astype(np.float64))
    # ANN pass: thresholds and densities
    positives, density = {}, {}

    def ann_relu(name, cur, hi):
        y = torch.clamp(cur, min=0, max=hi)
        positives.setdefault(name, []).append(y[y > 0].flatten())
        density[name] = density.get(name, 0) + int((y != 0).sum())
        return y

    ann_out = m.run(x, ann_relu)
    theta = {k: float(np.percentile(torch.cat(v).numpy(), p)) if sum(len(t) for t in v) else 1.0 for k, v in positives.items()}
    # SNN, one sample at a time; Poisson: sample s draws from mulberry32(seed + s·0x9E3779B9), in HWC order
    spikes = {k: 0 for k in theta}
    neurons = {}
    agree = 0
    for s in range(x.shape[0]):
        rand = mulberry32((seed + s * 0x9E3779B9) & 0xFFFFFFFF)
        v = {}
        acc = 0
        for t in range(T):
            xi = x[s:s + 1]
            if encoding == "poisson":
                hwc = xi[0].permute(1, 2, 0).flatten()
                draws = torch.tensor([rand() for _ in range(hwc.numel())], dtype=torch.float64)
                xi = (draws < hwc).double().reshape(xi.shape[2], xi.shape[3], xi.shape[1]).permute(2, 0, 1)[None]

            def if_relu(name, cur, hi):
                if name not in v:
                    v[name] = torch.full_like(cur, alpha * theta[name])
                    neurons[name] = cur.numel()
                v[name] = v[name] + cur
                fired = (v[name] >= theta[name]).double()
                v[name] = v[name] - theta[name] * fired
                spikes[name] += int(fired.sum())
                return theta[name] * fired

            acc = acc + m.run(xi, if_relu)
        agree += int(torch.argmax(acc[0]) == torch.argmax(ann_out[s]))
    n = x.shape[0]
    layers = [{"name": k, "spikeRate": spikes[k] / (neurons[k] * T * n), "threshold": theta[k], "annDensity": density[k] / (neurons[k] * n)} for k in theta]
    total = sum(neurons[k] for k in theta)
    return {
        "model": os.path.relpath(path, ROOT), "samples": n, "timesteps": T, "encoding": encoding, "seed": seed,
        "thresholdPercentile": p, "vInit": alpha, "layers": layers,
        "meanSpikeRate": sum(spikes.values()) / (total * T * n), "agreement": agree / n,
    }


def random_inputs(n, shape, seed):
    """src/core/sim/inputs.ts randomInputs: N×C×H×W uniform [0, 1) from mulberry32(seed)."""
    r = mulberry32(seed)
    return np.array([r() for _ in range(n * int(np.prod(shape)))], dtype=np.float32).reshape((n, *shape))


CASES = [
    ("cnn_bn", "onnx/cnn_bn.onnx", (3, 16, 16), 16, {}),
    ("cnn_bn_unfolded", "onnx/cnn_bn_unfolded.onnx", (3, 16, 16), 16, {}),
    ("cnn_bn_p100_T4", "onnx/cnn_bn.onnx", (3, 16, 16), 16, {"T": 4, "p": 100.0, "alpha": 0.0}),
    ("cnn_bn_poisson", "onnx/cnn_bn.onnx", (3, 16, 16), 8, {"encoding": "poisson", "seed": 7}),
    ("resnet_tiny", "onnx/resnet_tiny.onnx", (3, 8, 8), 16, {}),
    ("mlp", "onnx/mlp.onnx", (20,), 128, {"T": 8}),
    ("branchy", "sim/branchy.onnx", (3, 12, 12), 24, {}),
    ("branchy_p99_T10_poisson", "sim/branchy.onnx", (3, 12, 12), 12, {"T": 10, "p": 99.0, "encoding": "poisson", "seed": 3}),
    ("densenet_block", "sim/densenet_block.onnx", (3, 12, 12), 24, {}),
    ("densenet_block_p99_T8", "sim/densenet_block.onnx", (3, 12, 12), 16, {"T": 8, "p": 99.0}),
]


def main():
    out_dir = os.path.join(HERE, "expected")
    os.makedirs(out_dir, exist_ok=True)
    for name, model, shape, n, kw in CASES:
        x = random_inputs(n, shape, 0)
        np.save(os.path.join(out_dir, f"{name}.inputs.npy"), x)
        r = simulate(os.path.join(FIXTURES, model), x, **kw)
        r["inputs"] = f"{name}.inputs.npy"
        with open(os.path.join(out_dir, f"{name}.sim.json"), "w") as f:
            json.dump(r, f, indent=1)
        print(name, f"mean spike rate {r['meanSpikeRate']:.4f}", f"agreement {r['agreement']:.3f}")


if __name__ == "__main__":
    main()
