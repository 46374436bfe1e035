"""The PyTorch side of bench/train-throughput.sh: the same LeNet-5, optimiser, batch size and data as deepfig's
LeNet-5 on Fashion-MNIST, timed the same way (training steps only; forward in batches of 256 without gradients).
Prints `pytorch train_images_per_s=... forward_images_per_s=...`. Run with Debian's /usr/bin/python3 (python3-torch)."""
import gzip, struct, sys, time
import numpy as np
import torch
import torch.nn as nn

threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)
root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 20000

def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)

x = torch.tensor(idx(f"{root}/train-images-idx3-ubyte.gz")[:limit], dtype=torch.float32).unsqueeze(1) / 255.0
y = torch.tensor(idx(f"{root}/train-labels-idx1-ubyte.gz")[:limit], dtype=torch.int64)
xt = torch.tensor(idx(f"{root}/t10k-images-idx3-ubyte.gz"), dtype=torch.float32).unsqueeze(1) / 255.0

net = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(),
    nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
opt = torch.optim.Adam(net.parameters(), lr=0.002)
loss_fn = nn.CrossEntropyLoss()
mean, std = 0.286, 0.353
bs = 64
perm = torch.randperm(len(x))
start = time.perf_counter()
for i in range(0, len(x), bs):
    idxs = perm[i:i + bs]
    xb = (x[idxs] - mean) / std
    opt.zero_grad()
    loss = loss_fn(net(xb), y[idxs])
    loss.backward()
    opt.step()
    _ = loss.item()  # deepfig reads the loss back each step too
train_s = time.perf_counter() - start
net.eval()
start = time.perf_counter()
with torch.no_grad():
    for i in range(0, len(xt), 256):
        net((xt[i:i + 256] - mean) / std).argmax(1)
fwd_s = time.perf_counter() - start
print(f"pytorch {torch.__version__} threads={threads} cpu={torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else '?'}: train_images_per_s={len(x) / train_s:.0f} "
      f"forward_images_per_s={len(xt) / fwd_s:.0f}")
