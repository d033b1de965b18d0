#!/usr/bin/env python3
"""Makes Tests/Fixtures/training/: golden cases of logistic-regression and isolation-forest training,
from scikit-learn.

logreg/binary.csv      400 rows, x0..x4 (different scales) and label 0/1 (logistic model, ~35% positive)
logreg/multiclass.csv  450 rows, x0..x3 and label 0/1/2 (overlapping Gaussian classes)
logreg/cases.json      fitted cases (coef, intercept, scaler, predict_proba of the first 10 rows,
                       objective value at the optimum); every optimum is checked here with an
                       independent Newton step / KKT check on the objective written out in the case.
isolation_forest/train.csv, test.csv, forest.json
                       IsolationForest(n_estimators=7, max_samples=32, random_state=0): the trees, and
                       sklearn's own score_samples / decision_function; the scores are recomputed here
                       from the dumped trees with the formula in "definition".

Numbers are generated as np.round(x, 6), written with '%.6f', and every model is fit on the values read
back from the CSV file. Everything is seeded; rerunning gives the same files.

Usage: python3 scripts/make-training-fixtures.py
"""
import csv
import json
import os
import platform
import warnings

import numpy as np
import scipy
import sklearn
from scipy.special import expit, logsumexp, softmax
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "training")
LOGREG = os.path.join(OUT, "logreg")
IFOREST = os.path.join(OUT, "isolation_forest")

VERSIONS = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "python": platform.python_version(),
    "script": "scripts/make-training-fixtures.py",
}


# ----------------------------------------------------------------------------------------------
# CSV helpers


def write_csv(path, header, X, label=None):
    X = np.round(np.asarray(X, dtype=np.float64), 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    with open(path, "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for i in range(X.shape[0]):
            cells = ["%.6f" % v for v in X[i]]
            if label is not None:
                cells.append("%d" % label[i])
            f.write(",".join(cells) + "\n")


def read_csv(path, label=False):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if label:
        X = np.array([[float(c) for c in r[:-1]] for r in body], dtype=np.float64)
        y = np.array([int(r[-1]) for r in body], dtype=np.int64)
        return header, X, y
    return header, np.array([[float(c) for c in r] for r in body], dtype=np.float64)


# ----------------------------------------------------------------------------------------------
# Data


def make_binary():
    rng = np.random.default_rng(20240611)
    n = 400
    x0 = rng.normal(0.0, 1.0, n)
    x1 = rng.normal(5.0, 3.0, n)
    x2 = rng.normal(-2.0, 0.5, n)
    x3 = rng.uniform(0.0, 100.0, n)
    x4 = rng.normal(0.0, 1.0, n)
    X = np.round(np.column_stack([x0, x1, x2, x3, x4]), 6)
    # x4 is pure noise, x3 is weak: the L1 case zeroes them out.
    z = -0.85 + 1.1 * X[:, 0] + 0.25 * (X[:, 1] - 5.0) - 1.4 * (X[:, 2] + 2.0) + 0.004 * (X[:, 3] - 50.0)
    y = (rng.random(n) < expit(z)).astype(np.int64)
    return X, y


def make_multiclass():
    rng = np.random.default_rng(7031)
    n = 450
    y = rng.choice(3, size=n, p=[0.40, 0.35, 0.25]).astype(np.int64)
    mu = np.array([[0.0, 0.0, 0.0, 0.0], [1.0, 0.8, -0.6, 0.3], [-0.4, 1.2, 0.7, -0.8]])
    scale = np.array([1.0, 3.0, 0.5, 10.0])
    offset = np.array([0.0, 5.0, -2.0, 50.0])
    X = (mu[y] + rng.normal(0.0, 1.0, (n, 4))) * scale + offset
    return np.round(X, 6), y


# ----------------------------------------------------------------------------------------------
# The objective, normalized as  sum_i s_i * loss_i + penalty / C   (s_i = class weight of y_i)


def lin(X, W, b):
    return X @ W.T + b  # n x K (K = 1 for binary)


def objective(X, y, s, W, b, C, penalty, binary):
    Z = lin(X, W, b)
    if binary:
        z = Z[:, 0]
        loss = np.logaddexp(0.0, z) - y * z
    else:
        loss = logsumexp(Z, axis=1) - Z[np.arange(len(y)), y]
    pen = 0.5 * np.sum(W * W) if penalty == "l2" else np.sum(np.abs(W))
    return float(np.sum(s * loss) + pen / C)


def loss_grad_hess(X, y, s, W, b, binary):
    """Gradient and Hessian of sum_i s_i*loss_i w.r.t. theta = [W | b] flattened row-wise (K x (F+1))."""
    n, F = X.shape
    X1 = np.column_stack([X, np.ones(n)])
    Z = lin(X, W, b)
    if binary:
        p = expit(Z[:, 0])
        g = X1.T @ (s * (p - y))
        H = X1.T @ (X1 * (s * p * (1.0 - p))[:, None])
        return g, H
    K = W.shape[0]
    P = softmax(Z, axis=1)
    Y = np.eye(K)[y]
    G = ((P - Y) * s[:, None]).T @ X1  # K x (F+1)
    H = np.zeros((K, F + 1, K, F + 1))
    for k in range(K):
        for l in range(K):
            wkl = s * P[:, k] * ((k == l) - P[:, l])
            H[k, :, l, :] = X1.T @ (X1 * wkl[:, None])
    return G.ravel(), H.reshape(K * (F + 1), K * (F + 1))


def newton_check_l2(X, y, s, W, b, C, binary):
    """One Newton step from (W, b) on the full L2 objective: its size bounds the distance to the optimum."""
    K, F = W.shape
    g, H = loss_grad_hess(X, y, s, W, b, binary)
    pen = np.zeros((K, F + 1))
    pen[:, :F] = 1.0 / C
    theta = np.column_stack([W, b]).ravel()
    g = g + pen.ravel() * theta
    H = H + np.diag(pen.ravel())
    # multinomial: H is singular along "same shift of every intercept"; lstsq gives the min-norm step
    step = np.linalg.lstsq(H, -g, rcond=None)[0]
    return float(np.max(np.abs(g))), float(np.max(np.abs(step)))


def refine_l1(X, y, s, W, b, C, binary, iters=50):
    """Exact L1 optimum: Newton on the smooth problem restricted to the support of (W, b) with the signs
    fixed (sum s_i loss_i + sign(w).w / C), then the KKT conditions are checked."""
    K, F = W.shape
    active = np.abs(W) > 0
    sign = np.sign(W)
    theta = np.column_stack([W, b]).ravel().copy()
    free = np.column_stack([active, np.ones((K, 1), bool)]).ravel()
    lin_pen = np.column_stack([sign / C, np.zeros((K, 1))]).ravel()
    for _ in range(iters):
        Wt = theta.reshape(K, F + 1)
        g, H = loss_grad_hess(X, y, s, Wt[:, :F], Wt[:, F], binary)
        g = g + lin_pen
        gf, Hf = g[free], H[np.ix_(free, free)]
        step = np.linalg.lstsq(Hf, -gf, rcond=None)[0]
        theta[free] += step
        if np.max(np.abs(step)) < 1e-15:
            break
    Wt = theta.reshape(K, F + 1)
    W2, b2 = Wt[:, :F].copy(), Wt[:, F].copy()
    g, _ = loss_grad_hess(X, y, s, W2, b2, binary)
    gW = g.reshape(K, F + 1)[:, :F]
    gb = g.reshape(K, F + 1)[:, F]
    assert np.all(np.sign(W2[active]) == sign[active]), "sign of an active coefficient flipped"
    kkt = {
        "intercept_grad_max_abs": float(np.max(np.abs(gb))),
        "active_stationarity_max_abs": float(np.max(np.abs(gW[active] + sign[active] / C))),
        "zero_coef_max_abs_grad": float(np.max(np.abs(gW[~active]))) if np.any(~active) else None,
        "one_over_C": 1.0 / C,
    }
    return W2, b2, kkt


# ----------------------------------------------------------------------------------------------
# Logistic regression cases


def resolved_class_weights(class_weight, y, K):
    if class_weight is None:
        return np.ones(K)
    if class_weight == "balanced":
        counts = np.bincount(y, minlength=K)
        return len(y) / (K * counts.astype(np.float64))
    return np.array([float(class_weight[str(k)]) for k in range(K)])


def fit_case(spec, data):
    X, y = data[spec["data"]]
    K = int(y.max()) + 1
    binary = K == 2
    cw = spec["class_weight"]
    sk_cw = {int(k): float(v) for k, v in cw.items()} if isinstance(cw, dict) else cw
    l1 = spec["penalty"] == "l1"
    if l1:
        lr = LogisticRegression(C=spec["C"], l1_ratio=1.0, solver="saga", tol=1e-12, max_iter=1_000_000,
                                class_weight=sk_cw, random_state=0)
    else:
        lr = LogisticRegression(C=spec["C"], l1_ratio=0.0, solver=spec["solver"], tol=1e-12,
                                max_iter=100_000, class_weight=sk_cw)
    steps = ([("scaler", StandardScaler())] if spec["standardize"] else []) + [("lr", lr)]
    model = Pipeline(steps)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning is an error here
        model.fit(X, y)
    Xs = model.named_steps["scaler"].transform(X) if spec["standardize"] else X
    s = resolved_class_weights(cw, y, K)[y]
    W, b = lr.coef_.copy(), lr.intercept_.copy()
    C = spec["C"]
    case = {
        "name": spec["name"],
        "data": spec["data"],
        "standardize": spec["standardize"],
        "C": C,
        "penalty": spec["penalty"],
        "class_weight": cw,
        "class_weight_resolved": resolved_class_weights(cw, y, K).tolist(),
    }
    n_iter = int(np.max(lr.n_iter_))
    if l1:
        W2, b2, kkt = refine_l1(Xs, y, s, W, b, C, binary)
        diff = float(max(np.max(np.abs(W2 - W)), np.max(np.abs(b2 - b))))
        assert kkt["intercept_grad_max_abs"] < 1e-8 and kkt["active_stationarity_max_abs"] < 1e-8
        assert kkt["zero_coef_max_abs_grad"] is not None and kkt["zero_coef_max_abs_grad"] < 1.0 / C
        nz = int(np.sum(W2 != 0))
        assert nz >= 2 and nz < W2.size, "need >=1 zero and >=2 nonzero coefficients"
        case["how"] = (
            "sklearn LogisticRegression(l1_ratio=1.0 (= penalty='l1'), solver='saga', tol=1e-12, "
            "max_iter=1000000, random_state=0) in Pipeline(StandardScaler(), ...) converged in %d epochs; "
            "its support (zero pattern) and signs were kept and the smooth problem on that support "
            "(sum_i w_i*loss_i + sum_j sign_j*coef_j / C, intercept free) was solved by Newton's method "
            "to machine precision; KKT conditions verified: |d/d intercept| = %.2e, "
            "|grad_j + sign_j/C| on nonzero coefs = %.2e (< 1e-8), max |grad_j| on zero coefs = %.4g "
            "< 1/C = %g. coef/intercept below are this refined optimum (max |difference| to sklearn's saga "
            "coef_/intercept_ = %.2e, given in sklearn_coef/sklearn_intercept); proba_first_10 is sklearn's "
            "predict_proba of the pipeline with the refined coef_/intercept_ set."
            % (n_iter, kkt["intercept_grad_max_abs"], kkt["active_stationarity_max_abs"],
               kkt["zero_coef_max_abs_grad"], 1.0 / C, diff))
        case["kkt"] = kkt
        case["sklearn_coef"] = W.tolist()
        case["sklearn_intercept"] = b.tolist()
        case["sklearn_max_abs_diff_to_refined"] = diff
        lr.coef_, lr.intercept_ = W2, b2
        W, b = W2, b2
    else:
        gmax, stepmax = newton_check_l2(Xs, y, s, W, b, C, binary)
        assert stepmax < 1e-9, (spec["name"], gmax, stepmax)
        case["how"] = (
            "sklearn LogisticRegression(l1_ratio=0.0 (= penalty='l2'), solver='%s', tol=1e-12, "
            "max_iter=100000)%s, %d iterations; check: at sklearn's solution the max |gradient| of the "
            "objective is %.2e and a full Newton step has max |component| %.2e (distance to the optimum)."
            % (spec["solver"], " in Pipeline(StandardScaler(), ...)" if spec["standardize"] else "",
               n_iter, gmax, stepmax))
        case["optimality_check"] = {"max_abs_gradient": gmax, "max_abs_newton_step": stepmax}
        if not binary:
            # lbfgs (sklearn's default) stops on its ftol = 64*eps before tol=1e-12 is reached
            lb = LogisticRegression(C=C, l1_ratio=0.0, solver="lbfgs", tol=1e-12, max_iter=100_000,
                                    class_weight=sk_cw)
            lb.fit(Xs, y)
            d = float(max(np.max(np.abs(lb.coef_ - W)), np.max(np.abs(lb.intercept_ - b))))
            case["how"] += (" solver='lbfgs' (same settings) stops early on its ftol=64*eps: its coef_/intercept_ "
                            "differ from these by up to %.2e." % d)
    case["coef"] = W.tolist()
    case["intercept"] = b.tolist()
    if spec["standardize"]:
        sc = model.named_steps["scaler"]
        case["scaler_mean"] = sc.mean_.tolist()
        case["scaler_scale"] = sc.scale_.tolist()
    else:
        case["scaler_mean"] = None
        case["scaler_scale"] = None
    proba = model.predict_proba(X[:10])
    case["proba_first_10"] = proba.tolist()
    # multinomial vs OvR: predict_proba must be softmax(X W^T + b), not normalized one-vs-rest sigmoids
    Z = lin(Xs[:10], W, b)
    mine = np.column_stack([1.0 - expit(Z[:, 0]), expit(Z[:, 0])]) if binary else softmax(Z, axis=1)
    proba_diff = float(np.max(np.abs(mine - proba)))
    assert proba_diff < 1e-14, proba_diff
    if not binary:
        ovr = expit(Z)
        ovr /= ovr.sum(axis=1, keepdims=True)
        assert np.max(np.abs(ovr - proba)) > 1e-4
        case["multinomial_confirmed"] = (
            "predict_proba == softmax(x.coef^T + intercept) (max diff %.1e), != normalized OvR sigmoids; "
            "sklearn %s has no multi_class option: every solver but liblinear fits the multinomial loss "
            "for >= 3 classes" % (proba_diff, sklearn.__version__))
        case["intercept_gauge"] = (
            "the multinomial intercept is not identified (adding one constant to every class's intercept "
            "changes nothing, and it is not penalized); sklearn returns the symmetric one, sum = %.2e. "
            "coef rows sum to ~0 at any L2 optimum (max |column sum| = %.2e)."
            % (float(np.sum(b)), float(np.max(np.abs(W.sum(axis=0))))))
    case["objective"] = objective_words(binary, spec)
    case["objective_value"] = objective(Xs, y, s, W, b, C, spec["penalty"], binary)
    case["n_iter"] = n_iter
    return case


def objective_words(binary, spec):
    x = ("x_i = (raw row - scaler_mean) / scaler_scale (standardized; coef and intercept live in that "
         "space)" if spec["standardize"] else "x_i = raw row")
    if binary:
        loss = ("z_i = coef[0] . x_i + intercept[0], loss_i = log(1 + exp(z_i)) - y_i * z_i "
                "(binary cross-entropy, y_i in {0,1}, P(y=1) = sigmoid(z_i))")
    else:
        loss = ("z_ik = coef[k] . x_i + intercept[k], loss_i = logsumexp_k(z_ik) - z_i,y_i "
                "(multinomial cross-entropy, P(y=k) = softmax_k(z_i))")
    pen = ("(1 / (2 C)) * ||coef||_F^2" if spec["penalty"] == "l2" else "(1 / C) * ||coef||_1 (sum of |coef|)")
    return ("minimize over coef, intercept:  sum_i w_i * loss_i + %s; %s; %s; w_i = class_weight_resolved[y_i] "
            "(balanced: n / (K * count(y_i)); none: 1); the intercept is not penalized. sklearn minimizes "
            "C * sum_i w_i * loss_i + penalty (internally scaled by a positive constant), i.e. the same "
            "optimum; objective_value is this normalized objective at coef/intercept."
            % (pen, loss, x))


def logreg(summary):
    os.makedirs(LOGREG, exist_ok=True)
    Xb, yb = make_binary()
    write_csv(os.path.join(LOGREG, "binary.csv"), ["x0", "x1", "x2", "x3", "x4", "label"], Xb, yb)
    Xm, ym = make_multiclass()
    write_csv(os.path.join(LOGREG, "multiclass.csv"), ["x0", "x1", "x2", "x3", "label"], Xm, ym)
    data = {}
    for name, X0, y0 in [("binary.csv", Xb, yb), ("multiclass.csv", Xm, ym)]:
        _, X, y = read_csv(os.path.join(LOGREG, name), label=True)
        assert np.array_equal(X, X0) and np.array_equal(y, y0)
        data[name] = (X, y)
    summary["binary_positive_rate"] = float(np.mean(data["binary.csv"][1]))
    summary["multiclass_counts"] = np.bincount(data["multiclass.csv"][1]).tolist()

    specs = [
        dict(name="binary_raw_C1_l2", data="binary.csv", standardize=False, C=1.0, penalty="l2",
             class_weight=None, solver="newton-cholesky"),
        dict(name="binary_std_C0.5_l2", data="binary.csv", standardize=True, C=0.5, penalty="l2",
             class_weight=None, solver="newton-cholesky"),
        dict(name="binary_std_C1_l2_balanced", data="binary.csv", standardize=True, C=1.0, penalty="l2",
             class_weight="balanced", solver="newton-cholesky"),
        dict(name="binary_std_C0.1_l1", data="binary.csv", standardize=True, C=0.1, penalty="l1",
             class_weight=None),
        dict(name="multiclass_std_C1_l2", data="multiclass.csv", standardize=True, C=1.0, penalty="l2",
             class_weight=None, solver="newton-cholesky"),
        dict(name="multiclass_raw_C2_l2_weighted", data="multiclass.csv", standardize=False, C=2.0,
             penalty="l2", class_weight={"0": 1.0, "1": 2.0, "2": 0.5}, solver="newton-cholesky"),
    ]
    cases = [fit_case(sp, data) for sp in specs]
    for c in cases:
        summary["logreg:" + c["name"]] = c.get("optimality_check", c.get("kkt"))
    doc = {
        "versions": VERSIONS,
        "note": ("CSV values are 6-decimal numbers; each model was fit on the float64 values parsed from the "
                 "CSV. coef is K x F (binary: 1 row, the log-odds of class 1), intercept has K entries. "
                 "scaler_scale is the population standard deviation (ddof=0)."),
        "cases": cases,
    }
    with open(os.path.join(LOGREG, "cases.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


# ----------------------------------------------------------------------------------------------
# Isolation forest


def c_path(n):
    """sklearn.ensemble._iforest._average_path_length for an array of sample counts (same operations)."""
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros(n.shape)
    m1 = n <= 1
    m2 = n == 2
    rest = ~(m1 | m2)
    out[m2] = 1.0
    out[rest] = 2.0 * (np.log(n[rest] - 1.0) + np.euler_gamma) - 2.0 * (n[rest] - 1.0) / n[rest]
    return out


def recompute_scores(forest, X):
    """score_samples from the dumped trees (sklearn's order of operations)."""
    x32 = X.astype(np.float32).astype(np.float64)
    depths = np.zeros(X.shape[0])
    for t in forest["trees"]:
        left, right = t["children_left"], t["children_right"]
        feat, thr, nns = t["feature"], t["threshold"], t["n_node_samples"]
        leaf_depth = np.zeros(X.shape[0])  # root = 1 (sklearn's compute_node_depths)
        leaf_n = np.zeros(X.shape[0])
        for i in range(X.shape[0]):
            node, d = 0, 1
            while left[node] != -1:
                node = left[node] if x32[i, feat[node]] <= thr[node] else right[node]
                d += 1
            leaf_depth[i], leaf_n[i] = d, nns[node]
        depths += leaf_depth + c_path(leaf_n) - 1.0
    denominator = len(forest["trees"]) * c_path([forest["max_samples"]])[0]
    return -(2 ** (-(depths / denominator)))


def routing_differs_in_float64(forest, X):
    """How many (row, tree) pairs would reach another leaf if X were compared in float64 instead of float32."""
    count = 0
    for t in forest["trees"]:
        for i in range(X.shape[0]):
            leaves = []
            for x in (X[i].astype(np.float32).astype(np.float64), X[i]):
                node = 0
                while t["children_left"][node] != -1:
                    node = (t["children_left"][node] if x[t["feature"][node]] <= t["threshold"][node]
                            else t["children_right"][node])
                leaves.append(node)
            count += leaves[0] != leaves[1]
    return count


def iforest(summary):
    os.makedirs(IFOREST, exist_ok=True)
    rng = np.random.default_rng(4242)
    normal = rng.normal(0.0, 1.0, (60, 3))
    outl = rng.normal(0.0, 4.0, (4, 3))
    train = np.vstack([normal, outl])
    perm = rng.permutation(64)
    train = np.round(train[perm], 6)
    outlier_rows = sorted(int(np.where(perm == k)[0][0]) for k in range(60, 64))
    test_normal = rng.normal(0.0, 1.0, (8, 3))
    test_outl = rng.normal(0.0, 4.0, (6, 3))
    copy_rows = [0, 5, 17, 33, outlier_rows[0], outlier_rows[2]]
    test = np.round(np.vstack([test_normal, test_outl, train[copy_rows]]), 6)
    write_csv(os.path.join(IFOREST, "train.csv"), ["f0", "f1", "f2"], train)
    write_csv(os.path.join(IFOREST, "test.csv"), ["f0", "f1", "f2"], test)
    _, Xtr = read_csv(os.path.join(IFOREST, "train.csv"))
    _, Xte = read_csv(os.path.join(IFOREST, "test.csv"))
    assert np.array_equal(Xtr, train) and np.array_equal(Xte, test)

    m = IsolationForest(n_estimators=7, max_samples=32, random_state=0)
    m.fit(Xtr)
    assert m._max_features == Xtr.shape[1]
    trees = []
    for est, feats in zip(m.estimators_, m.estimators_features_):
        tr = est.tree_
        assert tr.n_node_samples[0] == 32
        trees.append({
            "features": [int(v) for v in feats],
            "children_left": [int(v) for v in tr.children_left],
            "children_right": [int(v) for v in tr.children_right],
            "feature": [int(v) for v in tr.feature],
            "threshold": [float(v) for v in tr.threshold],
            "n_node_samples": [int(v) for v in tr.n_node_samples],
        })
        # sklearn's node depths are root = 1
        assert np.array_equal(tr.compute_node_depths(), node_depths(tr.children_left, tr.children_right))
    forest = {
        "sklearn_version": sklearn.__version__,
        "versions": VERSIONS,
        "model": "IsolationForest(n_estimators=7, max_samples=32, random_state=0) fit on train.csv",
        "x_dtype": "float32",
        "max_samples": int(m.max_samples_),
        "n_estimators": int(m.n_estimators),
        "contamination": "auto",
        "offset": float(m.offset_),
        "definition": (
            "Input rows are cast to float32 (sklearn fits and scores on float32 X); at a split node go left "
            "when float64(float32(x[feature])) <= threshold (threshold is float64), else right; leaves have "
            "children_left == -1 (feature -2, threshold -2.0). For each row: depths = 0.0; for each tree in "
            "order: depths += (node_depth(leaf) + c(n_node_samples[leaf])) - 1.0, where node_depth(root) = 1 "
            "(so node_depth - 1 = number of edges from the root). score_samples = -(2 ** (-(depths / "
            "(n_estimators * c(max_samples))))). c(n) = 0 for n <= 1, 1 for n == 2, else "
            "2.0*(ln(n-1.0) + 0.5772156649015329) - 2.0*(n-1.0)/n. decision_function = score_samples - "
            "offset (offset = -0.5 for contamination='auto'). \"features\" is estimators_features_[i]: "
            "sklearn draws it but does NOT apply it when max_features == n_features (as here): the trees' "
            "\"feature\" indices refer to the original columns f0..f2, both in fit and in score_samples."),
        "train_outlier_rows": outlier_rows,
        "test_rows": "0-7 new N(0,1), 8-13 new N(0,4^2), 14-19 exact copies of train rows %s" % copy_rows,
        "trees": trees,
        "score_samples_train": [float(v) for v in m.score_samples(Xtr)],
        "score_samples_test": [float(v) for v in m.score_samples(Xte)],
        "decision_function_test": [float(v) for v in m.decision_function(Xte)],
    }
    path = os.path.join(IFOREST, "forest.json")
    with open(path, "w") as f:
        json.dump(forest, f, indent=1)
        f.write("\n")
    with open(path) as f:
        back = json.load(f)
    worst = 0.0
    for X, key in [(Xtr, "score_samples_train"), (Xte, "score_samples_test")]:
        ref = np.array(back[key])
        mine = recompute_scores(back, X)
        rel = float(np.max(np.abs(mine - ref) / np.abs(ref)))
        worst = max(worst, rel)
        summary["iforest:" + key + ":max_rel_diff"] = rel
    dec = np.array(back["score_samples_test"]) - back["offset"]
    summary["iforest:decision_function_test:max_abs_diff"] = float(
        np.max(np.abs(dec - np.array(back["decision_function_test"]))))
    summary["iforest:routing_diffs_float64_vs_float32"] = routing_differs_in_float64(back, np.vstack([Xtr, Xte]))
    assert worst <= 1e-15, worst


def node_depths(left, right):
    d = np.zeros(len(left))
    d[0] = 1
    for node in range(len(left)):  # sklearn's nodes are numbered depth-first, parents first
        if left[node] != -1:
            d[left[node]] = d[node] + 1
            d[right[node]] = d[node] + 1
    return d


def main():
    summary = {"versions": VERSIONS}
    logreg(summary)
    iforest(summary)
    for k, v in summary.items():
        print(k, v)
    for root, _, files in os.walk(OUT):
        for fn in sorted(files):
            p = os.path.join(root, fn)
            print("%8d  %s" % (os.path.getsize(p), os.path.relpath(p, ROOT)))


if __name__ == "__main__":
    main()
