"""PyTorch CPU dense simulation of the same rate-coded IF SNN (shared/spec/simulator.md), the benchmark's peer.

Usage: /usr/bin/python3 bench/sim_torch.py model.onnx inputs.npy T threads scale1,scale2,...
Prints one JSON line per threshold scale: {"scale", "seconds", "meanSpikeRate"}. float32, batched, no autograd.
"""
import json
import sys
import time
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def attrs(n):
    return {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}


def main():
    path, inputs, T, threads, scales = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), [float(s) for s in sys.argv[5].split(",")]
    torch.set_num_threads(threads)
    m = onnx.load(path)
    W = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}
    for n in m.graph.node:
        if n.op_type == "Constant":
            W[n.output[0]] = torch.from_numpy(numpy_helper.to_array(attrs(n)["value"]).copy())
    x0 = torch.from_numpy(np.load(inputs))
    inp = [i.name for i in m.graph.input if i.name not in W][0]

    def run(x, relu):
        env = {inp: x}
        v = lambda k: env[k] if k in env else W[k]
        for i, n in enumerate(m.graph.node):
            a, op = attrs(n), n.op_type
            if op == "Constant":
                continue
            if op == "Conv":
                y = F.conv2d(v(n.input[0]), v(n.input[1]), v(n.input[2]), padding=a["pads"][0])
            elif op == "Relu":
                y = relu(i, v(n.input[0]))
            elif op == "MaxPool":
                y = F.max_pool2d(v(n.input[0]), a["kernel_shape"], a["strides"])
            elif op in ("Flatten", "Reshape"):
                y = torch.flatten(v(n.input[0]), 1)
            elif op == "Gemm":
                y = F.linear(v(n.input[0]), v(n.input[1]), v(n.input[2]))
            else:
                raise NotImplementedError(op)
            env[n.output[0]] = y
        return env[m.graph.output[0].name]

    with torch.no_grad():
        pos = {}

        def ann(i, cur):
            y = torch.relu(cur)
            pos.setdefault(i, []).append(y[y > 0])
            return y

        run(x0, ann)
        theta0 = {i: float(np.percentile(torch.cat(p).numpy(), 99.9)) for i, p in pos.items()}
        for scale in scales:
            theta = {i: t * scale for i, t in theta0.items()}
            mem, spikes, neurons = {}, 0, 0
            t0 = time.perf_counter()

            def if_relu(i, cur):
                nonlocal spikes
                if i not in mem:
                    mem[i] = torch.full_like(cur, 0.5 * theta[i])
                mem[i] += cur
                s = (mem[i] >= theta[i]).float()
                mem[i] -= theta[i] * s
                spikes += int(s.sum())
                return theta[i] * s

            for _ in range(T):
                run(x0, if_relu)
            dt = time.perf_counter() - t0
            neurons = sum(v.numel() for v in mem.values())
            print(json.dumps({"scale": scale, "seconds": dt, "meanSpikeRate": spikes / (neurons * T)}), flush=True)


if __name__ == "__main__":
    main()
