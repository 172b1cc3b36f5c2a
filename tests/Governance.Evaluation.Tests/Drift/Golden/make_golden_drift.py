#!/usr/bin/python3
"""Writes drift_golden.json: reference values from SciPy for the drift tests.

Run with Debian's python3 (scipy 1.10): /usr/bin/python3 make_golden_drift.py
Samples are rounded to 6 decimals before SciPy sees them, so the C# tests read exactly the same numbers.
"""
import json
import math
from math import gcd

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance
from scipy.stats import _stats_py

rng = np.random.default_rng(20261121)


def sample(kind, n, shift=0.0, scale=1.0):
    if kind == "normal":
        x = rng.normal(shift, scale, n)
    elif kind == "ties":  # small integers: many ties
        x = rng.integers(0, 8, n).astype(float) + shift
    else:
        x = rng.exponential(scale, n) + shift
    return [round(float(v), 6) for v in x]


def ks_case(name, a, b):
    exact = stats.ks_2samp(a, b, method="exact")
    asymp = stats.ks_2samp(a, b, method="asymp")
    auto = stats.ks_2samp(a, b, method="auto")
    n1, n2 = len(a), len(b)
    en = n1 * n2 / (n1 + n2)
    return {
        "name": name, "reference": a, "current": b,
        "statistic": float(exact.statistic),
        "exactPValue": float(exact.pvalue),
        "autoPValue": float(auto.pvalue),
        "scipyAsymptoticPValue": None if math.isnan(asymp.pvalue) else float(asymp.pvalue),
        "kolmogorovLimitPValue": float(stats.kstwobign.sf(math.sqrt(en) * asymp.statistic)),
    }


ks = [
    ks_case("equal sizes, normal shift", sample("normal", 25), sample("normal", 25, 0.8)),
    ks_case("unequal sizes, normal", sample("normal", 30), sample("normal", 47, 0.3)),
    ks_case("ties", sample("ties", 60), sample("ties", 45, 1.0)),
    ks_case("same distribution", sample("exp", 120), sample("exp", 90)),
    ks_case("strong shift, small p", sample("normal", 150), sample("normal", 200, 1.2)),
    ks_case("identical", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
    ks_case("one value each", [0.0], [1.0]),
]

# Exact p-values straight from SciPy's exact routine for sizes too large to store as samples.
exact_only = []
for n1, n2, d in [(1000, 1500, 0.05), (5000, 5000, 0.03), (3000, 7001, 0.02), (10000, 9999, 0.015),
                  (200, 300, 0.2), (400, 400, 0.3), (7, 13, 0.5)]:
    g = gcd(n1, n2)
    lcm = (n1 // g) * n2
    h = int(round(d * lcm))
    ok, dd, p = _stats_py._attempt_exact_2kssamp(n1, n2, g, h / lcm, "two-sided")
    exact_only.append({"n1": n1, "n2": n2, "h": h, "statistic": float(dd), "pValue": float(p), "ok": bool(ok)})

kolmogorov = [{"lambda": lam, "sf": float(stats.kstwobign.sf(lam))}
              for lam in [0.05, 0.3, 0.5, 0.8, 0.99, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0]]

wasserstein = []
for name, a, b in [
    ("normal shift", sample("normal", 40), sample("normal", 55, 0.5, 2.0)),
    ("ties", sample("ties", 70), sample("ties", 33, 0.5)),
    ("exponential", sample("exp", 100), sample("exp", 100, 0.0, 1.5)),
    ("hand", [0.0, 1.0, 3.0], [5.0, 6.0, 8.0]),
]:
    w = float(stats.wasserstein_distance(a, b))
    wasserstein.append({"name": name, "reference": a, "current": b, "distance": w,
                        "normalized": w / max(float(np.std(a)), 0.001)})

js = []
for p, q in [([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]), ([1, 0, 0], [0, 1, 0]), ([5, 0, 3, 2], [1, 4, 3, 2]),
             ([0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]), ([10, 20, 30], [11, 19, 33])]:
    js.append({"p": p, "q": q, "natural": float(distance.jensenshannon(p, q)),
               "base2": float(distance.jensenshannon(p, q, base=2))})

chisq = []
for obs, exp in [([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]), ([50, 30, 20], [40, 40, 20]),
                 ([10, 10], [10, 10]), ([120, 5, 75], [100.5, 20.25, 79.25])]:
    r = stats.chisquare(obs, exp)
    chisq.append({"observed": obs, "expected": exp, "statistic": float(r.statistic), "pValue": float(r.pvalue)})

homogeneity = []
for a, b in [([30, 20, 10], [20, 25, 15]), ([5, 0, 7, 3], [2, 4, 6, 8]), ([100, 1], [90, 11])]:
    stat, p, dof, _ = stats.chi2_contingency([a, b], correction=False)
    homogeneity.append({"reference": a, "current": b, "statistic": float(stat), "pValue": float(p), "dof": int(dof)})


def psi_quantile(a, b, bins, eps):
    """Reference-quantile PSI with the definition documented in NumericDrift (numpy, not SciPy)."""
    a = np.sort(np.asarray(a)); b = np.asarray(b)
    inner = []
    for k in range(1, bins):
        q = float(np.quantile(a, k / bins))  # 'linear' interpolation
        if not inner or q > inner[-1]:
            inner.append(q)
    idx_a = np.searchsorted(inner, a, side="right")
    idx_b = np.searchsorted(inner, b, side="right")
    ra = np.bincount(idx_a, minlength=len(inner) + 1) / len(a)
    rb = np.bincount(idx_b, minlength=len(inner) + 1) / len(b)
    ra = np.where(ra == 0, eps, ra); rb = np.where(rb == 0, eps, rb)
    return float(np.sum((ra - rb) * np.log(ra / rb)))


psi = []
for name, a, b in [("normal shift", sample("normal", 300), sample("normal", 250, 0.4)),
                   ("ties", sample("ties", 200), sample("ties", 150, 2.0))]:
    psi.append({"name": name, "reference": a, "current": b, "bins": 10, "epsilon": 1e-4,
                "psi": psi_quantile(a, b, 10, 1e-4)})

out = {
    "generator": f"make_golden_drift.py with scipy {scipy.__version__}, numpy {np.__version__}",
    "ks": ks, "ksExact": exact_only, "kolmogorovLimit": kolmogorov,
    "wasserstein": wasserstein, "jensenShannon": js, "chiSquare": chisq, "chiSquareHomogeneity": homogeneity, "psi": psi,
}
with open("drift_golden.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote drift_golden.json")
