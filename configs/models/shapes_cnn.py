"""A small CNN trained briefly in PyTorch on images like deepfig's shapes, for configs/torchscript-example.yaml.

  /usr/bin/python3 configs/models/shapes_cnn.py        # writes configs/models/shapes-cnn.pt + shapes-cnn.layers.json

It trains on random noise with random labels when no data is given: accuracy does not matter for the example, only
that deepfig can load, evaluate and look inside a model it did not train.
"""
import os
import sys

import torch
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "scripts"))
from export_torchscript import export  # noqa: E402


def make_model():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10))


if __name__ == "__main__":
    torch.manual_seed(0)
    model = make_model()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    for _ in range(20):  # a few steps so BatchNorm's running statistics are not the initial ones
        x = (torch.rand(64, 3, 32, 32) - 0.5) / 0.5
        loss = nn.functional.cross_entropy(model(x), torch.randint(0, 10, (64,)))
        opt.zero_grad()
        loss.backward()
        opt.step()
    export(model, (3, 32, 32), os.path.join(here, "shapes-cnn.pt"), layers="all")
    print("wrote", os.path.join(here, "shapes-cnn.pt"))
