"""Reference shapes from Python onnx.shape_inference for the ONNX shape-inference tests.

Run: /usr/bin/python3 test/reference/onnx_shapes.py
Writes test/reference/expected/onnx-shapes.json: for each model (our fixtures, and the upstream samples in
../shared/onnx-samples when present), every tensor whose shape onnx 1.12's inference fully determines.
"""
import glob
import json
import os
import onnx
from onnx import shape_inference

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "onnx-samples", "onnx-backend")


def shapes(path):
    m = onnx.load(path, load_external_data=False)
    try:
        m = shape_inference.infer_shapes(m)
    except Exception as e:  # noqa: BLE001 - reference tool failures are recorded, not fatal
        return {"error": str(e)}
    out = {}
    for v in list(m.graph.value_info) + list(m.graph.output):
        t = v.type.tensor_type
        if not t.HasField("shape"):
            continue
        dims = []
        for d in t.shape.dim:
            if d.HasField("dim_value"):
                dims.append(d.dim_value)
            else:
                dims = None
                break
        if dims is not None:
            out[v.name] = dims
    return out


def main():
    models = sorted(glob.glob(os.path.join(ROOT, "test", "fixtures", "onnx", "*.onnx")))
    if os.path.isdir(SHARED):
        models += sorted(glob.glob(os.path.join(SHARED, "light", "*.onnx")))
        models += sorted(glob.glob(os.path.join(SHARED, "pytorch-converted", "*", "*.onnx")))
        models += sorted(glob.glob(os.path.join(SHARED, "node", "*", "*.onnx")))
    result = {}
    for p in models:
        key = os.path.relpath(p, ROOT) if p.startswith(ROOT) else "shared:" + os.path.relpath(p, SHARED)
        result[key] = shapes(p)
    os.makedirs(os.path.join(ROOT, "test", "reference", "expected"), exist_ok=True)
    with open(os.path.join(ROOT, "test", "reference", "expected", "onnx-shapes.json"), "w") as f:
        json.dump(result, f, indent=0, sort_keys=True)
    print(len(result), "models")


if __name__ == "__main__":
    main()
