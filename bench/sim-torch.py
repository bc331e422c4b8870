"""PyTorch CPU dense simulation of the same rate-coded IF SNN (shared/spec/simulator.md): the peer of
bench/sim-bench.ts. BatchNorm is applied as in the ANN (torch folds nothing), float32, batched, no autograd. Convolutions and Gemm
run through oneDNN on any thread count (see conv below).

Usage: /usr/bin/python3 bench/sim-torch.py model.onnx inputs.npy T threads repeats scale1,scale2,...
Prints one JSON line per threshold scale: {"scale", "seconds" (best of `repeats`), "worst", "meanSpikeRate"}.
Thresholds: the 99.9th percentile of each ReLU's positive ANN outputs (NumPy linear), times the scale.
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


def conv(x, w, b, stride, pads, dilation, groups):
    """Every convolution (and Gemm, as a 1x1 one) through oneDNN, on any thread count. F.conv2d on one thread
    sends unstrided 1x1 convolutions of batches under 16 to its im2col + BLAS path instead of oneDNN (PyTorch's
    use_mkldnn heuristic), and Debian's python3-torch links the generic reference BLAS (BLAS_INFO=generic):
    that path was ~3x slower per layer here and made torch's one-thread ResNet-50 12.8x slower than on two.
    """
    if b is None:
        b = torch.zeros(w.shape[0])
    return torch.mkldnn_convolution(x.contiguous(), w.contiguous(), b, list(pads), list(stride), list(dilation), groups)


class Net:
    def __init__(self, path):
        m = onnx.load(path)
        self.nodes = [(n, attrs(n)) for n in m.graph.node]
        self.w = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}
        for n, a in self.nodes:
            if n.op_type == "Constant":
                self.w[n.output[0]] = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
        self.input = [i.name for i in m.graph.input if i.name not in self.w][0]
        self.output = m.graph.output[0].name

    def run(self, x, relu):
        env = {self.input: x}
        v = lambda k: env[k] if k in env else self.w[k]
        for i, (n, a) in enumerate(self.nodes):
            op = n.op_type
            if op == "Constant":
                continue
            if op == "Conv":
                b = v(n.input[2]) if len(n.input) > 2 else None
                y = conv(v(n.input[0]), v(n.input[1]), b, a.get("strides", [1, 1]), a.get("pads", [0, 0])[:2],
                         a.get("dilations", [1, 1]), a.get("group", 1))
            elif op == "BatchNormalization":
                y = F.batch_norm(v(n.input[0]), v(n.input[3]), v(n.input[4]), v(n.input[1]), v(n.input[2]), eps=a.get("epsilon", 1e-5))
            elif op == "Relu":
                y = relu(i, v(n.input[0]))
            elif op == "MaxPool":
                y = F.max_pool2d(v(n.input[0]), a["kernel_shape"], a["strides"], padding=a.get("pads", [0, 0])[:2])
            elif op == "Add":
                y = v(n.input[0]) + v(n.input[1])
            elif op == "GlobalAveragePool":
                y = v(n.input[0]).mean(dim=(2, 3), keepdim=True)
            elif op in ("Flatten", "Reshape"):
                y = torch.flatten(v(n.input[0]), 1)
            elif op == "Gemm":
                x, w = v(n.input[0]), v(n.input[1])
                y = conv(x[:, :, None, None], w[:, :, None, None], v(n.input[2]), [1, 1], [0, 0], [1, 1], 1)[:, :, 0, 0]
            else:
                raise NotImplementedError(op)
            env[n.output[0]] = y
        return env[self.output]


def main():
    path, inputs, T, threads, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    scales = [float(s) for s in sys.argv[6].split(",")]
    torch.set_num_threads(threads)
    net = Net(path)
    x0 = torch.from_numpy(np.load(inputs))
    with torch.no_grad():
        pos = {}

        def ann(i, cur):
            y = torch.relu(cur)
            pos.setdefault(i, []).append(y[y > 0])
            return y

        net.run(x0, ann)  # also the warm-up: oneDNN builds its kernels on a layer's first call
        theta0 = {i: float(np.percentile(torch.cat(p).numpy(), 99.9)) for i, p in pos.items()}
        for scale in scales:
            best, worst, rate = float("inf"), 0.0, 0.0
            for _ in range(repeats):
                theta = {i: t * scale for i, t in theta0.items()}
                mem, count = {}, [0]

                def if_relu(i, cur):
                    if i not in mem:
                        mem[i] = torch.full_like(cur, 0.5 * theta[i])
                    mem[i] += cur
                    s = (mem[i] >= theta[i]).float()
                    mem[i] -= theta[i] * s
                    count[0] += int(s.sum())
                    return theta[i] * s

                t0 = time.perf_counter()
                for _ in range(T):
                    net.run(x0, if_relu)
                best = min(best, time.perf_counter() - t0)
                worst = max(worst, time.perf_counter() - t0)
                rate = count[0] / (sum(m.numel() for m in mem.values()) * T)
            print(json.dumps({"scale": scale, "seconds": best, "worst": worst, "meanSpikeRate": rate}), flush=True)


if __name__ == "__main__":
    main()
