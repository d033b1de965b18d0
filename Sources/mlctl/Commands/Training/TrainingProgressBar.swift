import MLCore
import MLTraining

/// The progress bar of `mlctl train` on stderr: iterations, validation loss, ETA. Drawn only
/// on a terminal.
final class TrainingProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: GBDTTrainer.Progress) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let eta = p.iteration > 0 ? seconds / Double(p.iteration) * Double(p.total - p.iteration) : 0
        let width = 30
        let filled = p.total > 0 ? width * p.iteration / p.total : 0
        var line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
        line += "\(p.iteration)/\(p.total)"
        if let loss = p.validationLoss { line += " valid loss \((loss * 10000).rounded() / 10000)" }
        line += " ETA \(Int(eta.rounded())) s   "
        _Platform.writeToStandardError(Array(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { _Platform.writeToStandardError(Array("\n".utf8)) }
    }
}
