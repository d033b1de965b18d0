import CoreMetrics
import Synchronization

/// A bounded queue of predictions and feedback drained to a ``PredictionSink`` by its own task.
///
/// ``enqueue(_:)`` never blocks on the sink: it takes a short lock to append, and when the
/// queue holds `capacity` entries, or the entry would take the queued bytes past
/// `max_bytes`, it drops the entry and counts it (metric
/// `mlserve_prediction_log_dropped_total`, route `log` or `feedback`). ``close()`` flushes
/// everything still queued.
final class _PredictionLog: Sendable {
    let sink: any PredictionSink
    private let configuration: PredictionLogConfiguration
    private let queue = Mutex<(entries: [_LogEntry], bytes: Int)>(([], 0))
    private let counts = _LogCounts()
    private let dropCounter: Counter
    private let feedbackDropCounter: Counter
    private let closed = Atomic<Bool>(false)
    private let worker = Mutex<Task<Void, Never>?>(nil)
    /// Held for a whole flush, so two flushes never interleave and entries reach the sink
    /// in arrival order.
    private let flushing = Mutex<Void>(())

    init(sink: any PredictionSink, configuration: PredictionLogConfiguration, factory: any MetricsFactory, model: String) {
        self.sink = sink
        self.configuration = configuration
        dropCounter = Counter(
            label: ServeMetricNames.predictionLogDropped,
            dimensions: [("model", model), ("version", ""), ("route", "log")], factory: factory)
        feedbackDropCounter = Counter(
            label: ServeMetricNames.predictionLogDropped,
            dimensions: [("model", model), ("version", ""), ("route", "feedback")], factory: factory)
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

    /// Queues a prediction, or drops and counts it when the queue is full or closed.
    func enqueue(_ record: LoggedPrediction) {
        if append(.prediction(record)) {
            counts.enqueued.add(1, ordering: .relaxed)
        } else {
            counts.dropped.add(1, ordering: .relaxed)
            dropCounter.increment()
        }
    }

    /// Queues a feedback report; `false` (counted) when the queue is full or closed.
    func enqueue(_ feedback: Feedback) -> Bool {
        if append(.feedback(feedback)) {
            counts.feedbackEnqueued.add(1, ordering: .relaxed)
            return true
        }
        counts.feedbackDropped.add(1, ordering: .relaxed)
        feedbackDropCounter.increment()
        return false
    }

    private func append(_ entry: _LogEntry) -> Bool {
        let size = entry.bytes
        return queue.withLock { q -> Bool in
            guard q.entries.count < configuration.capacity, size <= configuration.maxBytes - q.bytes,
                !closed.load(ordering: .relaxed)
            else { return false }
            q.entries.append(entry)
            q.bytes += size
            return true
        }
    }

    /// Writes everything queued now, in batches of `batch_size` entries, in arrival order.
    func flush() {
        flushing.withLock { _ in drain() }
    }

    private func drain() {
        while true {
            let batch = queue.withLock { q -> [_LogEntry] in
                let n = min(q.entries.count, max(1, configuration.batchSize))
                let head = Array(q.entries.prefix(n))
                q.entries.removeFirst(n)
                q.bytes -= head.reduce(0) { $0 + $1.bytes }
                return head
            }
            if batch.isEmpty { return }
            var run: [LoggedPrediction] = []
            for entry in batch {
                switch entry {
                case .prediction(let record):
                    run.append(record)
                case .feedback(let feedback):
                    write(run)
                    run.removeAll(keepingCapacity: true)
                    do {
                        try sink.recordFeedback(requestID: feedback.requestID, outcome: feedback.outcome, label: feedback.label)
                        counts.feedbackWritten.add(1, ordering: .relaxed)
                    } catch {
                        counts.feedbackFailed.add(1, ordering: .relaxed)
                    }
                }
            }
            write(run)
        }
    }

    /// Writes consecutive predictions in one call; when that fails, record by record, so
    /// that one record the sink refuses (a model the registry does not know) loses no other.
    private func write(_ run: [LoggedPrediction]) {
        if run.isEmpty { return }
        do {
            try sink.write(run, keepInputs: configuration.keepInputs)
            counts.written.add(run.count, ordering: .relaxed)
        } catch {
            for record in run {
                do {
                    try sink.write([record], keepInputs: configuration.keepInputs)
                    counts.written.add(1, ordering: .relaxed)
                } catch {
                    counts.failed.add(1, ordering: .relaxed)
                }
            }
        }
    }

    /// Stops accepting entries, stops the task and flushes what is queued.
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
        let (pending, bytes) = queue.withLock { ($0.entries.count, $0.bytes) }
        return counts.snapshot(pending: pending, pendingBytes: bytes)
    }
}
