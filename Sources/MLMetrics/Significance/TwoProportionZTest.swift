/// The pooled two-proportion z-test for A/B outcomes (e.g. conversion or approval rates of two
/// model variants), two-sided.
///
/// With p̂_A = x_A/n_A, p̂_B = x_B/n_B and the pooled p̂ = (x_A + x_B)/(n_A + n_B):
/// SE = √(p̂(1 − p̂)(1/n_A + 1/n_B)), z = (p̂_B − p̂_A)/SE (positive when B is higher),
/// p = erfc(|z|/√2). This equals `statsmodels.stats.proportion.proportions_ztest` with
/// `prop_var=False` (up to the sign convention of z). When SE = 0 (both groups all successes or
/// all failures) z is 0 and p is 1.
public struct TwoProportionZTest: Sendable, Codable, Equatable {
    /// Successes in group A.
    public let successesA: Int
    /// Trials in group A.
    public let trialsA: Int
    /// Successes in group B.
    public let successesB: Int
    /// Trials in group B.
    public let trialsB: Int
    /// x_A / n_A.
    public let proportionA: Double
    /// x_B / n_B.
    public let proportionB: Double
    /// (x_A + x_B) / (n_A + n_B).
    public let pooledProportion: Double
    /// The pooled standard error of p̂_B − p̂_A.
    public let standardError: Double
    /// (p̂_B − p̂_A) / SE.
    public let z: Double
    /// Two-sided p-value.
    public let pValue: Double

    /// p̂_B − p̂_A.
    public var difference: Double { proportionB - proportionA }

    /// Runs the test.
    /// - Throws: ``MetricError`` `.invalidArgument` when a trial count is < 1 or a success
    ///   count is outside `0...trials`.
    public init(successesA: Int, trialsA: Int, successesB: Int, trialsB: Int) throws {
        for (name, x, n) in [("A", successesA, trialsA), ("B", successesB, trialsB)] {
            guard n >= 1 else {
                throw MetricError(.invalidArgument, "group \(name) needs at least one trial, got \(n)", argument: "trials\(name)")
            }
            guard x >= 0, x <= n else {
                throw MetricError(
                    .invalidArgument, "group \(name) has \(x) successes out of \(n) trials", argument: "successes\(name)")
            }
        }
        self.successesA = successesA
        self.trialsA = trialsA
        self.successesB = successesB
        self.trialsB = trialsB
        let na = Double(trialsA)
        let nb = Double(trialsB)
        proportionA = Double(successesA) / na
        proportionB = Double(successesB) / nb
        pooledProportion = (Double(successesA) + Double(successesB)) / (na + nb)
        standardError = (pooledProportion * (1 - pooledProportion) * (1 / na + 1 / nb)).squareRoot()
        z = standardError > 0 ? (proportionB - proportionA) / standardError : 0
        pValue = NormalDistribution.twoSidedPValue(z: z)
    }
}
