#!/usr/bin/env python3
"""W10 in one run: enumerate every split's train and test index arrays of combinatorial purged
cross-validation (1,000,000 samples, N=10 groups, k=2 test groups, purge 10, embargo 10; --quick
100,000) with skfolio's CombinatorialPurgedCV and with `mlctl bench cpcv` (Swift, release), one
after the other on the same machine, and print the ratio.

Usage: python3 Benchmarks/w10_compare.py MLCTL [--quick] [--repeats N] [--out results.json]
Needs: pip install skfolio numpy.
"""
import argparse, json, os, platform, statistics, subprocess, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np


def skfolio_seconds(n, repeats):
    from skfolio.model_selection import CombinatorialPurgedCV
    import skfolio
    X = np.zeros((n, 1))
    cv = CombinatorialPurgedCV(n_folds=10, n_test_folds=2, purged_size=10, embargo_size=10)
    times, total = [], 0
    for _ in range(repeats):
        t = time.perf_counter()
        total = 0
        for train, tests in cv.split(X):
            total += len(train) + sum(len(x) for x in tests)
        times.append(time.perf_counter() - t)
    return {"version": skfolio.__version__, "seconds": times, "median": statistics.median(times), "min": min(times),
            "indices_total": total}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mlctl")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--out")
    a = p.parse_args()
    n = 100_000 if a.quick else 1_000_000
    load_start = os.getloadavg()[0]
    peer = skfolio_seconds(n, a.repeats)
    ours = json.loads(subprocess.run([a.mlctl, "bench", "cpcv", "--samples", str(n), "--repeats", str(a.repeats), "--json"],
                                     check=True, capture_output=True, text=True).stdout)
    assert ours["indicesTotal"] == peer["indices_total"], (ours["indicesTotal"], peer["indices_total"])
    result = {"workload": "w10_cpcv", "samples": n, "machine": platform.machine(), "cpus": os.cpu_count(),
              "load_start": load_start, "load_end": os.getloadavg()[0], "skfolio": peer, "swift": ours,
              "speedup_median": peer["median"] / ours["secondsMedian"]}
    print(f"W10 CPCV {n} samples: skfolio {peer['version']} median {peer['median']:.3f} s, "
          f"swift median {ours['secondsMedian']:.4f} s: {result['speedup_median']:.1f}x")
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
