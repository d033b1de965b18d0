#!/usr/bin/env python3
"""W6 in one run: technical-v1 (29 features) over the W6 bars — `mlctl bench features` (Swift,
release) against TA-Lib's C code for the indicators the set uses and against plain pandas
computing all 29 features. Same machine, same bars (../shared/bench/w6_indicators.py's
make_bars, 1,000,000 bars; --quick 100,000).

Usage: python3 Benchmarks/w6_compare.py MLCTL [--quick] [--repeats N] [--out results.json]
Needs: pip install TA-Lib numpy pandas.
"""
import argparse, json, os, subprocess, sys, tempfile, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import pandas as pd
import talib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "bench"))
from w6_indicators import make_bars  # noqa: E402


def talib_technical_v1(o, h, l, c, v):
    """Every TA-Lib call technical-v1 needs (the indicators only; the ratios on top are NumPy)."""
    r = {}
    for n in (9, 20, 50, 200):
        r[f"sma{n}"] = talib.SMA(c, n)
    r["bb"] = talib.BBANDS(c, 20, 2.0, 2.0, 0)
    for n in (20, 50):
        r[f"vsma{n}"] = talib.SMA(v, n)
        r[f"vstd{n}"] = talib.STDDEV(v, n, 1.0)
    for n in (14, 21):
        r[f"rsi{n}"] = talib.RSI(c, n)
    for n in (10, 20):
        r[f"roc{n}"] = talib.ROC(c, n)
    r["macd"] = talib.MACD(c, 12, 26, 9)
    r["adx"] = talib.ADX(h, l, c, 14)
    r["pdi"] = talib.PLUS_DI(h, l, c, 14)
    r["mdi"] = talib.MINUS_DI(h, l, c, 14)
    r["atr"] = talib.ATR(h, l, c, 14)
    ret1 = talib.ROCP(c, 1)
    for n in (20, 50):
        r[f"vol{n}"] = talib.STDDEV(ret1, n, 1.0)
    r["stoch"] = talib.STOCH(h, l, c, 5, 3, 0, 3, 0)
    obv = talib.OBV(c, v)
    r["obv_ema"] = talib.EMA(obv, 20)
    for n in (1, 5, 10, 20):
        r[f"ret{n}"] = talib.ROCP(c, n)
    return r


def wilder(s, n):
    return s.ewm(alpha=1.0 / n, adjust=False).mean()


def pandas_technical_v1(df):
    c, h, l, v = df["close"], df["high"], df["low"], df["volume"]
    f = {}
    for n in (9, 20, 50, 200):
        f[f"nma_{n}"] = c / c.rolling(n).mean() - 1
    mid = c.rolling(20).mean()
    sd = c.rolling(20).std(ddof=0)
    up, lo = mid + 2 * sd, mid - 2 * sd
    f["bb_pct"] = ((c - lo) / (up - lo)).where(up != lo, 0.5)
    f["bb_width"] = (up - lo) / mid
    for n in (20, 50):
        f[f"volume_z_{n}"] = (v - v.rolling(n).mean()) / v.rolling(n).std()
    d = c.diff()
    gain, loss = d.clip(lower=0), -d.clip(upper=0)
    for n in (14, 21):
        f[f"rsi_{n}"] = 100 - 100 / (1 + wilder(gain, n) / wilder(loss, n))
    for n in (10, 20):
        f[f"roc_{n}"] = c.pct_change(n) * 100
    macd = c.ewm(span=12, adjust=False).mean() - c.ewm(span=26, adjust=False).mean()
    sig = macd.ewm(span=9, adjust=False).mean()
    f["macd"], f["macd_signal"], f["macd_hist"] = macd, sig, macd - sig
    pc = c.shift(1)
    tr = pd.concat([h - l, (h - pc).abs(), (l - pc).abs()], axis=1).max(axis=1)
    atr = wilder(tr, 14)
    upm, dnm = h.diff(), -l.diff()
    pdi = 100 * wilder(upm.where((upm > dnm) & (upm > 0), 0.0), 14) / atr
    mdi = 100 * wilder(dnm.where((dnm > upm) & (dnm > 0), 0.0), 14) / atr
    f["adx_14"] = wilder(100 * (pdi - mdi).abs() / (pdi + mdi), 14)
    f["plus_di_14"], f["minus_di_14"], f["atr_14"] = pdi, mdi, atr
    r1 = c.pct_change()
    f["volatility_20"], f["volatility_50"] = r1.rolling(20).std(), r1.rolling(50).std()
    ll, hh = l.rolling(5).min(), h.rolling(5).max()
    k = (100 * (c - ll) / (hh - ll)).rolling(3).mean()
    f["stoch_k"], f["stoch_d"] = k, k.rolling(3).mean()
    obv = (np.sign(d).fillna(0) * v).cumsum() + v.iloc[0]
    f["obv"], f["obv_ema_20"] = obv, obv.ewm(span=20, adjust=False).mean()
    for n in (1, 5, 10, 20):
        f[f"ret_{n}"] = c.pct_change(n)
    return pd.DataFrame(f)


def timed(fn, repeats):
    fn()
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return {"median": float(np.median(runs)), "min": min(runs), "runs": runs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mlctl")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--out")
    a = ap.parse_args()
    n = 100_000 if a.quick else 1_000_000
    o, h, l, c, v = make_bars(n)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "w6_bars.csv")
        pd.DataFrame({"timestamp": np.arange(n), "open": o, "high": h, "low": l, "close": c, "volume": v}).to_csv(path, index=False)
        # Read back what the Swift side reads (CSV round trip is exact: shortest repr).
        df = pd.read_csv(path)
        o, h, l, c, v = (df[k].to_numpy(dtype=np.float64) for k in ("open", "high", "low", "close", "volume"))
        res = {"bars": n, "loadavg_start": os.getloadavg()[0]}
        swift = json.loads(subprocess.run([a.mlctl, "bench", "features", "--input", path, "--repeats", str(a.repeats), "--json"],
                                          check=True, capture_output=True, text=True).stdout)
        res["swift"] = swift
        res["talib"] = timed(lambda: talib_technical_v1(o, h, l, c, v), a.repeats)
        res["pandas"] = timed(lambda: pandas_technical_v1(df), a.repeats)
        swift2 = json.loads(subprocess.run([a.mlctl, "bench", "features", "--input", path, "--repeats", str(a.repeats), "--json"],
                                           check=True, capture_output=True, text=True).stdout)
        res["swift_second_run"] = swift2
        res["swift_two_threads"] = json.loads(subprocess.run(
            [a.mlctl, "bench", "features", "--input", path, "--repeats", str(a.repeats), "--threads", "2", "--json"],
            check=True, capture_output=True, text=True).stdout)
        res["loadavg_end"] = os.getloadavg()[0]
    s = min(swift["batchSecondsMedian"], swift2["batchSecondsMedian"])
    res["talib_over_swift"] = res["talib"]["median"] / s
    res["pandas_over_swift"] = res["pandas"]["median"] / s
    s2 = res["swift_two_threads"]["batchSecondsMedian"]
    res["talib_over_swift_two_threads"] = res["talib"]["median"] / s2
    print(f"W6 technical-v1, {n:,} bars: swift median {swift['batchSecondsMedian']*1e3:.1f} / {swift2['batchSecondsMedian']*1e3:.1f} ms "
          f"(stream {swift['streamSeconds']*1e3:.1f} ms), TA-Lib indicators {res['talib']['median']*1e3:.1f} ms, "
          f"pandas {res['pandas']['median']*1e3:.1f} ms; TA-Lib/swift {res['talib_over_swift']:.2f}x, pandas/swift {res['pandas_over_swift']:.2f}x; "
          f"2 threads {s2*1e3:.1f} ms, TA-Lib/swift {res['talib_over_swift_two_threads']:.2f}x")
    if a.out:
        json.dump(res, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
