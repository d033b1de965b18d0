import CoreMetrics
import Synchronization

/// Counts of the prediction log.
public struct PredictionLogStatistics: Sendable, Equatable, Codable {
    /// Records accepted into the queue.
    public var enqueued: Int
    /// Records the sink wrote (or skipped as unloggable).
    public var written: Int
    /// Records dropped because the queue was full.
    public var dropped: Int
    /// Records the sink refused, one by one after a failed batch.
    public var failed: Int
    /// Records waiting in the queue now.
    public var pending: Int
}

/// A bounded queue of predictions drained to a ``PredictionSink`` by its own task.
///
/// ``enqueue(_:)`` never blocks on the sink: it takes a short lock to append, and when the
/// queue holds `capacity` records it drops the record and counts it (metric
/// `mlserve_prediction_log_dropped_total`). ``close()`` flushes everything still queued.
final class _PredictionLog: Sendable {
    let sink: any PredictionSink
    private let configuration: PredictionLogConfiguration
    private let queue = Mutex<[LoggedPrediction]>([])
    private let enqueued = Atomic<Int>(0)
    private let written = Atomic<Int>(0)
    private let droppedCount = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    private let dropCounter: Counter
    private let closed = Atomic<Bool>(false)
    private let worker = Mutex<Task<Void, Never>?>(nil)

    init(sink: any PredictionSink, configuration: PredictionLogConfiguration, factory: any MetricsFactory, model: String) {
        self.sink = sink
        self.configuration = configuration
        dropCounter = Counter(
            label: ServeMetricNames.predictionLogDropped,
            dimensions: [("model", model), ("version", ""), ("route", "log")], factory: factory)
    }

    /// Starts the flushing task.
    func start() {
        let interval = max(1, configuration.flushIntervalMilliseconds)
        let task = Task.detached { [self] in
            while !closed.load(ordering: .acquiring) {
                try? await Task.sleep(for: .milliseconds(interval))
                flush()
            }
        }
        worker.withLock { $0 = task }
    }

    /// Queues a record, or drops and counts it when the queue is full or closed.
    func enqueue(_ record: LoggedPrediction) {
        let accepted = queue.withLock { q -> Bool in
            guard q.count < configuration.capacity, !closed.load(ordering: .relaxed) else { return false }
            q.append(record)
            return true
        }
        if accepted {
            enqueued.add(1, ordering: .relaxed)
        } else {
            droppedCount.add(1, ordering: .relaxed)
            dropCounter.increment()
        }
    }

    /// Writes everything queued now, in batches of `batch_size`.
    func flush() {
        while true {
            let batch = queue.withLock { q -> [LoggedPrediction] in
                let n = min(q.count, max(1, configuration.batchSize))
                let head = Array(q.prefix(n))
                q.removeFirst(n)
                return head
            }
            if batch.isEmpty { return }
            do {
                try sink.write(batch, keepInputs: configuration.keepInputs)
                written.add(batch.count, ordering: .relaxed)
            } catch {
                // One bad record (a repeated request id) must not lose the others.
                for record in batch {
                    do {
                        try sink.write([record], keepInputs: configuration.keepInputs)
                        written.add(1, ordering: .relaxed)
                    } catch {
                        failed.add(1, ordering: .relaxed)
                    }
                }
            }
        }
    }

    /// Stops accepting records, stops the task and flushes what is queued.
    func close() async {
        closed.store(true, ordering: .releasing)
        let task = worker.withLock { t -> Task<Void, Never>? in
            defer { t = nil }
            return t
        }
        task?.cancel()
        await task?.value
        flush()
    }

    var statistics: PredictionLogStatistics {
        PredictionLogStatistics(
            enqueued: enqueued.load(ordering: .relaxed), written: written.load(ordering: .relaxed),
            dropped: droppedCount.load(ordering: .relaxed), failed: failed.load(ordering: .relaxed),
            pending: queue.withLock { $0.count })
    }
}
