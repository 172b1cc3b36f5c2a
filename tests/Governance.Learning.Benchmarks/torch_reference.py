"""PyTorch side of the Governance.Learning benchmarks (same configs as the C# command).

  /usr/bin/python3 tests/Governance.Learning.Benchmarks/torch_reference.py            # both, threads 1 and 2
  /usr/bin/python3 tests/Governance.Learning.Benchmarks/torch_reference.py train 2 10 # one setting
Training step: BERT-style post-LN encoder (4 layers, d=256, 4 heads, ff=1024, vocab 8192, seq 128, batch 32,
dropout 0.1, pooler + 2-class head), cross-entropy, backward, clip 1.0, AdamW. Prints markdown rows.
"""
import math, resource, subprocess, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

V, D, H, FF, L, T, B = 8192, 256, 4, 1024, 4, 128, 32


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(D, D) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(D, eps=1e-12), nn.LayerNorm(D, eps=1e-12)
        self.ff1, self.ff2 = nn.Linear(D, FF), nn.Linear(FF, D)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, ext):
        b, t, _ = x.shape
        heads = lambda z: z.view(b, t, H, D // H).transpose(1, 2)
        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        p = self.drop(torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(D // H) + ext, dim=-1))
        ctx = (p @ v).transpose(1, 2).reshape(b, t, D)
        x = self.ln1(x + self.drop(self.o(ctx)))
        return self.ln2(x + self.drop(self.ff2(F.gelu(self.ff1(x)))))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.segment = nn.Embedding(V, D), nn.Embedding(T, D), nn.Embedding(2, D)
        self.ln = nn.LayerNorm(D, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(L))
        self.pool, self.cls, self.drop = nn.Linear(D, D), nn.Linear(D, 2), nn.Dropout(0.1)

    def forward(self, ids, mask):
        x = self.drop(self.ln(self.word(ids) + self.pos.weight[: ids.shape[1]] + self.segment.weight[0]))
        ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, ext)
        return self.cls(self.drop(torch.tanh(self.pool(x[:, 0]))))


def train(threads, steps):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = Model()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    ids = torch.randint(1, V, (B, T))
    mask = torch.ones(B, T, dtype=torch.long)
    labels = torch.arange(B) % 2
    times = []
    cpu0 = 0.0
    for s in range(steps + 2):
        if s == 2:
            cpu0 = time.process_time()
        t0 = time.perf_counter()
        loss = F.cross_entropy(model(ids, mask), labels)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if s >= 2:
            times.append(time.perf_counter() - t0)
    cpu = (time.process_time() - cpu0) / steps
    med = sorted(times)[len(times) // 2]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| PyTorch {torch.__version__} | {threads} | {B * T / med:.0f} | {med * 1000:.0f} | {cpu * 1000:.0f} | {peak:.0f} | best {B * T / min(times):.0f} tokens/s |")


def gemm(threads):
    torch.set_num_threads(threads)
    for n in (256, 512, 1024):
        a, b = torch.randn(n, n), torch.randn(n, n)
        for _ in range(3):
            a @ b
        reps = max(5, int(2e10 / (2 * n ** 3)))
        best = min(_timed(lambda: a @ b) for _ in range(reps))
        print(f"| {n} | {threads} | {2 * n ** 3 / best / 1e9:.1f} | OpenBLAS via torch |")


def _timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        kind, threads = sys.argv[1], int(sys.argv[2])
        gemm(threads) if kind == "gemm" else train(threads, int(sys.argv[3]) if len(sys.argv) > 3 else 10)
    else:
        print("| n | threads | GFLOP/s | |\n|---|---|---|---|")
        for th in (1, 2):
            subprocess.run([sys.executable, __file__, "gemm", str(th)], check=True)
        print("\n| engine | threads | tokens/s | ms/step (median) | CPU ms/step | peak RSS MiB | note |\n|---|---|---|---|---|---|---|")
        for th in (1, 2):
            subprocess.run([sys.executable, __file__, "train", str(th)], check=True)
