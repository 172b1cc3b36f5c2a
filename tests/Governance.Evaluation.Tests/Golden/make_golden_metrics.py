#!/usr/bin/python3
"""Writes golden values for Governance.Evaluation tests from scikit-learn and SciPy.

Run with Debian's python3 (python3-sklearn, python3-scipy):  /usr/bin/python3 make_golden_metrics.py
Outputs small JSON files beside this script; the C# tests read them (no Python at test time).
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy import special, stats
from sklearn import metrics
from sklearn.calibration import calibration_curve
from sklearn.preprocessing import label_binarize

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}


def write(name, payload):
    payload = {"generator": "make_golden_metrics.py", "versions": VERSIONS, **payload}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")


def lst(a):
    return [float(x) for x in np.asarray(a, dtype=float).ravel()]


def special_functions():
    z = [-38.0, -12.5, -6.0, -3.3, -1.0, -0.1, 0.0, 0.2, 1.5, 2.9, 5.0, 8.2]
    p = [1e-300, 1e-20, 1e-9, 1e-4, 0.01, 0.025, 0.3, 0.5, 0.6, 0.975, 0.999, 1 - 1e-12]
    x_gamma = [0.01, 0.5, 1.0, 2.5, 7.3, 14.9, 15.0, 33.3, 171.5, 1e5]
    ga = [(0.5, 0.1), (0.5, 4.0), (1.0, 1.0), (2.5, 0.7), (3.0, 9.0), (10.0, 10.0), (50.0, 42.0), (0.2, 30.0), (120.0, 180.0)]
    chi = [(0.5, 1), (3.84, 1), (10.0, 3), (25.0, 10), (100.0, 80), (0.01, 5), (300.0, 1)]
    beta = [(0.5, 0.5, 0.2), (2.0, 3.0, 0.4), (10.0, 1.5, 0.9), (30.0, 40.0, 0.45), (1.0, 1.0, 0.7), (5.5, 0.7, 0.01)]
    erfc_x = [-2.0, -0.3, 0.0, 0.4, 1.7, 4.0, 9.0, 26.0]
    write("special_functions.json", {
        "normal_cdf": [{"x": v, "value": float(stats.norm.cdf(v))} for v in z],
        "normal_sf": [{"x": v, "value": float(stats.norm.sf(v))} for v in z],
        "normal_ppf": [{"p": v, "value": float(stats.norm.ppf(v))} for v in p],
        "log_gamma": [{"x": v, "value": float(special.gammaln(v))} for v in x_gamma],
        "gamma_p": [{"a": a, "x": x, "value": float(special.gammainc(a, x))} for a, x in ga],
        "gamma_q": [{"a": a, "x": x, "value": float(special.gammaincc(a, x))} for a, x in ga],
        "chi2_sf": [{"x": x, "df": d, "value": float(stats.chi2.sf(x, d))} for x, d in chi],
        "beta_inc": [{"a": a, "b": b, "x": x, "value": float(special.betainc(a, b, x))} for a, b, x in beta],
        "erfc": [{"x": v, "value": float(special.erfc(v))} for v in erfc_x],
    })


def classification_binary():
    rng = np.random.default_rng(20261121)
    n = 240
    y = (rng.random(n) < 0.35).astype(int)
    # Scores rounded to 2 decimals so that ties occur, as they do with calibrated models.
    score = np.clip(np.round(0.35 * y + rng.random(n) * 0.65, 2), 0.0, 1.0)
    pred = (score >= 0.5).astype(int)
    out = {"y_true": [int(v) for v in y], "score": lst(score), "y_pred": [int(v) for v in pred]}
    out["accuracy"] = metrics.accuracy_score(y, pred)
    out["balanced_accuracy"] = metrics.balanced_accuracy_score(y, pred)
    out["confusion_matrix"] = [int(v) for v in metrics.confusion_matrix(y, pred).ravel()]
    out["precision_binary"] = metrics.precision_score(y, pred)
    out["recall_binary"] = metrics.recall_score(y, pred)
    out["f1_binary"] = metrics.f1_score(y, pred)
    out["mcc"] = metrics.matthews_corrcoef(y, pred)
    out["roc_auc"] = metrics.roc_auc_score(y, score)
    out["average_precision"] = metrics.average_precision_score(y, score)
    out["log_loss"] = metrics.log_loss(y, score)
    out["brier"] = metrics.brier_score_loss(y, score)
    prob_true, prob_pred = calibration_curve(y, score, n_bins=10, strategy="uniform")
    out["calibration_prob_true"] = lst(prob_true)
    out["calibration_prob_pred"] = lst(prob_pred)
    write("classification_binary.json", out)


def classification_multiclass():
    rng = np.random.default_rng(7)
    n, k = 300, 4
    y = rng.choice(k, size=n, p=[0.4, 0.3, 0.2, 0.1])
    logits = rng.normal(size=(n, k))
    logits[np.arange(n), y] += 1.2
    prob = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    pred = prob.argmax(axis=1)
    # Never predict class 3 so that zero_division matters for its precision.
    pred = np.where(pred == 3, 0, pred)
    out = {"k": k, "y_true": [int(v) for v in y], "y_pred": [int(v) for v in pred], "prob": lst(prob)}
    out["accuracy"] = metrics.accuracy_score(y, pred)
    out["balanced_accuracy"] = metrics.balanced_accuracy_score(y, pred)
    out["confusion_matrix"] = [int(v) for v in metrics.confusion_matrix(y, pred, labels=range(k)).ravel()]
    for zd in (0, 1):
        for avg in (None, "macro", "micro", "weighted"):
            key = f"{avg or 'per_class'}_zd{zd}"
            p, r, f, _ = metrics.precision_recall_fscore_support(y, pred, average=avg, zero_division=zd)
            out[f"precision_{key}"] = lst(p)
            out[f"recall_{key}"] = lst(r)
            out[f"f1_{key}"] = lst(f)
    out["mcc"] = metrics.matthews_corrcoef(y, pred)
    out["roc_auc_ovr_macro"] = metrics.roc_auc_score(y, prob, multi_class="ovr", average="macro")
    onehot = label_binarize(y, classes=range(k))
    out["roc_auc_per_class"] = [metrics.roc_auc_score(onehot[:, c], prob[:, c]) for c in range(k)]
    out["average_precision_macro"] = metrics.average_precision_score(onehot, prob, average="macro")
    out["log_loss"] = metrics.log_loss(y, prob)
    # Multiclass Brier (Brier 1950): mean over rows of the summed squared error against one-hot.
    out["brier_multiclass"] = float(np.mean(np.sum((prob - onehot) ** 2, axis=1)))
    write("classification_multiclass.json", out)


def mcnemar():
    cases = []
    for b, c in [(0, 0), (3, 9), (10, 14), (12, 13), (40, 25), (150, 110), (1, 30)]:
        n = b + c
        exact = float(stats.binomtest(min(b, c), n, 0.5).pvalue) if n > 0 else 1.0
        chi2 = (abs(b - c) - 1) ** 2 / n if n > 0 else 0.0
        cases.append({"b": b, "c": c, "exact_p": exact, "chi2": chi2,
                      "chi2_p": float(stats.chi2.sf(chi2, 1)) if n > 0 else 1.0})
    write("mcnemar.json", {"cases": cases})


if __name__ == "__main__":
    special_functions()
    classification_binary()
    classification_multiclass()
    mcnemar()
