import MLCore
import MLServe
import Synchronization


/// A prediction sink that keeps what it is given in memory, optionally slowly: for tests of
/// the prediction log and feedback (``MLServe/ScoringEngine/recordFeedback(requestID:outcome:label:)``).
public final class MemoryPredictionSink: PredictionSink {
    /// The predictions written, in order.
    public let records = Mutex<[LoggedPrediction]>([])
    /// The latest outcome reported per request id.
    public let feedback = Mutex<[String: Double]>([:])
    /// A pause before each write, in microseconds (a slow sink).
    public let delayMicroseconds: UInt32

    /// Creates a sink; `delayMicroseconds` makes each write that much slower.
    public init(delayMicroseconds: UInt32 = 0) { self.delayMicroseconds = delayMicroseconds }

    public func write(_ batch: [LoggedPrediction], keepInputs: Bool) throws {
        if delayMicroseconds > 0 { _Platform.sleep(microseconds: Int(delayMicroseconds)) }
        records.withLock { $0.append(contentsOf: batch) }
    }

    /// Keeps the outcome, like the registry sink, only for a request it has a record of.
    /// - Throws: ``MLServe/ServeError`` `.notFound` for an unknown request id.
    public func recordFeedback(requestID: String, outcome: Double?, label: String?) throws {
        guard records.withLock({ $0.contains { $0.requestID == requestID } }) else {
            throw ServeError(.notFound, requestID)
        }
        feedback.withLock { $0[requestID] = outcome }
    }

    /// How many predictions were written.
    public var count: Int { records.withLock { $0.count } }
}
