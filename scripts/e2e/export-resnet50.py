"""Export torchvision's ResNet-50 (random weights, no download) to ONNX for the e2e timing check.

Usage: /usr/bin/python3 scripts/e2e/export-resnet50.py OUT.onnx
"""
import sys

import torch
import torchvision

torch.manual_seed(0)
model = torchvision.models.resnet50(weights=None).eval()
torch.onnx.export(
    model,
    torch.randn(1, 3, 224, 224),
    sys.argv[1],
    input_names=["input"],
    output_names=["logits"],
    opset_version=17,
)
