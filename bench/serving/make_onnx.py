#!/usr/bin/env python3
"""Builds the ONNX graph of a Dendrite MLP checkpoint for the serving benchmark's ONNX Runtime side.

    /usr/bin/python3 bench/serving/make_onnx.py MODEL.safetensors OUT.onnx

Reads the safetensors file directly (8-byte header length, JSON header, raw float32 data) and writes
input [N, in] -> Gemm(W1ᵀ, b1) -> Relu -> ... -> Gemm(Wkᵀ, bk) -> logits [N, out]. Only chains of Linear layers with
ReLU between them (the seed model, 784-256-10) are supported; the architecture in the file's metadata is checked.
The input is the network's input (pixels already scaled by 1/255), as Predictor.Outputs takes it.
Needs Debian's python3-onnx (and numpy, which it brings).
"""
import json
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    body = data[8 + length :]
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}, expected F32")
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(body[start:end], dtype="<f4").reshape(info["shape"])
    return tensors, meta


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    tensors, meta = read_safetensors(source)
    layers = json.loads(meta["dendrite.architecture"])["layers"]
    nodes, inits = [], []
    current, width, linear = "input", None, 0
    for index, layer in enumerate(layers):
        kind = layer["type"]
        if kind == "flatten":
            continue
        if kind == "linear":
            w, b = tensors[f"{index}.weight"], tensors[f"{index}.bias"]
            width = width or w.shape[1]
            out = f"linear{linear}"
            inits += [numpy_helper.from_array(w, f"w{linear}"), numpy_helper.from_array(b, f"b{linear}")]
            # Linear stores W as [out, in] (PyTorch's layout): y = x·Wᵀ + b is Gemm with transB = 1.
            nodes.append(helper.make_node("Gemm", [current, f"w{linear}", f"b{linear}"], [out], transB=1))
            current, linear = out, linear + 1
        elif kind == "activation" and layer["name"] == "relu":
            out = f"relu{linear}"
            nodes.append(helper.make_node("Relu", [current], [out]))
            current = out
        else:
            raise SystemExit(f"{source}: layer {index} ({layer}) is not supported; only Linear and ReLU are")
    nodes.append(helper.make_node("Identity", [current], ["logits"]))
    outputs = tensors[f"{index}.weight"].shape[0] if layers[-1]["type"] == "linear" else None
    graph = helper.make_graph(
        nodes,
        "dendrite_mlp",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", width])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", outputs])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="dendrite-bench")
    onnx.checker.check_model(model)
    onnx.save(model, target)
    print(f"wrote {target}: {width} -> {outputs}, {linear} Gemm nodes")


if __name__ == "__main__":
    main()
