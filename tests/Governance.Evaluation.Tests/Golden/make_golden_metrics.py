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


# --- Generation -------------------------------------------------------------------------------
# sacrebleu and rouge-score are not installable here (no registry access for them), so these values
# come from a short re-statement of their published definitions using Python's `re`, which checks
# that the C# regexes tokenise exactly as Python's do. One real sacreBLEU output (48.5308...) is
# asserted separately in the C# tests.
import math
import re
from collections import Counter

_TOK13A = [
    (re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "),
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),
]


def tok13a(line):
    for a, b in [("<skipped>", ""), ("-\n", ""), ("\n", " "), ("&quot;", '"'), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")]:
        line = line.replace(a, b)
    line = " " + line + " "
    for rx, repl in _TOK13A:
        line = rx.sub(repl, line)
    return " ".join(line.strip().split())


def ngrams(words, max_order):
    c = Counter()
    for n in range(1, max_order + 1):
        for i in range(len(words) - n + 1):
            c[tuple(words[i:i + n])] += 1
    return c


def corpus_bleu(hyps, ref_streams, smooth="exp", smooth_value=None, max_order=4):
    correct, total = [0] * max_order, [0] * max_order
    sys_len = ref_len = 0
    for i, h in enumerate(hyps):
        hw = tok13a(h.rstrip()).split()
        ref_counts, lens = Counter(), []
        for stream in ref_streams:
            rw = tok13a(stream[i].rstrip()).split()
            lens.append(len(rw))
            for g, c in ngrams(rw, max_order).items():
                ref_counts[g] = max(ref_counts[g], c)
        closest = min(lens, key=lambda L: (abs(len(hw) - L), L))
        sys_len += len(hw)
        ref_len += closest
        for g, c in ngrams(hw, max_order).items():
            correct[len(g) - 1] += min(c, ref_counts[g])
        for n in range(1, max_order + 1):
            total[n - 1] += max(0, len(hw) - n + 1)
    bp = 1.0 if sys_len >= ref_len else (math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0)
    if not any(correct):
        return {"score": 0.0, "bp": bp, "counts": correct, "totals": total, "sys_len": sys_len, "ref_len": ref_len}
    if smooth_value is None:
        smooth_value = {"floor": 0.1, "add-k": 1}.get(smooth)
    prec, mteval = [0.0] * max_order, 1.0
    cor, tot = list(correct), list(total)
    for n in range(1, max_order + 1):
        if smooth == "add-k" and n > 1:
            cor[n - 1] += smooth_value
            tot[n - 1] += smooth_value
        if tot[n - 1] == 0:
            break
        if cor[n - 1] == 0:
            if smooth == "exp":
                mteval *= 2
                prec[n - 1] = 100.0 / (mteval * tot[n - 1])
            elif smooth == "floor":
                prec[n - 1] = 100.0 * smooth_value / tot[n - 1]
        else:
            prec[n - 1] = 100.0 * cor[n - 1] / tot[n - 1]
    score = bp * math.exp(sum(math.log(p) if p > 0 else -9999999999 for p in prec) / max_order)
    return {"score": score, "bp": bp, "counts": correct, "totals": total, "sys_len": sys_len, "ref_len": ref_len}


def rouge_tokens(text):
    return [t for t in re.sub(r"[^a-z0-9]+", " ", text.lower()).split() if t]


def rouge_pair(hyp, ref):
    h, r = rouge_tokens(hyp), rouge_tokens(ref)

    def prf(overlap, hn, rn):
        p = overlap / hn if hn else 0.0
        rr = overlap / rn if rn else 0.0
        return [p, rr, 2 * p * rr / (p + rr) if p + rr > 0 else 0.0]

    out = {}
    for n in (1, 2):
        hc = Counter(tuple(h[i:i + n]) for i in range(len(h) - n + 1))
        rc = Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
        out[f"rouge{n}"] = prf(sum((hc & rc).values()), max(0, len(h) - n + 1), max(0, len(r) - n + 1))
    table = [[0] * (len(r) + 1) for _ in range(len(h) + 1)]
    for i in range(1, len(h) + 1):
        for j in range(1, len(r) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if h[i - 1] == r[j - 1] else max(table[i - 1][j], table[i][j - 1])
    out["rougeL"] = prf(table[len(h)][len(r)], len(h), len(r))
    return out


def generation():
    tok_cases = ["Hello, world! It's 3.14 and 1,000 -- 5-6 people.", "&quot;Quoted&quot; &amp; <tags> (a+b)=c; x/y? {z}~",
                 "The U.S.A. costs $4.50, e.g. 12-3.", "  trailing  spaces\tand\ttabs  ", "no-dash-split but 2-3 splits",
                 "a.b,c .d ,e 1.2.3 4,5,6"]
    hyps = ["The cat sat on the mat.", "It is raining heavily today!", "Numbers: 3.14, 2,000 and 5-6.", "short", "A completely different sentence here."]
    refs1 = ["The cat is on the mat.", "It rains heavily today.", "Numbers: 3.14, 2,000 and 5-6!", "a short one", "Nothing in common at all."]
    refs2 = ["There is a cat on the mat.", "Today it is raining a lot!", "The numbers are 3.14, 2,000 and 5-6.", "short", "Another reference sentence."]
    bleu_cases = []
    for smooth, value in [("exp", None), ("none", None), ("floor", None), ("floor", 0.3), ("add-k", None), ("add-k", 2)]:
        for streams in ([refs1], [refs1, refs2]):
            res = corpus_bleu(hyps, streams, smooth, value)
            bleu_cases.append({"smooth": smooth, "smooth_value": value, "streams": len(streams), **res})
    # A corpus with 4-grams but no 4-gram match (smoothing decides the score).
    sparse_hyps, sparse_refs = ["the cat sat on the mat today", "dogs bark at night"], ["the cat sat in the mat today", "dogs bark all night"]
    sparse = {"hyps": sparse_hyps, "refs": sparse_refs,
              "cases": [{"smooth": m, **corpus_bleu(sparse_hyps, [sparse_refs], m)} for m in ("exp", "none", "floor", "add-k")]}
    rouge_hyps = ["The quick brown fox jumps over the lazy dog", "Police killed the gunman!", "", "Überraschung: 42 apples"]
    rouge_refs = ["The quick brown dog jumps on the log.", "The gunman was shot down by police.", "nothing", "42 Apples, überraschung"]
    write("generation.json", {
        "tokenizer_13a": [{"input": c, "tokens": tok13a(c)} for c in tok_cases],
        "bleu": {"hyps": hyps, "refs1": refs1, "refs2": refs2, "cases": bleu_cases},
        "bleu_sparse": sparse,
        "rouge": {"hyps": rouge_hyps, "refs": rouge_refs, "pairs": [rouge_pair(h, r) for h, r in zip(rouge_hyps, rouge_refs)]},
    })


def fairness():
    """Group fairness, intersectional, computed directly with numpy from fairlearn's definitions
    (difference = max - min, ratio = min / max over groups; equalized odds = worse of TPR/FPR),
    over groups with at least `min_size` members (fairlearn itself is not installable here)."""
    rng = np.random.default_rng(42)
    n, min_size = 600, 40
    sex = rng.choice(["F", "M"], size=n, p=[0.45, 0.55])
    age = rng.choice(["young", "mid", "old"], size=n, p=[0.3, 0.6, 0.1])
    y = (rng.random(n) < np.where(sex == "F", 0.35, 0.45)).astype(int)
    flip = rng.random(n) < np.where(age == "old", 0.35, 0.15)
    p = np.where(flip, 1 - y, y)
    keys = np.array([f"sex={a}|age={b}" for a, b in zip(sex, age)])
    groups = {}
    for k in sorted(set(keys)):
        m = keys == k
        tp = int(((y == 1) & (p == 1) & m).sum()); fp = int(((y == 0) & (p == 1) & m).sum())
        fn = int(((y == 1) & (p == 0) & m).sum()); tn = int(((y == 0) & (p == 0) & m).sum())
        cnt = int(m.sum())
        groups[k] = {"count": cnt, "selection_rate": (tp + fp) / cnt, "tpr": tp / (tp + fn), "fpr": fp / (fp + tn),
                     "precision": tp / (tp + fp), "accuracy": (tp + tn) / cnt, "f1": 2 * tp / (2 * tp + fp + fn)}
    eligible = {k: g for k, g in groups.items() if g["count"] >= min_size}

    def gap(rate):
        v = [g[rate] for g in eligible.values()]
        return {"difference": max(v) - min(v), "ratio": min(v) / max(v)}

    ref = sorted(eligible, key=lambda k: (-eligible[k]["count"], k))[0]
    write("fairness.json", {
        "min_size": min_size, "sex": list(map(str, sex)), "age": list(map(str, age)),
        "y_true": [int(v) for v in y], "y_pred": [int(v) for v in p], "groups": groups,
        "below_min": sorted(k for k in groups if k not in eligible),
        "demographic_parity": gap("selection_rate"), "equal_opportunity": gap("tpr"), "predictive_parity": gap("precision"),
        "equalized_odds": {"difference": max(gap("tpr")["difference"], gap("fpr")["difference"]),
                           "ratio": min(gap("tpr")["ratio"], gap("fpr")["ratio"])},
        "reference": ref, "impact": {k: g["selection_rate"] / eligible[ref]["selection_rate"] for k, g in eligible.items()},
    })


if __name__ == "__main__":
    generation()
    fairness()
    special_functions()
    classification_binary()
    classification_multiclass()
    mcnemar()
