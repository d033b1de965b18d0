extension ServeConfiguration {
    /// Checks the settings the engine itself uses (batch rows, micro-batching, the prediction
    /// log); ``ScoringEngine/init(configuration:registry:metricsFactory:predictionSink:fallbackRules:maxShadowsInFlight:clock:)``
    /// runs it. Routing is checked when the engine builds its router; the HTTP limits by
    /// MLServeHTTP.
    /// - Throws: ``ServeError`` `.invalidConfiguration` naming the keys and their ranges.
    public func checkEngineSettings() throws(ServeError) {
        guard limits.maxBatchRows >= 1 else {
            throw ServeError(.invalidConfiguration, "limits.max_batch_rows must be positive")
        }
        if let m = microBatching,
            m.maxBatchSize < 1 || !(0...60_000).contains(m.maxDelayMilliseconds)
                || !(m.budgetMilliseconds > 0 && m.budgetMilliseconds <= 600_000)
        {
            throw ServeError(
                .invalidConfiguration,
                "micro_batching needs max_batch_size ≥ 1, max_delay_ms in 0…60000, budget_ms in (0, 600000]")
        }
        guard (1...3_600_000).contains(predictionLog.flushIntervalMilliseconds),
            predictionLog.batchSize >= 1, predictionLog.maxBytes >= 1
        else {
            throw ServeError(
                .invalidConfiguration,
                "prediction_log needs flush_interval_ms in 1…3600000, batch_size ≥ 1 and max_bytes ≥ 1")
        }
    }
}
