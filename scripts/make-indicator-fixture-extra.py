#!/usr/bin/env python3
"""Makes Tests/Fixtures/indicators/ind_daily_400_extra: TA-Lib's own outputs for the indicators
and parameter sets that shared/fixtures/indicators/ind_daily_400 does not cover, on the same
400 bars (its ohlcv.csv is copied). Needs `pip install TA-Lib==0.8.2 numpy` (the official
wrapper, C library 0.8.1, as the shared fixture). Run from the repository root.

An empty field in expected.csv means TA-Lib returned NaN (the lookback rows)."""
import csv, json, os, shutil
import numpy as np
import talib

SRC = "Tests/Fixtures/indicators/ind_daily_400"
DST = "Tests/Fixtures/indicators/ind_daily_400_extra"
os.makedirs(DST, exist_ok=True)
shutil.copy(f"{SRC}/ohlcv.csv", f"{DST}/ohlcv.csv")
rows = list(csv.DictReader(open(f"{DST}/ohlcv.csv")))
o, h, l, c, v = (np.array([float(r[k]) for r in rows]) for k in ("open", "high", "low", "close", "volume"))

spec = {  # column: (function, params, inputs, output index or None)
    "wma_10": ("WMA", {"timeperiod": 10}, ["close"], None),
    "wma_30": ("WMA", {"timeperiod": 30}, ["close"], None),
    "ema_2": ("EMA", {"timeperiod": 2}, ["close"], None),
    "rsi_2": ("RSI", {"timeperiod": 2}, ["close"], None),
    "rocp_10": ("ROCP", {"timeperiod": 10}, ["close"], None),
    "roc_1": ("ROC", {"timeperiod": 1}, ["close"], None),
    "natr_14": ("NATR", {"timeperiod": 14}, ["high", "low", "close"], None),
    "atr_1": ("ATR", {"timeperiod": 1}, ["high", "low", "close"], None),
    "atr_5": ("ATR", {"timeperiod": 5}, ["high", "low", "close"], None),
    "willr_14": ("WILLR", {"timeperiod": 14}, ["high", "low", "close"], None),
    "cci_14": ("CCI", {"timeperiod": 14}, ["high", "low", "close"], None),
    "cci_20": ("CCI", {"timeperiod": 20}, ["high", "low", "close"], None),
    "mfi_14": ("MFI", {"timeperiod": 14}, ["high", "low", "close", "volume"], None),
    "plus_di_14": ("PLUS_DI", {"timeperiod": 14}, ["high", "low", "close"], None),
    "minus_di_14": ("MINUS_DI", {"timeperiod": 14}, ["high", "low", "close"], None),
    "adx_5": ("ADX", {"timeperiod": 5}, ["high", "low", "close"], None),
    "macd_5_35_5": ("MACD", {"fastperiod": 5, "slowperiod": 35, "signalperiod": 5}, ["close"], 0),
    "macd_signal_5_35_5": ("MACD", {"fastperiod": 5, "slowperiod": 35, "signalperiod": 5}, ["close"], 1),
    "macd_hist_5_35_5": ("MACD", {"fastperiod": 5, "slowperiod": 35, "signalperiod": 5}, ["close"], 2),
    "bb_upper_10_1.5_2.5": ("BBANDS", {"timeperiod": 10, "nbdevup": 1.5, "nbdevdn": 2.5, "matype": 0}, ["close"], 0),
    "bb_middle_10_1.5_2.5": ("BBANDS", {"timeperiod": 10, "nbdevup": 1.5, "nbdevdn": 2.5, "matype": 0}, ["close"], 1),
    "bb_lower_10_1.5_2.5": ("BBANDS", {"timeperiod": 10, "nbdevup": 1.5, "nbdevdn": 2.5, "matype": 0}, ["close"], 2),
    "stoch_slowk_14_3_5": ("STOCH", {"fastk_period": 14, "slowk_period": 3, "slowk_matype": 0, "slowd_period": 5, "slowd_matype": 0}, ["high", "low", "close"], 0),
    "stoch_slowd_14_3_5": ("STOCH", {"fastk_period": 14, "slowk_period": 3, "slowk_matype": 0, "slowd_period": 5, "slowd_matype": 0}, ["high", "low", "close"], 1),
}
series = {"open": o, "high": h, "low": l, "close": c, "volume": v}
columns, meta = {}, {}
for name, (fn, params, inputs, index) in spec.items():
    out = getattr(talib, fn)(*(series[k] for k in inputs), **params)
    out = out[index] if index is not None else out
    columns[name] = out
    first = int(np.argmax(~np.isnan(out)))
    meta[name] = {"function": fn, "params": params, "inputs": inputs, "output": index, "first_valid_row": first}

with open(f"{DST}/expected.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp"] + list(columns))
    for i, r in enumerate(rows):
        w.writerow([r["timestamp"]] + ["" if np.isnan(columns[k][i]) else repr(float(columns[k][i])) for k in columns])
json.dump({"kind": "indicators", "framework": "TA-Lib",
           "framework_version": f"python TA-Lib {talib.__version__}; C library {talib.__ta_version__.decode().split()[0]}",
           "n_rows": len(rows), "made_by": "scripts/make-indicator-fixture-extra.py",
           "notes": "Same bars as ind_daily_400; default unstable periods (0) and compatibility. An empty field means TA-Lib returned NaN.",
           "columns": meta}, open(f"{DST}/meta.json", "w"), indent=1)
print("wrote", DST, len(columns), "columns")
