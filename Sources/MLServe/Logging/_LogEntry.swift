/// What the prediction log queues: an answered request or a reported outcome. Both go to
/// the same sink, in the order they arrived, so an outcome is never written before the
/// prediction it refers to.
enum _LogEntry: Sendable {
    case prediction(LoggedPrediction)
    case feedback(Feedback)

    /// What the entry holds in memory, in bytes, for the queue's byte bound: a fixed
    /// overhead for the record and its strings' storage, plus the strings and features.
    var bytes: Int {
        switch self {
        case .prediction(let p):
            // `features.count` ≤ a request's rows × features: already bounded by the body size.
            return 160 + p.requestID.utf8.count + p.model.utf8.count + p.version.utf8.count + p.route.utf8.count
                + (p.label?.utf8.count ?? 0) + p.features.count * MemoryLayout<Float>.stride
        case .feedback(let f):
            return 96 + f.requestID.utf8.count + (f.label?.utf8.count ?? 0)
        }
    }
}
