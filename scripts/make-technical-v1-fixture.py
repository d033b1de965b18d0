#!/usr/bin/env python3
"""Makes Tests/Fixtures/features/technical_v1: the 29 features of technical-v1 computed
independently in Python — TA-Lib 0.8.2 (C 0.8.1) for the indicators, NumPy with exact window
sums for the rest — on two bar series:

- daily_400: the 400 bars of Tests/Fixtures/indicators/ind_daily_400;
- flat_600: 600 generated bars whose volume is constant for rows 100..179 (volume z-score 0)
  and whose close is constant for rows 300..379 (zero returns and volatility, equal bands).

Needs `pip install TA-Lib==0.8.2 numpy`. Run from the repository root. An empty field in
expected.csv means the feature is undefined there (its lookback)."""
import csv, os, shutil
import numpy as np
import talib

DST = "Tests/Fixtures/features/technical_v1"


def window_std(x, n, start):
    """Sample std (ddof 1) of x[i-n+1..i] for i >= start + n - 1 (x defined from `start`), two-pass."""
    out = np.full(len(x), np.nan)
    for i in range(start + n - 1, len(x)):
        w = x[i - n + 1:i + 1]
        m = w.sum() / n
        out[i] = np.sqrt(((w - m) ** 2).sum() / (n - 1))
    return out


def window_mean(x, n):
    out = np.full(len(x), np.nan)
    for i in range(n - 1, len(x)):
        out[i] = x[i - n + 1:i + 1].sum() / n
    return out


def features(o, h, l, c, v):
    f = {}
    for n in (9, 20, 50, 200):
        f[f"nma_{n}"] = c / talib.SMA(c, n) - 1
    up, mid, lo = talib.BBANDS(c, 20, 2.0, 2.0, 0)
    width = up - lo
    with np.errstate(divide="ignore", invalid="ignore"):
        f["bb_pct"] = np.where(width == 0, 0.5, (c - lo) / width)
    f["bb_width"] = width / mid
    for n in (20, 50):
        sd = window_std(v, n, 0)
        m = window_mean(v, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            f[f"volume_z_{n}"] = np.where(sd == 0, 0.0, (v - m) / sd)
    for n in (14, 21):
        f[f"rsi_{n}"] = talib.RSI(c, n)
    for n in (10, 20):
        f[f"roc_{n}"] = talib.ROC(c, n)
    f["macd"], f["macd_signal"], f["macd_hist"] = talib.MACD(c, 12, 26, 9)
    f["adx_14"] = talib.ADX(h, l, c, 14)
    f["plus_di_14"] = talib.PLUS_DI(h, l, c, 14)
    f["minus_di_14"] = talib.MINUS_DI(h, l, c, 14)
    f["atr_14"] = talib.ATR(h, l, c, 14)
    r1 = np.full(len(c), np.nan)
    r1[1:] = c[1:] / c[:-1] - 1
    f["volatility_20"] = window_std(r1, 20, 1)
    f["volatility_50"] = window_std(r1, 50, 1)
    f["stoch_k"], f["stoch_d"] = talib.STOCH(h, l, c, 5, 3, 0, 3, 0)
    obv = talib.OBV(c, v)
    f["obv"] = obv
    f["obv_ema_20"] = talib.EMA(obv, 20)
    for k in (1, 5, 10, 20):
        r = np.full(len(c), np.nan)
        r[k:] = c[k:] / c[:-k] - 1
        f[f"ret_{k}"] = r
    return f


def write(name, ts, o, h, l, c, v):
    d = f"{DST}/{name}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/ohlcv.csv", "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["timestamp", "open", "high", "low", "close", "volume"])
        for row in zip(ts, o, h, l, c, v):
            w.writerow([int(row[0])] + [repr(float(x)) for x in row[1:5]] + [int(row[5])])
    f = features(o, h, l, c, v)
    with open(f"{d}/expected.csv", "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["timestamp"] + list(f))
        for i in range(len(c)):
            w.writerow([int(ts[i])] + ["" if np.isnan(f[k][i]) else repr(float(f[k][i])) for k in f])


rows = list(csv.DictReader(open("Tests/Fixtures/indicators/ind_daily_400/ohlcv.csv")))
cols = {k: np.array([float(r[k]) for r in rows]) for k in ("timestamp", "open", "high", "low", "close", "volume")}
write("daily_400", cols["timestamp"], cols["open"], cols["high"], cols["low"], cols["close"], cols["volume"])

rng = np.random.default_rng(600)
n = 600
close = np.round(50 * np.exp(np.cumsum(rng.normal(0, 0.015, n))), 2)
close[300:380] = close[299]
open_ = np.round(np.r_[close[0], close[:-1]] * (1 + rng.normal(0, 0.003, n)), 2)
open_[301:380] = close[299]
high = np.round(np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.006, n))), 2)
low = np.round(np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.006, n))), 2)
high[301:380] = close[299]
low[301:380] = close[299]
volume = rng.integers(1_000, 90_000, n).astype(float)
volume[100:180] = 25_000
ts = 1_600_000_000 + 86_400 * np.arange(n)
write("flat_600", ts, open_, high, low, close, volume)
print("wrote", DST)
