"""torchvision's ResNet-50 and ViT-B/16 at 64 px for deepfig's RealArchitecturesTest: the real architectures
(configs/models/real_models.py: ResNet-50 with its ReLUs split, ViT-B/16 tapped at its encoder blocks), 1,000
outputs, random seeded weights, exported through scripts/export_torchscript.py; and a small ImageNet-style folder.

  real_models_small.py EXPORT_SCRIPT OUT_DIR

writes OUT_DIR/resnet50-64.pt, OUT_DIR/vit-64.pt (each + .layers.json), OUT_DIR/images/{train,test}/CLASS/NNN.jpg
(ten classes, one image each per split) and OUT_DIR/imagenet-classes.txt.
"""
import os
import shutil
import sys

import torch

export_script, out = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(export_script)))
models = os.path.join(root, "configs", "models")
sys.path.insert(0, os.path.dirname(os.path.abspath(export_script)))
sys.path.insert(0, models)
from export_torchscript import export  # noqa: E402
import real_models  # noqa: E402

torch.manual_seed(0)
export(real_models.resnet50(), (3, 64, 64), os.path.join(out, "resnet50-64.pt"), layers="all")
torch.manual_seed(0)
# 64 px in 16-px patches: a 4×4 grid, 17 tokens with the class token
export(real_models.vit_b16(image_size=64), (3, 64, 64), os.path.join(out, "vit-64.pt"), layers=real_models.VIT_LAYERS)
real_models.make_images(os.path.join(out, "images"), per_class_test=1, per_class_train=1)
shutil.copy(os.path.join(models, "imagenet-classes.txt"), os.path.join(out, "imagenet-classes.txt"))
