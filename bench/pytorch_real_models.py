"""bench/real-models.sh's PyTorch side: forward and input-gradient images/s of the same TorchScript file deepfig
loads (same weights, batch, threads), in Debian's PyTorch; median of REPEATS after one warm-up.

  /usr/bin/python3 bench/pytorch_real_models.py MODEL.pt BATCH REPEATS THREADS
"""
import statistics
import sys
import time

import torch

model_file, batch, repeats, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
m = torch.jit.load(model_file).eval()
g = torch.Generator().manual_seed(0)
x = torch.rand((batch, 3, 224, 224), generator=g)
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def forward():
    with torch.no_grad():
        m.forward_logits((x - mean) / std)


def gradient():
    xi = x.clone().requires_grad_(True)
    logits = m.forward_logits((xi - mean) / std)
    logits[:, 0].sum().backward()


for name, fn in (("forward", forward), ("gradient", gradient)):
    fn()
    rates = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        rates.append(batch / (time.perf_counter() - t))
    print("pytorch %s %.2f" % (name, statistics.median(rates)))
