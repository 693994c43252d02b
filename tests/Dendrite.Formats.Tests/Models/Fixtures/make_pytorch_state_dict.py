#!/usr/bin/python3
"""Writes pytorch-bn-mlp.safetensors: the state_dict of a small trained PyTorch MLP with batch norm, as
safetensors.torch.save_file would write it (num_batches_tracked as I64, shape []), plus the eval-mode outputs of
that model for a fixed input (pytorch-bn-mlp.expected.json). Run with Debian's python3-torch:
    /usr/bin/python3 make_pytorch_state_dict.py
The test ModelInteropTests loads the file into the same architecture built in Dendrite, strictly."""
import json
import struct

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(4, 8), torch.nn.BatchNorm1d(8), torch.nn.ReLU(), torch.nn.Linear(8, 8),
    torch.nn.LayerNorm(8), torch.nn.GELU(), torch.nn.Linear(8, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(64, 4)
y = torch.randint(0, 3, (64,))
for _ in range(5):  # a few steps, so the running statistics and the counter are not at their initial values
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
model.eval()

DTYPES = {torch.float32: "F32", torch.int64: "I64"}
state = model.state_dict()
header, chunks, offset = {}, [], 0
for name in sorted(state):
    t = state[name].contiguous()
    data = t.numpy().tobytes()
    header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
    chunks.append(data)
    offset += len(data)
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("pytorch-bn-mlp.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))

probe = torch.tensor([[0.5, -1.0, 2.0, 0.25], [-0.3, 0.8, -1.5, 1.0], [0.0, 0.0, 0.0, 0.0]])
with torch.no_grad():
    out = model(probe)
with open("pytorch-bn-mlp.expected.json", "w") as f:
    json.dump({"input": probe.tolist(), "output": out.tolist(), "num_batches_tracked": int(state["1.num_batches_tracked"])}, f, indent=1)
print(sorted(state), int(state["1.num_batches_tracked"]))
