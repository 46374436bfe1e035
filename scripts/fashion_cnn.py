"""A small CNN trained in PyTorch on Fashion-MNIST, exported for configs/models/torchscript-example.yaml: a model deepfig
did not train, as an engineer auditing someone else's model would have.

  /usr/bin/python3 scripts/fashion_cnn.py [EPOCHS]   # writes configs/models/fashion-cnn.pt + .layers.json

--out FILE writes the model (and its sidecar) elsewhere; --train-size N trains on the first N training images only
(ExampleConfigsTest makes a quick model that way).

Needs Debian's python3-torch and dataset-fashion-mnist (scripts/install-deps.sh installs both). One epoch on two
CPU cores takes about a minute and reaches about 88% test accuracy. Seeded; PyTorch does not promise bit-identical
training across versions, so the .pt file is the artefact, and deepfig records its sha256.
"""
import argparse
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from export_torchscript import export  # noqa: E402

DATA = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.286, 0.353  # as configs/models/torchscript-example.yaml's data.mean / data.std


def idx(name):
    for n in (name + ".gz", name):
        path = os.path.join(DATA, n)
        if os.path.exists(path):
            with (gzip.open if n.endswith(".gz") else open)(path, "rb") as f:
                raw = f.read()
            dims = raw[3]
            shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
            return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)
    raise SystemExit("no %s under %s: apt-get install dataset-fashion-mnist (scripts/install-deps.sh)" % (name, DATA))


def make_model():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))


def main():
    args = argparse.ArgumentParser(description="Train and export the example's Fashion-MNIST CNN.")
    args.add_argument("epochs", type=int, nargs="?", default=1)
    args.add_argument("--train-size", type=int, default=0, help="first N training images (0 = all)")
    args.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "configs", "models", "fashion-cnn.pt")))
    args = args.parse_args()
    epochs = args.epochs
    torch.manual_seed(0)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    x = torch.from_numpy(idx("train-images-idx3-ubyte").astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(idx("train-labels-idx1-ubyte").astype(np.int64))
    if args.train_size > 0:
        x, y = x[:args.train_size], y[:args.train_size]
    xt = torch.from_numpy(idx("t10k-images-idx3-ubyte").astype(np.float32) / 255).unsqueeze(1)
    yt = torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(np.int64))
    model = make_model()
    opt = torch.optim.Adam(model.parameters(), 2e-3)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x))
        for i in range(0, len(x), 128):
            b = order[i:i + 128]
            loss = nn.functional.cross_entropy(model((x[b] - MEAN) / STD), y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            acc = sum((model((xt[i:i + 1000] - MEAN) / STD).argmax(1) == yt[i:i + 1000]).sum().item()
                      for i in range(0, len(xt), 1000)) / len(xt)
        print("epoch %d/%d: test accuracy %.2f%%" % (epoch + 1, epochs, 100 * acc), flush=True)
    export(model, (1, 28, 28), args.out, layers="all")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
