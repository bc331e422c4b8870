"""Export torchvision's ReLU-family CNNs to ONNX for the simulator's coverage run (bench/torchvision.ts).

Random weights (torchvision's own initialisation, eval mode, BatchNorm statistics randomised so that the
BN layers do something), opset 13, small inputs where the architecture allows one. Writes into the
folder given (bench/out/torchvision, gitignored): never committed.

Usage: /usr/bin/python3 bench/export_torchvision.py OUT_DIR [name ...]
Prints one JSON line per model: {"name", "path", "input": [C, H, W]}.
"""
import json
import os
import sys
import torch
import torchvision.models as tv

# name -> (constructor, input side): AlexNet and VGG pool adaptively to 6×6 / 7×7, which needs 224;
# Inception-v3 needs at least 75; the rest pool globally and take 64.
MODELS = {
    "alexnet": (lambda: tv.alexnet(), 224),
    "vgg11_bn": (lambda: tv.vgg11_bn(), 224),
    "vgg16": (lambda: tv.vgg16(), 224),
    "resnet18": (lambda: tv.resnet18(), 64),
    "resnet50": (lambda: tv.resnet50(), 64),
    "resnext50_32x4d": (lambda: tv.resnext50_32x4d(), 64),
    "wide_resnet50_2": (lambda: tv.wide_resnet50_2(), 64),
    "densenet121": (lambda: tv.densenet121(), 64),
    "googlenet": (lambda: tv.googlenet(aux_logits=False, init_weights=True), 64),
    "inception_v3": (lambda: tv.inception_v3(aux_logits=False, init_weights=True), 75),
    "squeezenet1_0": (lambda: tv.squeezenet1_0(), 64),
    "mobilenet_v2": (lambda: tv.mobilenet_v2(), 64),
}


def randomize_bn(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            m.weight.data.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            m.bias.data.copy_(torch.randn(m.num_features, generator=g) * 0.1)


def export(name, out_dir, side=None):
    make, default_side = MODELS[name]
    side = side or default_side
    torch.manual_seed(0)
    model = make()
    randomize_bn(model, 1)
    model.eval()
    path = os.path.join(out_dir, f"{name}_{side}.onnx")
    if not os.path.exists(path):
        x = torch.rand(1, 3, side, side, generator=torch.Generator().manual_seed(2))
        torch.onnx.export(model, x, path, opset_version=13, do_constant_folding=True,
                          input_names=["input"], output_names=["output"])
    return {"name": name, "path": path, "input": [3, side, side]}


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    wanted = sys.argv[2:] or list(MODELS)
    for w in wanted:
        name, _, side = w.partition("@")
        print(json.dumps(export(name, out_dir, int(side) if side else None)), flush=True)


if __name__ == "__main__":
    main()
