/// How a quantized model compares with its float model on given data.
///
/// For tree ensembles (`threshold_bins`): every numeric node decision on each row's float path
/// is re-evaluated on bins; ``nodeDecisionMismatches`` must be 0, and then the outputs are
/// identical (``maxAbsDifference`` 0). For linear and MLP graphs (`int8_per_channel_weights`):
/// the outputs may differ by at most ``toleranceAbs`` and at most ``decisionFlipsAllowed``
/// rows may change their decision.
public struct QuantizationReport: Sendable, Codable, Equatable {
    /// `threshold_bins`.
    public var scheme: String
    /// Rows compared.
    public var rows: Int
    /// Values per row compared (``PredictionOutput/value``).
    public var outputWidth: Int
    /// Largest |quantized − float| over all values (0 when bit-identical).
    public var maxAbsDifference: Double
    /// Mean |quantized − float|.
    public var meanAbsDifference: Double
    /// Rows whose decision differs: binary probability on either side of 0.5, multiclass
    /// arg-max, class index; 0 for regression and raw scores (no decision).
    public var decisionFlips: Int
    /// Numeric node decisions compared (along each row's float path through every tree).
    public var nodeDecisions: Int
    /// Of those, the decisions the quantized comparison takes differently.
    public var nodeDecisionMismatches: Int
    /// Weight tensors quantized (linear / MLP graphs; 0 for trees).
    public var quantizedWeightTensors: Int
    /// Largest allowed |Δ| of an output value.
    public var toleranceAbs: Double
    /// Largest allowed number of decision flips.
    public var decisionFlipsAllowed: Int
    /// No node mismatch, decision flips ≤ allowed, max |Δ| ≤ tolerance.
    public var passed: Bool

    /// Creates a report.
    public init(
        scheme: String, rows: Int, outputWidth: Int, maxAbsDifference: Double, meanAbsDifference: Double,
        decisionFlips: Int, nodeDecisions: Int, nodeDecisionMismatches: Int, quantizedWeightTensors: Int = 0,
        toleranceAbs: Double = 0, decisionFlipsAllowed: Int = 0
    ) {
        self.scheme = scheme
        self.rows = rows
        self.outputWidth = outputWidth
        self.maxAbsDifference = maxAbsDifference
        self.meanAbsDifference = meanAbsDifference
        self.decisionFlips = decisionFlips
        self.nodeDecisions = nodeDecisions
        self.nodeDecisionMismatches = nodeDecisionMismatches
        self.quantizedWeightTensors = quantizedWeightTensors
        self.toleranceAbs = toleranceAbs
        self.decisionFlipsAllowed = decisionFlipsAllowed
        passed = nodeDecisionMismatches == 0 && decisionFlips <= decisionFlipsAllowed && maxAbsDifference <= toleranceAbs
    }

    enum CodingKeys: String, CodingKey {
        case scheme, rows, passed
        case outputWidth = "output_width"
        case maxAbsDifference = "max_abs_difference"
        case meanAbsDifference = "mean_abs_difference"
        case decisionFlips = "decision_flips"
        case nodeDecisions = "node_decisions"
        case nodeDecisionMismatches = "node_decision_mismatches"
        case quantizedWeightTensors = "quantized_weight_tensors"
        case toleranceAbs = "tolerance_abs"
        case decisionFlipsAllowed = "decision_flips_allowed"
    }
}
