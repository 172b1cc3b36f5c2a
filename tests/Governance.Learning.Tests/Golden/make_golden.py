"""Writes the PyTorch golden files for the engine's parity tests.

Run from the repository root with Debian's torch:  /usr/bin/python3 tests/Governance.Learning.Tests/Golden/make_golden.py
Builds a tiny BertForSequenceClassification-equivalent in plain torch ops (transformers is not needed), with
Hugging Face tensor names, and writes into Golden/tiny_bert/:
  config.json, model.safetensors  - the initial weights, as a HF checkpoint folder
  golden.safetensors              - inputs, last hidden state, logits, loss, every gradient, and the losses and
                                    weights after 5 AdamW steps (lr 1e-3, wd 0.01, eps 1e-6, clip 0.5).
"""
import json, math, os, struct
import torch

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny_bert")
CFG = dict(vocab_size=50, hidden_size=16, num_hidden_layers=2, num_attention_heads=2, intermediate_size=32,
           max_position_embeddings=16, type_vocab_size=2, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
           layer_norm_eps=1e-12, initializer_range=0.02, pad_token_id=0, hidden_act="gelu", model_type="bert",
           id2label={"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"})
D, H, L, F = CFG["hidden_size"], CFG["num_attention_heads"], CFG["num_hidden_layers"], CFG["intermediate_size"]


def write_safetensors(path, tensors, metadata=None):
    header, offset, blobs = {}, 0, []
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def param(*shape, std=0.02, value=None):
    t = torch.full(shape, value) if value is not None else torch.randn(*shape) * std
    return t.requires_grad_(True)


P = {}
def linear(name, i, o):
    P[name + ".weight"] = param(o, i, std=0.2)   # larger than BERT's 0.02 so gradients are well above noise
    P[name + ".bias"] = param(o, std=0.1)
def norm(name):
    P[name + ".weight"] = (1 + 0.1 * torch.randn(D)).requires_grad_(True)
    P[name + ".bias"] = param(D, std=0.1)

P["bert.embeddings.word_embeddings.weight"] = param(CFG["vocab_size"], D, std=1.0)
P["bert.embeddings.position_embeddings.weight"] = param(CFG["max_position_embeddings"], D, std=1.0)
P["bert.embeddings.token_type_embeddings.weight"] = param(2, D, std=1.0)
norm("bert.embeddings.LayerNorm")
for l in range(L):
    p = f"bert.encoder.layer.{l}."
    for n in ("query", "key", "value"):
        linear(p + "attention.self." + n, D, D)
    linear(p + "attention.output.dense", D, D)
    norm(p + "attention.output.LayerNorm")
    linear(p + "intermediate.dense", D, F)
    linear(p + "output.dense", F, D)
    norm(p + "output.LayerNorm")
linear("bert.pooler.dense", D, D)
linear("classifier", D, 3)


def lin(x, name):
    return x @ P[name + ".weight"].T + P[name + ".bias"]
def ln(x, name):
    return torch.nn.functional.layer_norm(x, (D,), P[name + ".weight"], P[name + ".bias"], CFG["layer_norm_eps"])


def encoder(ids, mask):
    B, T = ids.shape
    x = P["bert.embeddings.word_embeddings.weight"][ids] + P["bert.embeddings.position_embeddings.weight"][:T] \
        + P["bert.embeddings.token_type_embeddings.weight"][0]
    x = ln(x, "bert.embeddings.LayerNorm")
    ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    hd = D // H
    for l in range(L):
        p = f"bert.encoder.layer.{l}."
        def heads(t):
            return t.view(B, T, H, hd).permute(0, 2, 1, 3)
        q, k, v = (heads(lin(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd) + ext
        ctx = (torch.softmax(scores, dim=-1) @ v).permute(0, 2, 1, 3).reshape(B, T, D)
        x = ln(lin(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        ff = lin(torch.nn.functional.gelu(lin(x, p + "intermediate.dense")), p + "output.dense")
        x = ln(ff + x, p + "output.LayerNorm")
    return x


def classify(ids, mask):
    h = encoder(ids, mask)
    pooled = torch.tanh(lin(h[:, 0], "bert.pooler.dense"))
    return h, lin(pooled, "classifier")


ids = torch.tensor([[1, 5, 9, 23, 44, 2, 0, 0], [1, 7, 7, 8, 2, 0, 0, 0], [1, 30, 31, 32, 33, 34, 35, 2]])
mask = (ids != 0).long()
labels = torch.tensor([2, 0, 1])
weights = torch.tensor([1.0, 2.0, 0.5])

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "config.json"), "w") as f:
    json.dump(CFG, f, indent=2)
write_safetensors(os.path.join(OUT, "model.safetensors"), {k: v for k, v in P.items()}, {"format": "pt"})

golden = {"input_ids": ids.float(), "attention_mask": mask.float(), "labels": labels.float(), "class_weights": weights}
hidden, logits = classify(ids, mask)
loss = torch.nn.functional.cross_entropy(logits, labels, weight=weights)
loss.backward()
golden["hidden"] = hidden.reshape(-1, D)
golden["logits"] = logits
golden["loss"] = loss.reshape(1)
for k, v in P.items():
    golden["grad." + k] = v.grad.clone()

no_decay = [v for k, v in P.items() if k.endswith(".bias") or "LayerNorm" in k]
decay = [v for k, v in P.items() if not (k.endswith(".bias") or "LayerNorm" in k)]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                        lr=1e-3, betas=(0.9, 0.999), eps=1e-6)
losses = []
for step in range(5):
    opt.zero_grad()
    _, logits = classify(ids, mask)
    loss = torch.nn.functional.cross_entropy(logits, labels, weight=weights)
    losses.append(loss.item())
    loss.backward()
    torch.nn.utils.clip_grad_norm_(list(P.values()), 0.5)
    opt.step()
golden["adamw.losses"] = torch.tensor(losses)
for k, v in P.items():
    golden["adamw." + k] = v.detach().clone()
write_safetensors(os.path.join(OUT, "golden.safetensors"), golden, {"torch": torch.__version__})
print("wrote", OUT, "losses", losses)
