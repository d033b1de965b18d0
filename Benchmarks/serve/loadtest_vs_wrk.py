#!/usr/bin/env python3
"""`mlctl loadtest` vs wrk on the same `mlctl serve`: alternating runs (wrk first in odd rounds,
loadtest first in even ones) at 32 and 128 connections with the W2 single-row bodies, wrk -t2 with
shared/bench's Lua POST script and loadtest's default 2 threads. Records req/s, p50/p99 and the CPU
seconds each client used (so a gap can be traced to the client's share of the two cores).

    python3 loadtest_vs_wrk.py --bench ~/bench --mlctl .build/release/mlctl [--duration 6] [--rounds 3]
"""
import argparse, json, os, resource, subprocess, time, urllib.request
from serve_shared import stop_mlctl, w2_setup

ap = argparse.ArgumentParser()
ap.add_argument("--bench", required=True)
ap.add_argument("--mlctl", required=True)
ap.add_argument("--duration", type=int, default=6)
ap.add_argument("--rounds", type=int, default=3)
ap.add_argument("--port", type=int, default=18091)
ap.add_argument("--out", default="loadtest_vs_wrk.json")
args = ap.parse_args()
args.mlctl = os.path.abspath(args.mlctl)
args.out = os.path.abspath(args.out)
wb, rel, d, single_body, _, base = w2_setup(args.bench, args.port)


def child_cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def run_wrk(conns):
    cpu = child_cpu()
    cmd = ["wrk", "-t2", f"-c{conns}", f"-d{args.duration}s", "--latency", "-s", "w2_wrk_post.lua",
           base + "/v1/score", "--", rel(single_body)]
    r = wb.parse_wrk(subprocess.run(cmd, capture_output=True, text=True, timeout=args.duration + 60).stdout)
    return {"req_per_s": r["req_per_s"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"], "client_cpu_s": child_cpu() - cpu}


def run_loadtest(conns):
    cpu = child_cpu()
    out = subprocess.run([args.mlctl, "loadtest", "--url", base + "/v1/score", "--body-file", str(single_body),
                          "--connections", str(conns), "--duration", str(args.duration), "--json"],
                         capture_output=True, text=True, timeout=args.duration + 60).stdout
    r = json.loads(out)
    return {"req_per_s": r["req_per_s"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"], "client_cpu_s": child_cpu() - cpu}


server = subprocess.Popen([args.mlctl, "serve", "--model", str(d / "xgb_model.json"), "--port", str(args.port)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=1) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    run_wrk(32)  # warm-up
    pairs = []
    for round_ in range(args.rounds):
        for conns in (32, 128):
            order = [("wrk", run_wrk), ("loadtest", run_loadtest)]
            if round_ % 2:
                order.reverse()
            got = {name: fn(conns) for name, fn in order}
            got["connections"] = conns
            got["loadavg"] = os.getloadavg()[0]
            pairs.append(got)
            w, l = got["wrk"], got["loadtest"]
            print(f"c{conns}: wrk {w['req_per_s']:,.0f} req/s (p50 {w['p50_ms']:.2f}, p99 {w['p99_ms']:.2f} ms, client CPU "
                  f"{w['client_cpu_s']:.1f} s) | loadtest {l['req_per_s']:,.0f} (p50 {l['p50_ms']:.2f}, p99 {l['p99_ms']:.2f}, "
                  f"client CPU {l['client_cpu_s']:.1f} s) | {100 * (l['req_per_s'] / w['req_per_s'] - 1):+.1f} %", flush=True)
finally:
    stop_mlctl(server)
with open(args.out, "w") as fh:
    json.dump({"duration_s": args.duration, "pairs": pairs}, fh, indent=1)
