#!/usr/bin/env bash
# Installs what the tests and the example configs need from Debian's packages (idempotent):
#   dataset-fashion-mnist  the real data for configs/fashion-*.yaml  (/usr/share/datasets/fashion-mnist)
#   chromium, chromedriver headless browser the report tests open pages in
#   poppler-utils          pdftoppm, to look at PDF pages as images
#   fonts-dejavu-core      the font the figures use (also bundled in the jar)
#   python3-torch          PyTorch for /usr/bin/python3: the TorchScript tests export their own small CNN
#   python3-torchvision    ResNet-50 and ViT-B/16 architectures for configs/models/ (scripts/real_models.py)
#   python3-pil            the synthetic 224-px JPEGs configs/models/real_models.py draws
set -euo pipefail
need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
/usr/bin/python3 -c 'import torchvision' >/dev/null 2>&1 || need+=(python3-torchvision)
/usr/bin/python3 -c 'import PIL' >/dev/null 2>&1 || need+=(python3-pil)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "install-deps: ok"
