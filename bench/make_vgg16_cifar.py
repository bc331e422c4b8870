"""VGG-16 (with BatchNorm) for 32x32 CIFAR-10 inputs, random weights, exported for the simulator benchmark.

Run on demand: /usr/bin/python3 bench/make_vgg16_cifar.py  ->  bench/out/vgg16_cifar.onnx
"""
import os
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def vgg16_cifar():
    layers, c = [], 3
    for v in CFG:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.BatchNorm2d(v), nn.ReLU()]
            c = v
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(512, 10))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    m = vgg16_cifar().eval()
    torch.onnx.export(m, torch.rand(1, 3, 32, 32), os.path.join(OUT, "vgg16_cifar.onnx"), opset_version=13,
                      input_names=["input"], output_names=["output"])


if __name__ == "__main__":
    main()
