"""Exports torchvision vit_b_16 and swin_t (random weights, 1x3x224x224, opset 14 and 17) for test/models.

Run on demand (test/models/torchvision.test.ts does when the files are missing):
  /usr/bin/python3 test/models/make_torchvision.py  ->  test/.generated/{vit_b_16,swin_t}_op{14,17}.onnx
Large (330 MB / 110 MB each), so never committed (.gitignore).
"""
import os
import sys
import torch
import torchvision

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".generated")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    names = sys.argv[1:] or ["vit_b_16_op14", "swin_t_op14", "vit_b_16_op17", "swin_t_op17"]
    for key in names:
        name, opset = key.rsplit("_op", 1)
        path = os.path.join(OUT, f"{key}.onnx")
        if os.path.exists(path):
            continue
        model = getattr(torchvision.models, name)().eval()
        x = torch.rand(1, 3, 224, 224)
        tmp = path + ".tmp"
        torch.onnx.export(model, x, tmp, opset_version=int(opset), do_constant_folding=True,
                          input_names=["input"], output_names=["output"])
        os.replace(tmp, path)
        print("wrote", path, os.path.getsize(path))


if __name__ == "__main__":
    main()
