import ArgumentParser

/// `mlctl features …`: technical indicators, feature sets, OHLCV validation and entity
/// aggregations (MLFeatures).
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute features: TA-Lib indicators, the technical-v1 set, OHLCV validation, entity aggregations.",
        discussion: """
            mlctl features indicators --input ohlcv.csv --output ind.csv --columns sma_20,rsi_14,macd_12_26_9
            mlctl features compute --set technical-v1 --input ohlcv.csv --output features.csv [--json]
            mlctl features validate --input ohlcv.csv [--mode report|drop|fail] [--output clean.csv] [--json]
            mlctl features aggregate --input events.csv --entity card --time ts --value amount \
            --windows 1h,24h --aggregations count,sum,mean,std,min,max [--recency] --output out.csv
            mlctl features store init|apply|ingest|retrieve|materialize|get|parity|history … (feature store)
            Exit codes: 0 ok, 1 validation failed (--mode fail) or parity mismatches, 2 bad usage or input.
            """,
        subcommands: [
            FeaturesIndicatorsCommand.self, FeaturesComputeCommand.self, FeaturesValidateCommand.self,
            FeaturesAggregateCommand.self, FeaturesStoreCommand.self,
        ]
    )
}
