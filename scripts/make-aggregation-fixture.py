#!/usr/bin/env python3
"""Makes Tests/Fixtures/aggregations/: a small event file and pandas' point-in-time entity
aggregations of it, the golden case of MLFeatures' EntityAggregation.

events.csv: 3,000 events of 60 cards over 10 days (event_id, card, ts epoch seconds, amount, mcc);
times have ties (second resolution, bursts at the same second), rows are not in time order (a
block is shuffled), about 1% of amounts are missing, a few cards repeat the same amount.
expected.csv: event_id, then amount_{count,sum,mean,std,min,max}_{2h,3d}, then seconds_since_last,
rows in input order, empty = NaN. pandas: groupby('card').rolling(w, on='t', closed='left') over the
events sorted stably by (card, t) in input order (ties keep input order), as the W8 benchmark.

Usage: python3 scripts/make-aggregation-fixture.py   (pandas 3.1.1, numpy 2.4.6 made the committed files)
"""
import os
import numpy as np
import pandas as pd

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "aggregations")
WINDOWS = {"2h": "2h", "3d": "3D"}
AGGS = ["count", "sum", "mean", "std", "min", "max"]


def main():
    rng = np.random.default_rng(15)
    n, cards = 3_000, 60
    card = rng.zipf(1.5, n) % cards
    ts = np.sort(rng.integers(0, 10 * 86400, n))
    burst = rng.random(n) < 0.15  # same second as the previous event
    for i in range(1, n):
        if burst[i]:
            ts[i] = ts[i - 1]
    amount = np.round(np.exp(rng.normal(3, 1.2, n)), 2)
    amount[card % 17 == 3] = 25.0  # cards whose amounts are all equal
    amount[rng.random(n) < 0.01] = np.nan
    mcc = rng.integers(0, 12, n)
    ev = pd.DataFrame({"event_id": np.arange(n), "card": card, "ts": ts, "amount": amount, "mcc": mcc})
    # Rows 1000..1499 in random order: the file is not in time order.
    block = ev.iloc[1000:1500].sample(frac=1.0, random_state=3)
    ev = pd.concat([ev.iloc[:1000], block, ev.iloc[1500:]], ignore_index=True)
    ev.to_csv(os.path.join(OUT, "events.csv"), index=False)

    x = ev.copy()
    x["pos"] = np.arange(n)
    x["t"] = pd.to_datetime(x["ts"], unit="s")
    x = x.sort_values(["card", "t", "pos"], kind="stable")
    g = x.groupby("card", sort=False)
    exp = pd.DataFrame(index=x["pos"].values)
    for w, pw in WINDOWS.items():
        r = g.rolling(pw, on="t", closed="left")["amount"]
        for a in AGGS:
            exp[f"amount_{a}_{w}"] = getattr(r, a)().values
    exp["seconds_since_last"] = (x["ts"] - g["ts"].shift(1)).values
    exp = exp.sort_index()
    exp.insert(0, "event_id", ev["event_id"].values)
    exp.to_csv(os.path.join(OUT, "expected.csv"), index=False, float_format="%.17g")
    print(f"wrote {n} events, {len(exp.columns)} columns to {OUT}")


if __name__ == "__main__":
    main()
