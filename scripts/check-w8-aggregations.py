#!/usr/bin/env python3
"""Checks `mlctl features aggregate` output for the W8 benchmark against pandas' features of its first
20,000 events (bench data/<mode>/w8_expected_head.csv), within 1e-9 relative (pandas leaves the count
and sum of an empty window NaN where ours are 0).

Usage (from the repository root): python3 scripts/check-w8-aggregations.py OUT.csv ../shared/bench/data/full/w8_expected_head.csv
"""
import sys
import numpy as np
import pandas as pd

got_path, expected_path = sys.argv[1], sys.argv[2]
exp = pd.read_csv(expected_path)
got = pd.read_csv(got_path, nrows=len(exp))
assert list(got["event_id"]) == list(exp["event_id"]), "event ids differ"
worst, bad = 0.0, []
for c in exp.columns[1:]:
    if c not in got:
        bad.append(c + " (missing)")
        continue
    e = exp[c].to_numpy(dtype=float)
    a = got[c].to_numpy(dtype=float)
    if c.startswith(("amount_count", "amount_sum")):
        e = np.nan_to_num(e, nan=0.0)
    both = np.isnan(e) & np.isnan(a)
    if (np.isnan(e) != np.isnan(a)).any():
        bad.append(c + " (missing differs)")
        continue
    err = np.where(both, 0.0, np.abs(a - e) / np.maximum(1.0, np.abs(e)))
    worst = max(worst, float(np.nanmax(err)))
    if (err > 1e-9).any():
        bad.append(f"{c} (max rel {np.nanmax(err):.3g})")
print(f"{len(exp)} rows x {len(exp.columns) - 1} features; worst relative difference {worst:.3g}")
if bad:
    print("DIFFER:", ", ".join(bad))
    sys.exit(1)
print("OK: equal to pandas within 1e-9")
