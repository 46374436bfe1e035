"""Real-model examples: torchvision's ResNet-50 and ViT-B/16 at 224 px, and an ImageNet-style folder of images.

  /usr/bin/python3 configs/models/resnet50.py     # configs/models/resnet50.pt (+ .layers.json) and images-224/
  /usr/bin/python3 configs/models/vit_b16.py      # configs/models/vit-b16.pt  (+ .layers.json) and images-224/

Weights are random (seeded), not ImageNet's: this machine has no network, and Debian's python3-torchvision ships the
architectures without weights. Everything else is as a user with pretrained weights has it: 1,000 outputs named by
imagenet-classes.txt, the usual resize 256 / centre-crop 224 / ImageNet normalisation (stated in the configs), and
a folder of JPEGs in ImageNet's class/xxx.jpg layout. With --state-dict FILE the same script exports your weights.

images-224/ holds synthetic pictures (one colour and shape per class, on textured backgrounds, of several sizes and
aspect ratios so the resize and crop matter) in sub-folders named after ten ImageNet classes; the names are what
ties a folder to one of the model's 1,000 outputs (data.class_names_file).

Needs Debian's python3-torch, python3-torchvision and python3-pil (scripts/install-deps.sh).
"""
import argparse
import os
import sys

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "scripts"))
from export_torchscript import export  # noqa: E402

CLASSES_FILE = os.path.join(here, "imagenet-classes.txt")
IMAGES = os.path.join(here, "images-224")
# ten ImageNet classes the synthetic folder uses (each name is one line of imagenet-classes.txt)
FOLDER_CLASSES = ["tench", "goldfish", "hen", "ostrich", "macaw", "tabby", "zebra", "volcano", "daisy", "lemon"]


def class_names():
    from torchvision.models._meta import _IMAGENET_CATEGORIES
    return list(_IMAGENET_CATEGORIES)


def write_class_names(path=CLASSES_FILE):
    names = class_names()
    text = "".join(n + "\n" for n in names)
    if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def make_images(out=IMAGES, per_class_test=20, per_class_train=2, seed=0):
    """class/NNN.jpg pictures for the ten FOLDER_CLASSES, split into train/ and test/ (idempotent)."""
    from PIL import Image, ImageDraw, ImageFilter
    marker = os.path.join(out, ".complete-%d-%d-%d" % (per_class_test, per_class_train, seed))
    if os.path.exists(marker):
        return out
    rng = np.random.default_rng(seed)
    palette = [(200, 60, 40), (240, 170, 30), (150, 90, 60), (90, 90, 90), (30, 120, 220),
               (170, 130, 90), (240, 240, 240), (120, 30, 30), (250, 250, 120), (230, 220, 40)]
    for split, count in (("train", per_class_train), ("test", per_class_test)):
        for c, name in enumerate(FOLDER_CLASSES):
            folder = os.path.join(out, split, name)
            os.makedirs(folder, exist_ok=True)
            for i in range(count):
                w, h = int(rng.integers(256, 400)), int(rng.integers(256, 400))
                bg = (rng.random((h // 8 + 1, w // 8 + 1, 3)) * 90 + 40).astype(np.uint8)
                img = Image.fromarray(bg).resize((w, h), Image.BILINEAR)
                d = ImageDraw.Draw(img)
                s = int(min(w, h) * rng.uniform(0.25, 0.45))
                cx, cy = int(w / 2 + rng.integers(-w // 8, w // 8)), int(h / 2 + rng.integers(-h // 8, h // 8))
                col = tuple(int(np.clip(v + rng.integers(-25, 25), 0, 255)) for v in palette[c])
                box = [cx - s // 2, cy - s // 2, cx + s // 2, cy + s // 2]
                shape = c % 5
                if shape == 0:
                    d.ellipse(box, fill=col)
                elif shape == 1:
                    d.rectangle(box, fill=col)
                elif shape == 2:
                    d.polygon([(cx, box[1]), (box[2], box[3]), (box[0], box[3])], fill=col)
                elif shape == 3:
                    for k in range(5):
                        d.rectangle([box[0], box[1] + k * s // 5, box[2], box[1] + k * s // 5 + s // 10], fill=col)
                else:
                    d.ellipse(box, outline=col, width=max(3, s // 8))
                img = img.filter(ImageFilter.GaussianBlur(0.8))
                img.save(os.path.join(folder, "%03d.jpg" % i), quality=90)
    open(marker, "w").close()
    return out


def resnet50(num_classes=1000):
    """torchvision's ResNet-50 with each bottleneck's one ReLU module (called three times) split into three, so every
    call is its own tappable layer; same parameters, same state_dict, same function."""
    import types
    import torchvision
    from torch import nn
    model = torchvision.models.resnet50(weights=None, num_classes=num_classes)

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu3(out + identity)

    for m in model.modules():
        if isinstance(m, torchvision.models.resnet.Bottleneck):
            del m.relu
            m.relu1, m.relu2, m.relu3 = nn.ReLU(), nn.ReLU(), nn.ReLU()
            m.forward = types.MethodType(forward, m)
    return model


def vit_b16(num_classes=1000, image_size=224):
    """torchvision's ViT-B/16. torchvision initialises its head to zeros (right for fine-tuning from pretrained
    weights): with random weights every logit would be 0, every image predicted as class 0 and every gradient, so
    every saliency map, exactly zero. The head gets seeded random weights instead (a state dict replaces them)."""
    import torchvision
    from torch import nn
    model = torchvision.models.vit_b_16(weights=None, num_classes=num_classes, image_size=image_size)
    nn.init.normal_(model.heads.head.weight, std=0.02)
    nn.init.normal_(model.heads.head.bias, std=0.02)
    return model


# ViT-B/16: the patch embedding, each encoder block's output (197 tokens × 768: the class token and the 14×14 patch
# grid), the final layer norm and the head. A block's inner modules are not all called as modules (the attention's
# output projection is used through its weight), so the blocks themselves are the tapped layers.
VIT_LAYERS = ["conv_proj"] + ["encoder.layers.encoder_layer_%d" % i for i in range(12)] + ["encoder.ln", "heads.head"]


def main(which):
    ap = argparse.ArgumentParser(description="Export torchvision's %s (random weights unless --state-dict) for "
                                             "deepfig, and make the example's image folder." % which)
    ap.add_argument("epochs", type=int, nargs="?", default=0, help="ignored (the weights are not trained here)")
    ap.add_argument("--train-size", type=int, default=0, help="ignored")
    ap.add_argument("--state-dict", help="weights to load (e.g. torchvision's ImageNet weights, downloaded elsewhere)")
    ap.add_argument("--out", default=os.path.join(here, "resnet50.pt" if which == "resnet50" else "vit-b16.pt"))
    ap.add_argument("--test-images", type=int, default=200,
                    help="test images to make (a multiple of 10, the folder's classes; default 200; "
                         "bench/real-model-memory.sh asks for 1000 in a folder of its own)")
    ap.add_argument("--images", default=IMAGES, help="the image folder to make (default: images-224/ beside this)")
    a = ap.parse_args()
    if a.test_images < 10 or a.test_images % 10:
        ap.error("--test-images must be a positive multiple of 10, got %d" % a.test_images)
    torch.manual_seed(0)
    model = resnet50() if which == "resnet50" else vit_b16()
    if a.state_dict:
        model.load_state_dict(torch.load(a.state_dict, map_location="cpu"))
    write_class_names()
    make_images(a.images, per_class_test=a.test_images // 10)
    side = export(model, (3, 224, 224), a.out, layers="all" if which == "resnet50" else VIT_LAYERS)
    print("wrote %s (%d layers, %d classes, %s weights); images in %s"
          % (a.out, len(side["layers"]), side["num_classes"], "your" if a.state_dict else "random", a.images))
