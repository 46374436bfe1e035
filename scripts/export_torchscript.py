#!/usr/bin/env python3
"""Export a PyTorch classifier as a TorchScript file deepfig can look inside.

Writes two files:
  MODEL.pt           a traced TorchScript module. Its ``forward(x)`` returns a tuple: the logits first, then one
                     activation per listed layer, in the order of the sidecar. A second method,
                     ``forward_replacing(x, keep, *deltas)``, computes ``out * keep[i] + deltas[i]`` at layer i, so
                     deepfig can replace a hidden layer's output (keep 0, delta = the new value) and take gradients
                     with respect to it (Grad-CAM). A third, ``forward_logits(x)``, returns the logits alone: no
                     activation is kept, so a batch needs the memory of a plain forward pass (occlusion, evaluation).
  MODEL.layers.json  the sidecar: input shape, number of classes, and per layer its name, kind, output shape,
                     parameter count, geometry (kernel/stride/padding/dilation) and input edges.

The model is exported in eval mode (BatchNorm uses its running statistics, Dropout is off) and with in-place
operations switched off, so a tapped activation is not overwritten by the next layer.

From Python::

    import sys; sys.path.insert(0, "scripts")
    from export_torchscript import export
    export(model, input_shape=(3, 32, 32), out="model.pt", layers="all")

From the shell (FILE.py defines a function returning the nn.Module; --state-dict is optional)::

    /usr/bin/python3 scripts/export_torchscript.py --model mynet.py:make_model --state-dict weights.pth \\
        --input-shape 3 32 32 --layers all --out model.pt

``--layers`` is ``all`` (every leaf module), ``none`` (logits only: deepfig then shows only output-level figures)
or a comma-separated list of module names as in ``model.named_modules()`` (e.g. ``features.0,features.1,fc``).
Input normalisation is not part of the export: deepfig applies ``data.mean``/``data.std`` from the config.
"""
import argparse
import importlib.util
import json
import os
import sys

import torch
from torch import nn

FORMAT = "deepfig-torchscript-layers/1"


def sidecar_path(out):
    """model.pt -> model.layers.json (the name deepfig looks for beside the model)."""
    stem, _ = os.path.splitext(out)
    return stem + ".layers.json"


def _kind(m):
    if isinstance(m, nn.Conv2d):
        return "conv"
    if isinstance(m, nn.Linear):
        return "linear"
    if isinstance(m, (nn.ReLU, nn.ReLU6, nn.LeakyReLU)):
        return "relu"
    if isinstance(m, nn.MaxPool2d):
        return "max_pool"
    if isinstance(m, nn.AvgPool2d):
        return "avg_pool"
    if isinstance(m, nn.AdaptiveAvgPool2d) and _pair(m.output_size) == (1, 1):
        return "global_avg_pool"
    if isinstance(m, nn.Flatten):
        return "flatten"
    if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
        return "batch_norm"
    if isinstance(m, (nn.Dropout, nn.Dropout2d)):
        return "dropout"
    return "other"


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _geometry(m, kind, shape):
    """Square-kernel geometry of a spatial layer, identity for position-wise ones, None once positions are gone."""
    if len(shape) != 3:
        return None
    if kind in ("relu", "batch_norm", "dropout"):
        return {"kernel": 1, "stride": 1, "padding": 0, "dilation": 1}
    if kind in ("conv", "max_pool", "avg_pool"):
        k, s, p = _pair(m.kernel_size), _pair(m.stride if m.stride is not None else m.kernel_size), _pair(m.padding)
        d = _pair(getattr(m, "dilation", 1))
        if k[0] != k[1] or s[0] != s[1] or p[0] != p[1] or d[0] != d[1]:
            return None  # deepfig's receptive-field arithmetic assumes square geometry
        return {"kernel": int(k[0]), "stride": int(s[0]), "padding": int(p[0]), "dilation": int(d[0])}
    return None


def _edges(model, names):
    """Input edges between the listed layers, from torch.fx data flow; None when the model cannot be fx-traced."""
    try:
        import torch.fx
        graph = torch.fx.symbolic_trace(model).graph
    except Exception:  # dynamic control flow: fall back to the listed order
        return None
    listed = set(names)
    edges = {}
    for node in graph.nodes:
        if node.op != "call_module" or node.target not in listed:
            continue
        found, stack, seen = [], list(node.all_input_nodes), set()
        while stack:
            n = stack.pop(0)
            if n in seen:
                continue
            seen.add(n)
            if n.op == "call_module" and n.target in listed:
                found.append(n.target)
            elif n.op == "placeholder":
                found.append("input")
            else:
                stack.extend(n.all_input_nodes)
        found = list(dict.fromkeys(found))
        edges[node.target] = [] if found == ["input"] else found
    return edges if len(edges) == len(names) else None


class _Tapped(nn.Module):
    """The model with a hook on each listed layer: records its output, or replaces it by out * keep + delta."""

    def __init__(self, model, names):
        super().__init__()
        self.model = model
        self.names = list(names)
        self._acts = {}
        self._calls = []
        self._replace = None
        modules = dict(model.named_modules())
        self._handles = [modules[name].register_forward_hook(self._hook(i)) for i, name in enumerate(self.names)]

    def remove_hooks(self):
        for h in self._handles:
            h.remove()

    def _hook(self, i):
        def hook(module, inputs, out):
            if i in self._acts:
                raise SystemExit("layer %s is called more than once per forward pass (a module reused, like "
                                 "torchvision's bottleneck ReLU): list other layers, or give each call its own "
                                 "module" % self.names[i])
            if self._replace is not None:
                keep, deltas = self._replace
                out = out * keep[i] + deltas[i]
            self._acts[i] = out
            self._calls.append(i)
            return out
        return hook

    def _collect(self):
        missing = [self.names[i] for i in range(len(self.names)) if i not in self._acts]
        if missing:
            raise SystemExit("layer(s) %s are not called by forward(); list only layers on the forward path"
                             % ", ".join(missing))
        acts, self._acts = [self._acts[i] for i in range(len(self.names))], {}
        return acts

    def forward(self, x):
        self._acts, self._calls, self._replace = {}, [], None
        logits = self.model(x)
        return tuple([logits] + self._collect())

    def forward_logits(self, x):
        self._acts, self._replace = {}, None
        logits = self.model(x)
        self._acts = {}
        return logits

    def forward_replacing(self, x, keep, *deltas):
        self._acts, self._replace = {}, (keep, deltas)
        try:
            logits = self.model(x)
        finally:
            self._replace = None
        return tuple([logits] + self._collect())


def _leaf_names(model):
    return [n for n, m in model.named_modules() if n and len(list(m.children())) == 0]


def _own_parameters(name, module, names):
    """The parameters of a listed module that no other listed module inside it holds: a leaf's own, or all of a
    tapped block's (a ViT's encoder block) but for listed layers within it."""
    inner = [n[len(name) + 1:] + "." for n in names if n.startswith(name + ".")]
    return int(sum(p.numel() for pn, p in module.named_parameters() if not any(pn.startswith(i) for i in inner)))


def export(model, input_shape, out, layers="all"):
    """Exports ``model`` (an nn.Module taking N×C×H×W normalised images) to ``out`` and its sidecar; returns the
    sidecar as a dict."""
    model = model.eval()
    for m in model.modules():  # a tapped activation must not be overwritten in place by the next layer
        if hasattr(m, "inplace"):
            m.inplace = False
    for p in model.parameters():
        p.requires_grad_(False)
    modules = dict(model.named_modules())
    if layers == "all":
        names = _leaf_names(model)
    elif layers in ("none", None, ""):
        names = []
    else:
        names = [n.strip() for n in (layers.split(",") if isinstance(layers, str) else layers) if n.strip()]
    unknown = [n for n in names if n not in modules or not n]
    if unknown:
        raise SystemExit("unknown layer(s) %s; modules: %s" % (", ".join(unknown), ", ".join(_leaf_names(model))))
    x = torch.zeros((2,) + tuple(input_shape))
    tapped = _Tapped(model, names).eval()
    with torch.no_grad():
        tapped(x)
    # the layers in the order the forward pass calls them (a topological order of the graph)
    names = [names[i] for i in tapped._calls]
    tapped.remove_hooks()
    tapped = _Tapped(model, names).eval()
    with torch.no_grad():
        outs = tapped(x)
    logits, acts = outs[0], outs[1:]
    if logits.dim() != 2:
        raise SystemExit("the model's output has shape %s; deepfig needs N×classes logits" % (tuple(logits.shape),))
    keep = torch.ones(max(len(names), 1))
    deltas = tuple(torch.zeros(1) for _ in names)
    # traced with an input that needs its gradient, as deepfig's saliency will ask: otherwise PyTorch takes inference
    # fast paths (nn.MultiheadAttention's _native_multi_head_attention in a ViT) that have no backward pass
    xg = x.clone().requires_grad_(True)
    traced = torch.jit.trace_module(tapped, {"forward": (xg,), "forward_replacing": (xg, keep) + deltas,
                                             "forward_logits": (xg,)}, check_trace=False)
    traced.eval()
    traced.save(out)

    edges = _edges(model, names)
    records = []
    for i, name in enumerate(names):
        m = modules[name]
        shape = [int(s) for s in acts[i].shape[1:]]
        kind = _kind(m)
        records.append({
            "name": name,
            "kind": kind,
            "module": type(m).__name__,
            "output_shape": shape,
            "parameters": _own_parameters(name, m, names),
            "geometry": _geometry(m, kind, shape),
            "inputs": edges[name] if edges is not None else ([] if i == 0 else [names[i - 1]]),
        })
    logits_layer = None
    if names and acts[-1].shape == logits.shape and torch.equal(acts[-1], logits):
        logits_layer = names[-1]
    side = {
        "format": FORMAT,
        "input_shape": [int(s) for s in input_shape],
        "num_classes": int(logits.shape[1]),
        "parameters": int(sum(p.numel() for p in model.parameters())),
        "edges": "data flow (torch.fx)" if edges is not None else "assumed sequential",
        "logits_layer": logits_layer,
        "logits_method": "forward_logits",
        "layers": records,
    }
    with open(sidecar_path(out), "w") as f:
        json.dump(side, f, indent=2)
        f.write("\n")
    return side


def _load_factory(spec):
    path, _, fn = spec.rpartition(":")
    if not path or not fn:
        raise SystemExit("--model must be FILE.py:FUNCTION, got " + spec)
    module_spec = importlib.util.spec_from_file_location("deepfig_user_model", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return getattr(module, fn)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="FILE.py:FUNCTION returning the nn.Module")
    ap.add_argument("--state-dict", help="weights to load into it (torch.save(model.state_dict(), ...))")
    ap.add_argument("--input-shape", type=int, nargs=3, required=True, metavar=("C", "H", "W"))
    ap.add_argument("--layers", default="all", help="all | none | comma-separated module names (default: all)")
    ap.add_argument("--out", required=True, help="the .pt file to write; the sidecar goes beside it")
    a = ap.parse_args(argv)
    model = _load_factory(a.model)()
    if a.state_dict:
        model.load_state_dict(torch.load(a.state_dict, map_location="cpu"))
    side = export(model, a.input_shape, a.out, a.layers)
    print("wrote %s and %s (%d layers, %d classes)" % (a.out, sidecar_path(a.out), len(side["layers"]),
                                                       side["num_classes"]))


if __name__ == "__main__":
    main(sys.argv[1:])
