"""torchvision's ResNet-50 (random weights) for configs/models/resnet50-224.yaml; see real_models.py.

  /usr/bin/python3 configs/models/resnet50.py [--state-dict FILE] [--out FILE]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from real_models import main  # noqa: E402

if __name__ == "__main__":
    main("resnet50")
