"""Exports torchvision VGG-16 and ResNet-18 (random weights, 224x224, opset 13) for the benchmarks.

Run on demand: /usr/bin/python3 bench/make_models.py  ->  bench/out/vgg16.onnx (553 MB), bench/out/resnet18.onnx
"""
import os
import sys
import torch
import torchvision

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    for name in sys.argv[1:] or ["vgg16", "resnet18"]:
        path = os.path.join(OUT, f"{name}.onnx")
        if os.path.exists(path):
            continue
        model = getattr(torchvision.models, name)().eval()
        x = torch.rand(1, 3, 224, 224)
        torch.onnx.export(model, x, path, opset_version=13, do_constant_folding=True,
                          input_names=["input"], output_names=["output"])
        print("wrote", path, os.path.getsize(path))


if __name__ == "__main__":
    main()
