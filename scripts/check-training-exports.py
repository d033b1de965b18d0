#!/usr/bin/env python3
"""The XGBoost JSON that `mlctl train` writes loads in XGBoost itself and predicts what
`mlctl predict` predicts from model.json (our format) — binary, multiclass and regression.

Usage: python3 scripts/check-xgboost-export.py MLCTL
Needs: pip install numpy xgboost. Prints one line per objective; exit 1 on a mismatch.
"""
import json, os, subprocess, sys, tempfile
import numpy as np
import xgboost as xgb
import onnxruntime as ort

mlctl = sys.argv[1]


def sklearn_version():
    import sklearn
    return sklearn.__version__


rng = np.random.default_rng(5)
n, p = 3000, 8
X = rng.normal(size=(n, p)).astype(np.float32)
X[rng.random((n, p)) < 0.05] = np.nan
z = np.nan_to_num(X[:, 0]) - np.nan_to_num(X[:, 1]) * np.nan_to_num(X[:, 2])
labels = {
    "binary": (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int),
    "multiclass": np.digitize(z + rng.normal(scale=0.5, size=n), [-0.7, 0.7]),
    "regression": z + rng.normal(scale=0.3, size=n),
}
failed = False
with tempfile.TemporaryDirectory() as d:
    cols = [f"x{i}" for i in range(p)]
    xpath = os.path.join(d, "X.csv")
    with open(xpath, "w") as f:
        f.write(",".join(cols) + "\n")
        for r in X:
            f.write(",".join("" if v != v else repr(float(v)) for v in r) + "\n")
    for objective, y in labels.items():
        data = os.path.join(d, f"{objective}.csv")
        with open(data, "w") as f:
            f.write(",".join(cols + ["label"]) + "\n")
            for r, t in zip(X, y):
                f.write(",".join("" if v != v else repr(float(v)) for v in r) + "," + repr(t.item()) + "\n")
        cfg = os.path.join(d, f"{objective}.yaml")
        with open(cfg, "w") as f:
            f.write(f"data: {{train: {data}, label: label}}\nmodel: {{kind: gbdt, objective: {objective}, num_trees: 30}}\n"
                    "split: {train: 0.8, validation: 0.2, test: 0.0}\n")
        out = os.path.join(d, objective)
        subprocess.run([mlctl, "train", "--config", cfg, "--output", out], check=True, capture_output=True)
        booster = xgb.Booster(model_file=os.path.join(out, "model.xgboost.json"))
        theirs = booster.predict(xgb.DMatrix(X, missing=np.nan, feature_names=cols))
        pred = os.path.join(d, f"{objective}.pred.csv")
        subprocess.run([mlctl, "predict", "--model", os.path.join(out, "model.json"), "--input", xpath, "--output", pred],
                       check=True, capture_output=True)
        ours = np.genfromtxt(pred, delimiter=",", names=True)
        ours = np.column_stack([ours[name] for name in ours.dtype.names]) if objective == "multiclass" else \
            ours[ours.dtype.names[0]]
        diff = float(np.max(np.abs(np.asarray(theirs, dtype=np.float64).reshape(ours.shape) - ours)))
        ok = diff <= 1e-6
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {objective}: XGBoost {xgb.__version__} loads model.xgboost.json; "
              f"max |xgboost − mlctl predict| = {diff:.2e}")
        onnx_out = ort.InferenceSession(os.path.join(out, "model.onnx")).run(None, {"input": X})
        o = onnx_out[-1] if objective != "regression" else onnx_out[0][:, 0]
        o = o[:, 1] if objective == "binary" else o
        diff = float(np.max(np.abs(np.asarray(o, dtype=np.float64).reshape(ours.shape) - ours)))
        ok = diff <= 1e-5
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {objective}: onnxruntime {ort.__version__} runs model.onnx; "
              f"max |onnxruntime − mlctl predict| = {diff:.2e}")

    # Logistic regression on complete rows, every row used for training.
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    Xc = np.nan_to_num(X) * np.array([1, 10, 0.1, 1, 100, 1, 1, 3], dtype=np.float32) + np.float32(5)
    xcpath = os.path.join(d, "Xc.csv")
    with open(xcpath, "w") as f:
        f.write(",".join(cols) + "\n")
        for r in Xc:
            f.write(",".join(repr(float(v)) for v in r) + "\n")
    for objective in ["binary", "multiclass"]:
        y = labels[objective]
        data = os.path.join(d, f"lr_{objective}.csv")
        with open(data, "w") as f:
            f.write(",".join(cols + ["label"]) + "\n")
            for r, t in zip(Xc, y):
                f.write(",".join(repr(float(v)) for v in r) + "," + repr(t.item()) + "\n")
        cfg = os.path.join(d, f"lr_{objective}.yaml")
        with open(cfg, "w") as f:
            f.write(f"data: {{train: {data}, label: label}}\nmodel: {{kind: logistic_regression, objective: {objective}}}\n"
                    "split: {train: 1, validation: 0, test: 0}\n")
        out = os.path.join(d, "lr_" + objective)
        subprocess.run([mlctl, "train", "--config", cfg, "--output", out], check=True, capture_output=True)
        pred = os.path.join(d, f"lr_{objective}.pred.csv")
        subprocess.run([mlctl, "predict", "--model", os.path.join(out, "model.json"), "--input", xcpath, "--output", pred],
                       check=True, capture_output=True)
        table = np.genfromtxt(pred, delimiter=",", names=True)
        # An ONNX classifier's predictions: label, then p0 … pK−1.
        ours = np.column_stack([table[n] for n in table.dtype.names if n.startswith("p")])
        ours = ours[:, 1] if objective == "binary" else ours
        probs = ort.InferenceSession(os.path.join(out, "model.onnx")).run(None, {"input": Xc})[1]
        probs = probs[:, 1] if objective == "binary" else probs
        diff = float(np.max(np.abs(probs - ours)))
        sk = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-10, max_iter=10000)).fit(Xc, y)
        skp = sk.predict_proba(Xc)
        skp = skp[:, 1] if objective == "binary" else skp
        skdiff = float(np.max(np.abs(skp - ours)))
        ok = diff <= 1e-5 and skdiff <= 1e-4
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} logistic regression {objective}: max |onnxruntime − mlctl predict| = {diff:.2e}; "
              f"max |scikit-learn {sklearn_version()} − mlctl predict| = {skdiff:.2e}")
sys.exit(1 if failed else 0)
