#!/usr/bin/env python3
"""W11 in one session: `mlctl bench predict` and onnxruntime (one thread) alternated on the dense
graphs that shared/bench/w11_onnx_dense.py writes (skl2onnx MLP 50->256->128->64->2 and
StandardScaler + LogisticRegression), batch rows/s and single-row p50.

Usage: python3 Benchmarks/w11_compare.py --bench ~/bench --mlctl .build/release/mlctl
           [--mode full|quick] [--rounds 3] [--calls 20000] [--out results.json]

onnxruntime is timed as the peer script times it: one InferenceSession per model with
intra_op_num_threads = inter_op_num_threads = 1, one `run` over all rows (after a 1,000-row warm-up)
for batch, and `run` on a one-row array for single-row latency (1,000 warm-up calls, then --calls
timed with perf_counter_ns). Our side is `mlctl bench predict --threads 1 --repeats 1 --calls N
--json` (a prepared SingleRowScorer for single rows). The two sides alternate, and which goes first
alternates between rounds, so that load from other jobs on the machine falls on both.
"""
import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def onnxruntime_side(session, name, x, calls):
    t0 = time.perf_counter()
    session.run(None, {name: x})
    batch = len(x) / (time.perf_counter() - t0)
    for i in range(1000):
        session.run(None, {name: x[i:i + 1]})
    lat = []
    for i in range(calls):
        row = x[i % len(x):i % len(x) + 1]
        t0 = time.perf_counter_ns()
        session.run(None, {name: row})
        lat.append(time.perf_counter_ns() - t0)
    lat.sort()
    return {"rows_per_s": batch, "p50_us": lat[len(lat) // 2] / 1000, "p99_us": lat[int(len(lat) * 0.99)] / 1000}


def our_side(mlctl, model, data, calls):
    out = subprocess.run(
        [mlctl, "bench", "predict", "--model", model, "--input", data, "--threads", "1", "--repeats", "1",
         "--calls", str(calls), "--json"], check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return {"rows_per_s": r["batchRowsPerSecond"], "p50_us": r["singleRowP50Microseconds"],
            "p99_us": r["singleRowP99Microseconds"], "checksum": r["checksum"]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bench", required=True, help="a writable copy of shared/bench with data/<mode>/w11_* written")
    p.add_argument("--mlctl", required=True, help="a release build of mlctl")
    p.add_argument("--mode", default="full", choices=["full", "quick"])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--calls", type=int, default=20000)
    p.add_argument("--out", help="write every measurement to this JSON file")
    args = p.parse_args()
    import onnxruntime as ort

    d = os.path.join(args.bench, "data", args.mode)
    data = os.path.join(d, "w11_X.npy")
    x = np.load(data)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    runs = []
    for rnd in range(args.rounds):
        for model in ("mlp", "linear"):
            path = os.path.join(d, f"w11_{model}.onnx")
            session = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
            name = session.get_inputs()[0].name
            session.run(None, {name: x[:1000]})
            sides = ["ours", "onnxruntime"] if rnd % 2 == 0 else ["onnxruntime", "ours"]
            for side in sides:
                load = os.getloadavg()[0]
                r = our_side(args.mlctl, path, data, args.calls) if side == "ours" else onnxruntime_side(session, name, x, args.calls)
                r.update(round=rnd + 1, model=model, side=side, load_start=load)
                runs.append(r)
                print(json.dumps(r), flush=True)
    print()
    print("| model | side | batch rows/s (median of rounds) | best | single-row p50 µs (median) | best |")
    print("|---|---|---|---|---|---|")
    summary = {}
    for model in ("mlp", "linear"):
        for side in ("ours", "onnxruntime"):
            rs = [r for r in runs if r["model"] == model and r["side"] == side]
            b = sorted(r["rows_per_s"] for r in rs)
            l = sorted(r["p50_us"] for r in rs)
            summary[(model, side)] = (b[len(b) // 2], l[len(l) // 2])
            print(f"| {model} | {side} | {b[len(b) // 2]:,.0f} | {b[-1]:,.0f} | {l[len(l) // 2]:.1f} | {l[0]:.1f} |")
    print()
    for model in ("mlp", "linear"):
        ob, ol = summary[(model, "ours")]
        tb, tl = summary[(model, "onnxruntime")]
        print(f"{model}: batch ours/onnxruntime = {ob / tb:.2f}x; single-row p50 ours/onnxruntime = {ol / tl:.2f}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"mode": args.mode, "rows": len(x), "calls": args.calls, "nproc": os.cpu_count(), "runs": runs}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
