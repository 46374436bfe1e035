"""A small CNN for deepfig's TorchScript tests: exports it through scripts/export_torchscript.py and writes what
PyTorch itself computes for a fixed input, so the Java side can compare.

  small_cnn.py EXPORT_SCRIPT OUT_DIR

writes OUT_DIR/small.pt (+ small.layers.json, layers: all), OUT_DIR/bare.pt (plain torch.jit.trace, no sidecar),
OUT_DIR/seven.pt (7 outputs instead of 10), OUT_DIR/grey.pt (expects 1 channel) and OUT_DIR/reference.json.
"""
import importlib.util
import json
import os
import sys

import torch
from torch import nn


def make_model(channels=3, classes=10):
    torch.manual_seed(7)
    m = nn.Sequential()
    m.add_module("conv1", nn.Conv2d(channels, 6, 5, padding=2))
    m.add_module("bn1", nn.BatchNorm2d(6))
    m.add_module("relu1", nn.ReLU(inplace=True))
    m.add_module("pool1", nn.MaxPool2d(2))
    m.add_module("conv2", nn.Conv2d(6, 8, 3, stride=2, padding=1))
    m.add_module("relu2", nn.ReLU())
    m.add_module("gap", nn.AdaptiveAvgPool2d(1))
    m.add_module("flatten", nn.Flatten())
    m.add_module("drop", nn.Dropout(0.5))
    m.add_module("fc", nn.Linear(8, classes))
    # running statistics far from a batch's own, so batch-statistics BatchNorm would give other logits
    with torch.no_grad():
        m.bn1.running_mean.uniform_(-0.5, 0.5)
        m.bn1.running_var.uniform_(0.5, 2.0)
    return m.eval()


def main(export_script, out):
    spec = importlib.util.spec_from_file_location("export_torchscript", export_script)
    ex = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ex)
    os.makedirs(out, exist_ok=True)
    model = make_model()
    ex.export(make_model(), (3, 32, 32), os.path.join(out, "small.pt"), "all")
    torch.jit.trace(make_model(), torch.zeros(1, 3, 32, 32)).save(os.path.join(out, "bare.pt"))
    torch.jit.trace(make_model(classes=7), torch.zeros(1, 3, 32, 32)).save(os.path.join(out, "seven.pt"))
    torch.jit.trace(make_model(channels=1), torch.zeros(1, 1, 32, 32)).save(os.path.join(out, "grey.pt"))

    g = torch.Generator().manual_seed(3)
    x = torch.rand(2, 3, 32, 32, generator=g).requires_grad_(True)
    targets = [4, 1]
    acts = {}
    model.conv2.register_forward_hook(lambda mod, i, o: acts.__setitem__("conv2", o))
    model.relu1.inplace = False
    logits = model((x - 0.5) / 0.5)  # deepfig's default data.mean/std, applied inside the network
    obj = logits[0, targets[0]] + logits[1, targets[1]]
    conv2 = acts["conv2"]
    conv2.retain_grad()
    obj.backward()
    ref = {
        "input": x.detach().flatten().tolist(),
        "targets": targets,
        "logits": logits.detach().flatten().tolist(),
        "input_gradient": x.grad.flatten().tolist(),
        "conv2": conv2.detach().flatten().tolist(),
        "conv2_gradient": conv2.grad.flatten().tolist(),
        "conv1_weight": model.conv1.weight.detach().flatten().tolist(),
    }
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(ref, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
