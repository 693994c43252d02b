#!/usr/bin/python3
"""Writes the PyTorch fixtures of Dendrite.Onnx.Tests, with Debian's python3-torch (1.13) and its ONNX exporter:

    cd tests/Dendrite.Onnx.Tests/Fixtures && /usr/bin/python3 make_pytorch_fixtures.py

For each small torch.nn.Sequential below, after a few SGD steps on random data (so weights and batch-norm statistics
are not at their initial values), in eval mode:
    NAME.onnx          torch.onnx.export(..., opset_version=17 unless stated, dynamic batch axis)
    NAME.safetensors   its state_dict (num_batches_tracked as I64), written by bench/pytorch/safetensors_io.py
    NAME.json          {"architecture": the same network as a Dendrite layer description, "input": probe rows,
                        "input_shape": [...], "output": PyTorch's outputs for them, "torch": version, "opset": N}
The tests import each .onnx file, and load each state dict strictly into the architecture built in Dendrite, and
compare both with "output". unsupported_hardswish.onnx has an op without a Dendrite layer: its import must be refused.
"""
import io
import json
import os
import sys
import warnings

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "bench", "pytorch"))
from safetensors_io import save  # noqa: E402

warnings.filterwarnings("ignore")


def describe(m):
    """A torch module as Dendrite's layer description (LayerConfigJson)."""
    if isinstance(m, nn.Sequential):
        return {"type": "sequential", "layers": [describe(c) for c in m]}
    if isinstance(m, nn.Flatten):
        return {"type": "flatten"}
    if isinstance(m, nn.Linear):
        return {"type": "linear", "in_features": m.in_features, "out_features": m.out_features, "bias": m.bias is not None}
    if isinstance(m, nn.BatchNorm1d):
        return {"type": "batchnorm1d", "num_features": m.num_features, "eps": m.eps, "momentum": m.momentum, "affine": m.affine}
    if isinstance(m, nn.LayerNorm):
        return {"type": "layernorm", "normalized_shape": m.normalized_shape[0], "eps": m.eps, "elementwise_affine": m.elementwise_affine}
    if isinstance(m, nn.Dropout):
        return {"type": "dropout", "p": m.p}
    simple = {nn.ReLU: "relu", nn.SELU: "selu", nn.SiLU: "silu", nn.Mish: "mish", nn.Softsign: "softsign", nn.Sigmoid: "sigmoid",
              nn.Tanh: "tanh", nn.Hardsigmoid: "hardsigmoid", nn.ReLU6: "relu6", nn.GLU: "glu"}
    for cls, name in simple.items():
        if type(m) is cls:
            return {"type": "activation", "name": name}
    if isinstance(m, nn.GELU):
        return {"type": "activation", "name": "gelu" if m.approximate == "none" else "gelu_tanh"}
    if isinstance(m, nn.LeakyReLU):
        return {"type": "activation", "name": "leaky_relu", "negative_slope": m.negative_slope}
    if isinstance(m, nn.PReLU):
        return {"type": "activation", "name": "prelu", "num_parameters": m.num_parameters, "init": 0.25}
    if isinstance(m, (nn.ELU, nn.CELU)):
        return {"type": "activation", "name": "elu" if isinstance(m, nn.ELU) else "celu", "alpha": m.alpha}
    if isinstance(m, nn.Softplus):
        return {"type": "activation", "name": "softplus", "beta": m.beta, "threshold": m.threshold}
    if isinstance(m, nn.Hardtanh):
        return {"type": "activation", "name": "hardtanh", "min_val": m.min_val, "max_val": m.max_val}
    raise TypeError(f"no Dendrite form for {m}")


def train_a_little(model, shape, outputs):
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    x = torch.randn(64, *shape) * 2
    y = torch.randint(0, outputs, (64,))
    model.train()
    for _ in range(5):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    model.eval()


def write(name, model, shape, outputs, opset=17, describe_it=True):
    torch.manual_seed(sum(map(ord, name)))
    train_a_little(model, shape, outputs)
    with torch.no_grad():
        for m in model.modules():  # spread the running statistics, so eval differs clearly from identity
            if isinstance(m, nn.BatchNorm1d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
    probe = torch.randn(5, *shape) * 2
    with torch.no_grad():
        out = model(probe)
    f = io.BytesIO()
    torch.onnx.export(model, probe, f, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    with open(os.path.join(HERE, name + ".onnx"), "wb") as file:
        file.write(f.getvalue())
    if not describe_it:
        return
    save(os.path.join(HERE, name + ".safetensors"), model.state_dict())
    doc = {"architecture": describe(model), "input_shape": list(probe.shape), "input": probe.reshape(len(probe), -1).tolist(),
           "output": out.tolist(), "torch": torch.__version__, "opset": opset}
    with open(os.path.join(HERE, name + ".json"), "w") as file:
        json.dump(doc, file, indent=1)
        file.write("\n")
    print(name, opset, [n for n in model.state_dict()])


write("relu_flatten", nn.Sequential(nn.Flatten(), nn.Linear(12, 16), nn.ReLU(), nn.Linear(16, 4)), (3, 4), 4)
write("gelu_batchnorm", nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16), nn.GELU(), nn.Dropout(0.2), nn.Linear(16, 3)), (6,), 3)
write("gelu_tanh_layernorm", nn.Sequential(nn.Linear(6, 16), nn.LayerNorm(16), nn.GELU(approximate="tanh"), nn.Linear(16, 3)), (6,), 3)
write("leaky_relu_tanh", nn.Sequential(nn.Linear(6, 12), nn.LeakyReLU(0.2), nn.Linear(12, 12), nn.Tanh(), nn.Linear(12, 2)), (6,), 2)
write("silu_mish_softplus", nn.Sequential(nn.Linear(6, 8), nn.SiLU(), nn.Linear(8, 8), nn.Mish(), nn.Linear(8, 8), nn.Softplus(beta=2.0),
                                          nn.Linear(8, 3)), (6,), 3)
write("elu_selu_celu", nn.Sequential(nn.Linear(6, 8), nn.ELU(0.5), nn.Linear(8, 8), nn.SELU(), nn.Linear(8, 8), nn.CELU(0.7),
                                     nn.Linear(8, 3)), (6,), 3)
write("clamps_prelu", nn.Sequential(nn.Linear(6, 8), nn.PReLU(8), nn.Linear(8, 8), nn.Hardtanh(-2.0, 2.0), nn.Linear(8, 8), nn.ReLU6(),
                                    nn.Linear(8, 8), nn.Hardsigmoid(), nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 8), nn.Softsign(),
                                    nn.Linear(8, 3)), (6,), 3)
write("glu", nn.Sequential(nn.Linear(6, 16), nn.GLU(), nn.Linear(8, 3)), (6,), 3)
write("no_bias_plain_batchnorm", nn.Sequential(nn.Linear(6, 8, bias=False), nn.BatchNorm1d(8, affine=False), nn.ReLU(),
                                               nn.Linear(8, 3, bias=False)), (6,), 3)
# Before opset 17, PyTorch writes LayerNorm as ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add.
write("layernorm_opset14", nn.Sequential(nn.Linear(6, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 3)), (6,), 3, opset=14)
# Hardswish is an ONNX op (HardSwish) with no Dendrite layer: its import must be refused, naming it.
write("unsupported_hardswish", nn.Sequential(nn.Linear(6, 8), nn.Hardswish(), nn.Linear(8, 3)), (6,), 3, describe_it=False)
