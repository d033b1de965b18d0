extension FeatureSet {
    /// `technical-v1`, version 1.0.0: 29 features of daily (or any fixed-interval) bars, the set
    /// the trading models train and serve on. Indicators are TA-Lib's (``SMA``, ``BollingerBands``,
    /// ``RSI``, ``ROC``, ``MACD``, ``ADX``, ``ATR``, ``Stochastic``, ``OBV``, ``EMA``); c is the
    /// close, v the volume, r₁ the one-bar simple return. Windows include the current bar.
    public static let technicalV1 = FeatureSet(
        name: "technical-v1", version: "1.0.0",
        features: [
            .init(name: "nma_9", formula: "close / SMA(close, 9) - 1", lookback: 8),
            .init(name: "nma_20", formula: "close / SMA(close, 20) - 1", lookback: 19),
            .init(name: "nma_50", formula: "close / SMA(close, 50) - 1", lookback: 49),
            .init(name: "nma_200", formula: "close / SMA(close, 200) - 1", lookback: 199),
            .init(
                name: "bb_pct",
                formula: "(close - BBANDS(close, 20, 2, 2).lower) / (upper - lower); 0.5 when upper == lower",
                lookback: 19),
            .init(name: "bb_width", formula: "(BBANDS(close, 20, 2, 2).upper - lower) / middle", lookback: 19),
            .init(
                name: "volume_z_20",
                formula: "(volume - mean(volume, 20)) / std(volume, 20, ddof 1); 0 when std == 0", lookback: 19),
            .init(
                name: "volume_z_50",
                formula: "(volume - mean(volume, 50)) / std(volume, 50, ddof 1); 0 when std == 0", lookback: 49),
            .init(name: "rsi_14", formula: "RSI(close, 14)", lookback: 14),
            .init(name: "rsi_21", formula: "RSI(close, 21)", lookback: 21),
            .init(name: "roc_10", formula: "ROC(close, 10), percent", lookback: 10),
            .init(name: "roc_20", formula: "ROC(close, 20), percent", lookback: 20),
            .init(name: "macd", formula: "MACD(close, 12, 26, 9).macd", lookback: 33),
            .init(name: "macd_signal", formula: "MACD(close, 12, 26, 9).signal", lookback: 33),
            .init(name: "macd_hist", formula: "MACD(close, 12, 26, 9).hist", lookback: 33),
            .init(name: "adx_14", formula: "ADX(high, low, close, 14)", lookback: 27),
            .init(name: "plus_di_14", formula: "PLUS_DI(high, low, close, 14)", lookback: 14),
            .init(name: "minus_di_14", formula: "MINUS_DI(high, low, close, 14)", lookback: 14),
            .init(name: "atr_14", formula: "ATR(high, low, close, 14)", lookback: 14),
            .init(name: "volatility_20", formula: "std(close / close[-1] - 1, 20, ddof 1)", lookback: 20),
            .init(name: "volatility_50", formula: "std(close / close[-1] - 1, 50, ddof 1)", lookback: 50),
            .init(name: "stoch_k", formula: "STOCH(high, low, close, 5, 3, 3).slowk", lookback: 8),
            .init(name: "stoch_d", formula: "STOCH(high, low, close, 5, 3, 3).slowd", lookback: 8),
            .init(name: "obv", formula: "OBV(close, volume)", lookback: 0),
            .init(name: "obv_ema_20", formula: "EMA(OBV(close, volume), 20)", lookback: 19),
            .init(name: "ret_1", formula: "close / close[-1] - 1", lookback: 1),
            .init(name: "ret_5", formula: "close / close[-5] - 1", lookback: 5),
            .init(name: "ret_10", formula: "close / close[-10] - 1", lookback: 10),
            .init(name: "ret_20", formula: "close / close[-20] - 1", lookback: 20),
        ])
}
