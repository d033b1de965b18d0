/// The settings of a logistic regression (scikit-learn's `LogisticRegression` with `l2 = 1/C`).
///
/// The objective, over coefficients `β` (one row for binary, one per class for multinomial) and
/// unpenalized intercepts, is `Σᵢ wᵢ · logloss(yᵢ, zᵢ) + (l2 / 2)·‖β‖² + l1·‖β‖₁`, where `wᵢ`
/// is the row's class weight and `z` is computed on standardized features when
/// ``standardize`` is set (the standardization is part of the model).
public struct LogisticRegressionParameters: Sendable, Equatable, Codable {
    /// How the optimum is found.
    public enum Solver: String, Sendable, Equatable, Codable {
        /// Newton up to ``LogisticRegressionTrainer/newtonWidthLimit`` parameters (and every L1
        /// model), L-BFGS otherwise.
        case auto
        /// Newton–Raphson (IRLS): the Hessian `Xᵀ·W·X` on BLAS, a Cholesky solve per step; with
        /// `l1 > 0`, proximal Newton with coordinate descent on each quadratic model.
        case newton
        /// Limited-memory BFGS (10 pairs) with a backtracking line search; L2 only.
        case lbfgs
    }

    /// Binary (labels 0/1) or multinomial (labels 0…K−1, softmax).
    public var multiclass = false
    /// L2 strength λ₂ (scikit-learn's `1/C`; default 1 = `C = 1`).
    public var l2: Double = 1
    /// L1 strength λ₁ (binary models; scikit-learn's `1/C` with `penalty="l1"`).
    public var l1: Double = 0
    /// Standardize every feature (population mean and standard deviation of the training rows;
    /// a constant feature keeps scale 1) inside the model.
    public var standardize = true
    /// Class weights (index = class); empty = all 1.
    public var classWeights: [Double] = []
    /// `n / (K · count_k)` per class, scikit-learn's `class_weight="balanced"` (overrides
    /// ``classWeights``).
    public var balancedClassWeights = false
    /// The solver.
    public var solver: Solver = .auto
    /// Most iterations (Newton steps or L-BFGS iterations).
    public var maxIterations = 200
    /// Stop when the largest gradient component, divided by the total row weight, is at most
    /// this (for L1, the minimum-norm subgradient).
    public var tolerance = 1e-8
    /// Threads for the passes over the rows (results are identical at any count).
    public var threads = 1

    /// Default settings.
    public init() {}
}
