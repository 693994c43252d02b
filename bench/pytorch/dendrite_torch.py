"""Builds the torch.nn.Sequential a Dendrite model file describes, so its weights load with strict=True.

A Dendrite model file (or run checkpoint) stores its architecture as JSON in the safetensors metadata
("dendrite.architecture", Dendrite's LayerConfigJson: {"type":"sequential","layers":[{"type":"linear",...},...]}),
and its tensors under PyTorch's state_dict names ("1.weight", "2.running_mean", ...).

    import sys; sys.path.insert(0, "bench/pytorch")
    from dendrite_torch import load_model
    net = load_model("runs/x/best.safetensors")     # eval mode, strict load, training tensors filtered out
"""
import json

import torch
from torch import nn

from safetensors_io import load, load_state_dict


class Gated(nn.Module):
    """Dendrite's SwiGLU / GeGLU: act(a) * b for the halves [a | b] of the last dimension (no parameters)."""

    def __init__(self, act):
        super().__init__()
        self.act = act

    def forward(self, x):
        a, b = x.chunk(2, dim=-1)
        return self.act(a) * b


def activation(name, p):
    simple = {"relu": nn.ReLU, "selu": nn.SELU, "silu": nn.SiLU, "swish": nn.SiLU, "mish": nn.Mish, "softsign": nn.Softsign,
              "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "hardsigmoid": nn.Hardsigmoid, "relu6": nn.ReLU6}
    if name in simple:
        return simple[name]()
    if name == "leaky_relu":
        return nn.LeakyReLU(p.get("negative_slope", 0.01))
    if name == "prelu":
        return nn.PReLU(int(p.get("num_parameters", 1)), p.get("init", 0.25))
    if name == "elu":
        return nn.ELU(p.get("alpha", 1.0))
    if name == "celu":
        return nn.CELU(p.get("alpha", 1.0))
    if name in ("gelu", "gelu_tanh"):
        return nn.GELU(approximate="none" if name == "gelu" else "tanh")
    if name == "softplus":
        return nn.Softplus(p.get("beta", 1.0), p.get("threshold", 20.0))
    if name == "hardtanh":
        return nn.Hardtanh(p.get("min_val", -1.0), p.get("max_val", 1.0))
    if name == "glu":
        return nn.GLU(dim=-1)
    if name == "swiglu":
        return Gated(nn.functional.silu)
    if name in ("geglu", "geglu_tanh"):
        approximate = "none" if name == "geglu" else "tanh"
        return Gated(lambda a: nn.functional.gelu(a, approximate=approximate))
    raise ValueError(f"no torch module for Dendrite activation '{name}'")


def layer(c):
    t = c["type"]
    if t == "sequential":
        return nn.Sequential(*[layer(child) for child in c["layers"]])
    if t == "flatten":
        return nn.Flatten()
    if t == "linear":
        return nn.Linear(c["in_features"], c["out_features"], bias=c.get("bias", True))
    if t == "batchnorm1d":
        return nn.BatchNorm1d(c["num_features"], eps=c.get("eps", 1e-5), momentum=c.get("momentum", 0.1), affine=c.get("affine", True))
    if t == "layernorm":
        return nn.LayerNorm(c["normalized_shape"], eps=c.get("eps", 1e-5), elementwise_affine=c.get("elementwise_affine", True))
    if t == "dropout":
        return nn.Dropout(c["p"])
    if t == "activation":
        return activation(c["name"], {k: v for k, v in c.items() if k not in ("type", "name")})
    raise ValueError(f"unknown Dendrite layer type '{t}'")


def sequential(architecture_json):
    """The torch.nn.Sequential for a "dendrite.architecture" JSON string."""
    return layer(json.loads(architecture_json))


def load_model(path):
    """The model in a Dendrite model file or checkpoint, as a torch module in eval mode (strict load)."""
    _, metadata = load(path)
    net = sequential(metadata["dendrite.architecture"])
    net.load_state_dict(load_state_dict(path), strict=True)
    return net.eval()
