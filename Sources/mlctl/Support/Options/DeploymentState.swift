import ArgumentParser
import MLRegistry

/// `[--traffic-share S] [--status S]`: the state `registry deploy` records for a new deployment or
/// sets on an existing one.
struct DeploymentState: ParsableArguments {
    @Option(help: "Share of the environment's traffic, 0…1.")
    var trafficShare: Double?

    @Option(help: "Status.")
    var status: String?

    /// The status given, or `nil`; an unknown status is refused.
    func parsedStatus() throws -> DeploymentStatus? {
        guard let status else { return nil }
        guard let parsed = DeploymentStatus(rawValue: status) else {
            throw ValidationError("--status must be one of pending, active, draining, retired, failed")
        }
        return parsed
    }
}
