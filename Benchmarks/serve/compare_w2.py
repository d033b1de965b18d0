#!/usr/bin/env python3
"""W2 in one run: `mlctl serve` (MLServeHTTP) vs the FastAPI + uvicorn + onnxruntime peer, same model
(the W1 500-tree XGBoost model; the peer serves its ONNX export), same bodies, same load generator
(wrk -t2 with shared/bench's Lua POST script), loopback only. Also runs `mlctl loadtest` on our
server for the agreement check with wrk.

Run from a writable copy of shared/bench that holds data/full/{xgb_model.json,xgb.onnx,score_X.npy}:
    python3 compare_w2.py --bench ~/bench --mlctl /path/to/.build/release/mlctl [--duration 10] [--repeats 2]
Every server it starts is stopped by PID (w2_serve_bench.stop_server for the peer, SIGTERM for ours).
"""
import argparse, json, os, subprocess, time, urllib.request
import numpy as np
from serve_shared import stop_mlctl, w2_setup

ap = argparse.ArgumentParser()
ap.add_argument("--bench", required=True)
ap.add_argument("--mlctl", required=True)
ap.add_argument("--mlctl-before", help="a second mlctl (e.g. the previous commit's) measured in the same run as 'swift-mlops before'")
ap.add_argument("--duration", type=int, default=10)
ap.add_argument("--repeats", type=int, default=2)
ap.add_argument("--port", type=int, default=18090)
ap.add_argument("--out", default="w2_compare.json")
ap.add_argument("--ours-last", action="store_true", help="measure the peer first (the order matters when other jobs' load changes during the run)")
ap.add_argument("--peer-configs", default="asyncio+h11:1,asyncio+h11:2,uvloop+httptools:1,uvloop+httptools:2")
args = ap.parse_args()
# Absolute paths before changing into the bench folder, from which the servers start.
args.mlctl = os.path.abspath(args.mlctl)
if args.mlctl_before:
    args.mlctl_before = os.path.abspath(args.mlctl_before)
wb, rel, d, single_body, batch_body, base = w2_setup(args.bench, args.port)
runs = [("single", "/v1/score", 32, single_body, []), ("single", "/v1/score", 128, single_body, []),
        ("batch1000", "/v1/score/batch", 8, batch_body, ["--timeout", "30s"])]


def wrk(path, conns, bodies, extra, dur):
    cmd = ["wrk", "-t2", f"-c{conns}", f"-d{dur}s", "--latency", *extra, "-s", "w2_wrk_post.lua", base + path, "--", rel(bodies)]
    return wb.parse_wrk(subprocess.run(cmd, capture_output=True, text=True, timeout=dur + 120).stdout)


def start_ours(binary):
    proc = subprocess.Popen([binary, "serve", "--model", str(d / "xgb_model.json"), "--host", "127.0.0.1",
                             "--port", str(args.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("mlctl serve did not become ready")


def loadavg():
    with open("/proc/loadavg") as fh:
        return [float(x) for x in fh.read().split()[:3]]


results = {"duration_s": args.duration, "repeats": args.repeats, "configs": {}, "loadavg_start": loadavg()}
ours = {"swift-mlops": args.mlctl}
if args.mlctl_before:
    ours["swift-mlops before"] = args.mlctl_before
peers = [(c.split(":")[0], int(c.split(":")[1])) for c in args.peer_configs.split(",")]
configs = peers + [(tag, None) for tag in ours] if args.ours_last else [(tag, None) for tag in ours] + peers
first_scores = {}
for stack, workers in configs:
    tag = stack if workers is None else f"{stack} w{workers}"
    proc = start_ours(ours[stack]) if workers is None else wb.start_server(args.port, workers, rel(d / "xgb.onnx"), stack)
    try:
        with open(single_body) as fh:
            st, js = wb.post(base + "/v1/score", fh.readline())
        first_scores[tag] = js.get("score")
        subprocess.run(["wrk", "-t2", "-c32", "-d2s", "-s", "w2_wrk_post.lua", base + "/v1/score", "--", rel(single_body)],
                       capture_output=True, timeout=60)
        per = {}
        for _ in range(args.repeats):
            for kind, path, conns, bodies, extra in runs:
                per.setdefault(f"{kind} c{conns}", []).append(wrk(path, conns, bodies, extra, args.duration))
        if workers is None:
            lt = subprocess.run([ours[stack], "loadtest", "--url", base + "/v1/score", "--body-file", str(single_body),
                                 "--connections", "32", "--duration", str(args.duration), "--json"],
                                capture_output=True, text=True, timeout=args.duration + 120)
            per["mlctl loadtest single c32"] = [json.loads(lt.stdout)] if lt.stdout.strip() else []
        per["loadavg_after"] = loadavg()
        results["configs"][tag] = per
    finally:
        (stop_mlctl if workers is None else wb.stop_server)(proc)
results["sanity_first_score"] = first_scores
results["loadavg_end"] = loadavg()
with open(args.out, "w") as fh:
    json.dump(results, fh, indent=1)

print(f"| server | run | req/s (median) | rows/s | p50 ms | p99 ms | errors |")
print("|---|---|---|---|---|---|---|")
for tag, per in results["configs"].items():
    for run, rs in per.items():
        if run == "loadavg_after":
            continue
        if run.startswith("mlctl"):
            for r in rs:
                print(f"| {tag} | {run} | {r['req_per_s']:,.0f} | {r['req_per_s']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} |")
            continue
        rps = float(np.median([r["req_per_s"] for r in rs]))
        rows = rps * (1000 if run.startswith("batch") else 1)
        p50 = float(np.median([r["p50_ms"] for r in rs]))
        p99 = float(np.median([r["p99_ms"] for r in rs]))
        err = sum(r["socket_errors"] + r["non_2xx"] for r in rs)
        print(f"| {tag} | {run} | {rps:,.0f} | {rows:,.0f} | {p50:.2f} | {p99:.2f} | {err} |")
print("first-body scores:", first_scores)
print("load average at start / end:", results["loadavg_start"], results["loadavg_end"])
