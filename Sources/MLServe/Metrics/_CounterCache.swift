import CoreMetrics
import Synchronization

/// Counters made on first use and kept, by label and dimensions: for series whose labels are
/// known only when they are first counted (an error type, the variant that failed). One short
/// lock per count: for error paths, not for every scored row (those use ``_VariantInstruments``).
package final class _CounterCache: Sendable {
    private let factory: any MetricsFactory
    private let counters = Mutex<[String: Counter]>([:])

    package init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// The counter `label` with `dimensions`, made on first use.
    package func counter(_ label: String, _ dimensions: [(String, String)]) -> Counter {
        let key = ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
        return counters.withLock { cache -> Counter in
            if let counter = cache[key] { return counter }
            let counter = Counter(label: label, dimensions: dimensions, factory: factory)
            cache[key] = counter
            return counter
        }
    }

    /// Counts one failed request of `type` in ``ServeMetricNames/errors``.
    package func countError(_ type: String, labels: _MetricLabels) {
        counter(ServeMetricNames.errors, labels.dimensions + [("type", type)]).increment()
    }
}

/// The labels every series of a variant carries: `model`, `version`, `route`.
package struct _MetricLabels: Sendable, Equatable {
    package var model: String
    package var version: String
    package var route: String

    package init(model: String, version: String, route: String) {
        self.model = model
        self.version = version
        self.route = route
    }

    package var dimensions: [(String, String)] { [("model", model), ("version", version), ("route", route)] }
}
