#!/usr/bin/env python3
"""Writes Tests/Fixtures/featurestore/: feature rows (shuffled), requests, and pandas' point-in-time
join of them (merge_asof by entity, backward, tolerance = TTL of 3 days, exact matches allowed), the
join Feast's local offline store does. Run from the repository root: python3 scripts/make-feature-store-fixtures.py"""
import os
import numpy as np
import pandas as pd

out = os.path.join("Tests", "Fixtures", "featurestore")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(18)
nrows, nreq, nent, ttl = 3000, 1000, 150, 3 * 86400
f = pd.DataFrame({"entity": rng.integers(0, nent, nrows), "event_time": rng.integers(0, 40 * 86400, nrows)})
for i in range(4):
    f[f"f{i}"] = np.round(rng.normal(size=nrows), 6)
f["n"] = rng.integers(0, 100, nrows)
f = f.drop_duplicates(["entity", "event_time"]).reset_index(drop=True)
q = pd.DataFrame({"request_id": np.arange(nreq), "entity": rng.integers(0, nent + 10, nreq),
                  "request_time": rng.integers(0, 45 * 86400, nreq)})
f.sample(frac=1, random_state=1).to_csv(os.path.join(out, "rows.csv"), index=False)
q.to_csv(os.path.join(out, "requests.csv"), index=False)
exp = pd.merge_asof(q.sort_values("request_time"), f.sort_values("event_time"), left_on="request_time",
                    right_on="event_time", by="entity", direction="backward", tolerance=ttl).sort_values("request_id")
# Status: present when pandas joined a row; expired when a row exists before the request but beyond
# the TTL (the same join without a tolerance finds one); else missing.
anyrow = pd.merge_asof(q.sort_values("request_time"), f[["entity", "event_time"]].sort_values("event_time"),
                       left_on="request_time", right_on="event_time", by="entity",
                       direction="backward").sort_values("request_id")
exp["status"] = np.where(exp["f0"].notna().to_numpy() | exp["event_time"].notna().to_numpy(), "present",
                         np.where(anyrow["event_time"].notna().to_numpy(), "expired", "missing"))
exp.to_csv(os.path.join(out, "expected.csv"), index=False)
print(f"{len(f)} rows, {nreq} requests, hit rate {exp['f0'].notna().mean():.3f}")
