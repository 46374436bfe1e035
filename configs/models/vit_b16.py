"""torchvision's ViT-B/16 (random weights) for configs/models/vit-b16-224.yaml; see real_models.py.

  /usr/bin/python3 configs/models/vit_b16.py [--state-dict FILE] [--out FILE]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from real_models import main  # noqa: E402

if __name__ == "__main__":
    main("vit_b16")
