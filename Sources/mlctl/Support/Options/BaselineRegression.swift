import ArgumentParser
import FoundationEssentials
import MLLoadTest

/// `[--baseline r.json] [--tolerance T]`: `loadtest` fails when p95 regresses beyond an earlier
/// report's by more than the tolerance.
struct BaselineRegression: ParsableArguments {
    @Option(help: "An earlier --report file: fail when p95 regresses beyond --tolerance.")
    var baseline: String?

    @Option(help: "Allowed relative p95 increase over the baseline.")
    var tolerance = 0.10

    /// Refuses a negative tolerance. `loadtest`'s `validate()` calls it after its own checks, so
    /// that the first of several bad options is the one reported, as before this group existed.
    func checkTolerance() throws {
        guard tolerance >= 0 else { throw ValidationError("--tolerance must not be negative") }
    }

    /// The earlier report, or `nil` without `--baseline`.
    func previousReport() throws -> LoadTestReport? {
        guard let baseline else { return nil }
        do {
            return try JSONDecoder().decode(LoadTestReport.self, from: Data(contentsOf: URL(fileURLWithPath: baseline)))
        } catch {
            throw InputError("cannot read the baseline \(baseline): \(error)")
        }
    }
}
