#!/usr/bin/env python3
"""W3 in one run. --part gbdt (default): gradient-boosted trees: LightGBM (100 iterations, 63 leaves, 1 thread) and
XGBoost hist (100 iterations, depth 6, 1 thread) as ../shared/bench/w3_train.py runs them, then
`mlctl bench train` (Swift, release) at the same settings — leaf-wise 63 leaves with LightGBM's
defaults, depth-wise depth 6 with XGBoost's (η 0.3, λ 1, min_child_weight 1) — on the same
1,000,000 × 50 float32 rows (make_classification seed 3; --quick 100,000), with test AUC on
200,000 rows (seed 4). Swift times exclude reading the NPY files and include binning, as the
peers' times include Dataset/DMatrix construction.

--part linear: scikit-learn LogisticRegression(lbfgs) with 1 BLAS thread against `mlctl bench train
--kind logistic_regression` (no standardization, l2 = 1 = sklearn's C = 1), test AUC on the same rows.
--part forest: scikit-learn IsolationForest(100 trees, 256 samples, n_jobs=1) fit + score_samples
on 1M rows with 1 % outliers (as w3_train.py draws them) against `--kind isolation_forest`; AUC of
the outlier flag against the anomaly score.

Usage: python3 Benchmarks/w3_compare.py MLCTL [--part gbdt|linear|forest] [--quick] [--threads N] [--out results.json]
Needs: pip install numpy scikit-learn lightgbm xgboost.
"""
import argparse, json, os, platform, subprocess, sys, tempfile, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "bench"))
from common import make_classification  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mlctl")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out")
    p.add_argument("--part", default="gbdt", choices=["gbdt", "linear", "forest"])
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    if a.part != "gbdt":
        return other(a)
    from sklearn.metrics import roc_auc_score
    import lightgbm as lgb
    import xgboost as xgb
    n = 100_000 if a.quick else 1_000_000
    X, y = make_classification(n, 50, seed=3)
    Xt, yt = make_classification(n // 5, 50, seed=4)
    result = {"workload": "w3_gbdt", "rows": n, "machine": platform.machine(), "cpus": os.cpu_count(),
              "load_start": os.getloadavg()[0], "versions": {"lightgbm": lgb.__version__, "xgboost": xgb.__version__}}

    t = time.perf_counter()
    ds = lgb.Dataset(X, label=y, params={"verbose": -1, "num_threads": a.threads})
    m = lgb.train({"objective": "binary", "num_leaves": 63, "num_threads": a.threads, "verbose": -1, "seed": 1}, ds,
                  num_boost_round=100)
    result["lightgbm_s"] = time.perf_counter() - t
    result["lightgbm_auc"] = roc_auc_score(yt, m.predict(Xt, num_threads=1))

    t = time.perf_counter()
    dm = xgb.DMatrix(X, label=y, nthread=a.threads)
    b = xgb.train({"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "nthread": a.threads}, dm,
                  num_boost_round=100)
    result["xgboost_s"] = time.perf_counter() - t
    b.set_param({"nthread": 1})
    result["xgboost_auc"] = roc_auc_score(yt, b.inplace_predict(Xt))

    with tempfile.TemporaryDirectory() as d:
        np.save(os.path.join(d, "X.npy"), X)
        np.save(os.path.join(d, "y.npy"), y.astype(np.float64))
        np.save(os.path.join(d, "Xt.npy"), Xt)
        common = [a.mlctl, "bench", "train", "--x", os.path.join(d, "X.npy"), "--y", os.path.join(d, "y.npy"),
                  "--test-x", os.path.join(d, "Xt.npy"), "--threads", str(a.threads), "--json"]
        for name, extra in [("swift_leafwise", ["--growth", "leafwise", "--num-leaves", "63"]),
                            ("swift_depthwise", ["--growth", "depthwise", "--max-depth", "6", "--learning-rate", "0.3",
                                                 "--l2", "1", "--min-child-weight", "1", "--min-child-samples", "1"])]:
            r = json.loads(subprocess.run(common + extra, check=True, capture_output=True, text=True).stdout)
            result[name + "_s"] = r["secondsMedian"]
            result[name + "_auc"] = roc_auc_score(yt, r["testPredictions"])
    result["load_end"] = os.getloadavg()[0]
    result["leafwise_vs_lightgbm"] = result["lightgbm_s"] / result["swift_leafwise_s"]
    result["depthwise_vs_xgboost"] = result["xgboost_s"] / result["swift_depthwise_s"]
    print(f"W3 GBDT {n} x 50, {a.threads} thread(s):")
    print(f"  LightGBM {result['lightgbm_s']:.1f} s (AUC {result['lightgbm_auc']:.4f}) | swift leaf-wise "
          f"{result['swift_leafwise_s']:.1f} s (AUC {result['swift_leafwise_auc']:.4f}): {result['leafwise_vs_lightgbm']:.2f}x")
    print(f"  XGBoost {result['xgboost_s']:.1f} s (AUC {result['xgboost_auc']:.4f}) | swift depth-wise "
          f"{result['swift_depthwise_s']:.1f} s (AUC {result['swift_depthwise_auc']:.4f}): {result['depthwise_vs_xgboost']:.2f}x")
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1)


def other(a):
    from sklearn.metrics import roc_auc_score
    import sklearn
    from threadpoolctl import threadpool_limits
    n = 100_000 if a.quick else 1_000_000
    X, y = make_classification(n, 50, seed=3)
    Xt, yt = make_classification(n // 5, 50, seed=4)
    result = {"workload": "w3_" + a.part, "rows": n, "machine": platform.machine(), "cpus": os.cpu_count(),
              "load_start": os.getloadavg()[0], "versions": {"sklearn": sklearn.__version__}}
    with tempfile.TemporaryDirectory() as d:
        def bench(extra, x):
            np.save(os.path.join(d, "X.npy"), x)
            r = json.loads(subprocess.run([a.mlctl, "bench", "train", "--x", os.path.join(d, "X.npy"), "--threads",
                                           str(a.threads), "--repeats", str(a.repeats), "--json"] + extra,
                                          check=True, capture_output=True, text=True).stdout)
            return r
        if a.part == "linear":
            from sklearn.linear_model import LogisticRegression
            runs = []
            with threadpool_limits(1):
                for _ in range(a.repeats):
                    t = time.perf_counter()
                    m = LogisticRegression(solver="lbfgs").fit(X, y)
                    runs.append(time.perf_counter() - t)
            result["sklearn_s"] = float(np.median(runs))
            result["sklearn_auc"] = roc_auc_score(yt, m.predict_proba(Xt)[:, 1])
            np.save(os.path.join(d, "y.npy"), y.astype(np.float64))
            np.save(os.path.join(d, "Xt.npy"), Xt)
            for solver in ["newton", "lbfgs"]:
                r = bench(["--kind", "logistic_regression", "--y", os.path.join(d, "y.npy"), "--test-x",
                           os.path.join(d, "Xt.npy"), "--solver", solver, "--tolerance", "1e-6"], X)
                result[f"swift_{solver}_s"] = r["secondsMedian"]
                result[f"swift_{solver}_iterations"] = r["iterations"]
                result[f"swift_{solver}_auc"] = roc_auc_score(yt, r["testPredictions"])
                result[f"{solver}_vs_sklearn"] = result["sklearn_s"] / r["secondsMedian"]
        else:
            from sklearn.ensemble import IsolationForest
            rng = np.random.default_rng(7)
            Xi = X.copy()
            flag = rng.random(n) < 0.01
            Xi[flag] = (2.0 * rng.standard_normal((int(flag.sum()), X.shape[1]))).astype(Xi.dtype)
            runs = []
            for _ in range(a.repeats):
                t = time.perf_counter()
                m = IsolationForest(n_estimators=100, max_samples=256, n_jobs=1, random_state=0).fit(Xi)
                s = m.score_samples(Xi)
                runs.append(time.perf_counter() - t)
            result["sklearn_s"] = float(np.median(runs))
            result["sklearn_auc"] = roc_auc_score(flag, -s)
            r = bench(["--kind", "isolation_forest", "--num-trees", "100", "--max-samples", "256"], Xi)
            result["swift_s"] = r["secondsMedian"]
            result["swift_auc"] = roc_auc_score(flag, r["testPredictions"])
            result["swift_vs_sklearn"] = result["sklearn_s"] / r["secondsMedian"]
    result["load_end"] = os.getloadavg()[0]
    print(json.dumps(result, indent=1))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
