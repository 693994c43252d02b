"""Reads and writes safetensors files with PyTorch alone (Debian has no python3-safetensors package).

The format: an 8-byte little-endian header length, a JSON header {name: {"dtype", "shape", "data_offsets"}, ...,
"__metadata__": {str: str}}, then the tensors' little-endian bytes back to back. Dendrite's model files and
checkpoints are safetensors whose tensor names are PyTorch's state_dict keys.

    import sys; sys.path.insert(0, "bench/pytorch")
    from safetensors_io import load, save, load_state_dict

    state, metadata = load("model.safetensors")                  # {name: tensor}, {str: str}
    net.load_state_dict(load_state_dict("runs/x/best.safetensors"), strict=True)   # training state filtered out
    save("torch-model.safetensors", net.state_dict())           # loads into Dendrite strictly
"""
import json
import struct

import torch

DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}
NAMES = {dtype: name for name, dtype in DTYPES.items()}

# Tensors a Dendrite checkpoint carries beside the model's own (optimizer moments, early-stopping weights).
TRAINING_PREFIXES = ("optim.", "early_stopping.")


def load(path):
    """All tensors of the file by name, and its "__metadata__" (an empty dict when there is none)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (length,) = struct.unpack("<Q", data[:8])
    if 8 + length > len(data):
        raise ValueError(f"{path}: header length {length} runs past the end of the file")
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {}) or {}
    body = memoryview(data)[8 + length:]
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        raw = bytearray(body[start:end])  # a copy: frombuffer must not alias the file's bytes
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors, metadata


def load_state_dict(path):
    """The model's tensors of a Dendrite model file or checkpoint: everything but the training state."""
    tensors, _ = load(path)
    return {name: t for name, t in tensors.items() if not name.startswith(TRAINING_PREFIXES)}


def save(path, tensors, metadata=None):
    """Writes tensors (e.g. a state_dict) as safetensors: names sorted, data packed in that order, header padded to 8."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().cpu()
        raw = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
