import Dispatch

/// `async` forms of the registry's operations. Each runs the synchronous method on a
/// dispatch queue, so SQLite waits, fsyncs and hashing never block the cooperative
/// thread pool. Same arguments, results and errors as the synchronous forms.
extension ModelRegistry {
    static let queue = DispatchQueue(label: "MLRegistry.async", attributes: .concurrent)

    func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// Async ``create(at:options:)``.
    public static func create(at path: String, options: Options = Options()) async throws -> ModelRegistry {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try ModelRegistry.create(at: path, options: options) }) }
        }
    }

    /// Async ``register(_:actor:)``.
    public func register(_ registration: Registration, actor: String? = nil) async throws -> ModelVersion {
        try await offload { try self.register(registration, actor: actor) }
    }

    /// Async ``addEvidence(_:model:version:actor:)``.
    @discardableResult
    public func addEvidence(_ evidence: Evidence, model: String, version: Int, actor: String? = nil) async throws
        -> ModelVersion
    {
        try await offload { try self.addEvidence(evidence, model: model, version: version, actor: actor) }
    }

    /// Async ``deleteVersion(model:version:actor:reason:)``.
    public func deleteVersion(model: String, version: Int, actor: String? = nil, reason: String? = nil) async throws {
        try await offload { try self.deleteVersion(model: model, version: version, actor: actor, reason: reason) }
    }

    /// Async ``models()``.
    public func models() async throws -> [RegisteredModel] {
        try await offload { try self.models() }
    }

    /// Async ``versions(of:)``.
    public func versions(of name: String? = nil) async throws -> [ModelVersion] {
        try await offload { try self.versions(of: name) }
    }

    /// Async ``version(_:_:)``.
    public func version(_ name: String, _ reference: VersionReference) async throws -> ModelVersion {
        try await offload { try self.version(name, reference) }
    }

    /// Async ``latestVersion(of:)``.
    public func latestVersion(of name: String) async throws -> ModelVersion {
        try await offload { try self.latestVersion(of: name) }
    }

    /// Async ``compare(_:_:_:)``.
    public func compare(_ name: String, _ a: VersionReference, _ b: VersionReference) async throws -> MetricComparison {
        try await offload { try self.compare(name, a, b) }
    }

    /// Async ``loadArtifact(_:_:trustedKeys:)``.
    public func loadArtifact(
        _ name: String, _ reference: VersionReference, trustedKeys: [ArtifactVerificationKey] = []
    ) async throws -> [UInt8] {
        try await offload { try self.loadArtifact(name, reference, trustedKeys: trustedKeys) }
    }

    /// Async ``verifyArtifact(_:_:trustedKeys:)``.
    public func verifyArtifact(
        _ name: String, _ reference: VersionReference, trustedKeys: [ArtifactVerificationKey] = []
    ) async throws -> ModelVersion {
        try await offload { try self.verifyArtifact(name, reference, trustedKeys: trustedKeys) }
    }

    /// Async ``exportArtifact(_:_:to:trustedKeys:)``.
    @discardableResult
    public func exportArtifact(
        _ name: String, _ reference: VersionReference, to destination: String,
        trustedKeys: [ArtifactVerificationKey] = []
    ) async throws -> ModelVersion {
        try await offload { try self.exportArtifact(name, reference, to: destination, trustedKeys: trustedKeys) }
    }

    /// Async ``setAlias(_:model:version:actor:reason:override:)``.
    @discardableResult
    public func setAlias(
        _ alias: String, model: String, version: Int, actor: String? = nil, reason: String? = nil,
        override: GateOverride? = nil
    ) async throws -> AliasMove {
        try await offload {
            try self.setAlias(alias, model: model, version: version, actor: actor, reason: reason, override: override)
        }
    }

    /// Async ``removeAlias(_:model:actor:reason:)``.
    @discardableResult
    public func removeAlias(_ alias: String, model: String, actor: String? = nil, reason: String? = nil) async throws
        -> AliasMove
    {
        try await offload { try self.removeAlias(alias, model: model, actor: actor, reason: reason) }
    }

    /// Async ``rollback(_:model:actor:reason:)``.
    @discardableResult
    public func rollback(_ alias: String = "champion", model: String, actor: String? = nil, reason: String? = nil)
        async throws -> AliasMove
    {
        try await offload { try self.rollback(alias, model: model, actor: actor, reason: reason) }
    }

    /// Async ``aliasHolder(_:model:asOf:)``.
    public func aliasHolder(_ alias: String, model: String, asOf time: RegistryTimestamp) async throws -> Int? {
        try await offload { try self.aliasHolder(alias, model: model, asOf: time) }
    }

    /// Async ``aliasHistory(model:alias:asOf:)``.
    public func aliasHistory(model: String, alias: String? = nil, asOf: RegistryTimestamp? = nil) async throws
        -> [AliasMove]
    {
        try await offload { try self.aliasHistory(model: model, alias: alias, asOf: asOf) }
    }

    /// Async ``transition(model:version:to:actor:reason:override:)``.
    @discardableResult
    public func transition(
        model: String, version: Int, to stage: ModelStage, actor: String? = nil, reason: String? = nil,
        override: GateOverride? = nil
    ) async throws -> StageMove {
        try await offload {
            try self.transition(model: model, version: version, to: stage, actor: actor, reason: reason, override: override)
        }
    }

    /// Async ``archive(model:version:actor:reason:)``.
    @discardableResult
    public func archive(model: String, version: Int, actor: String? = nil, reason: String? = nil) async throws
        -> StageMove
    {
        try await offload { try self.archive(model: model, version: version, actor: actor, reason: reason) }
    }

    /// Async ``stageHistory(model:version:)``.
    public func stageHistory(model: String, version: Int? = nil) async throws -> [StageMove] {
        try await offload { try self.stageHistory(model: model, version: version) }
    }

    /// Async ``logRun(_:actor:)``.
    public func logRun(_ request: RunRequest, actor: String? = nil) async throws -> Run {
        try await offload { try self.logRun(request, actor: actor) }
    }

    /// Async ``logMetrics(_:runID:)``.
    public func logMetrics(_ points: [MetricPoint], runID: Int) async throws {
        try await offload { try self.logMetrics(points, runID: runID) }
    }

    /// Async ``finishRun(id:status:actor:)``.
    @discardableResult
    public func finishRun(id: Int, status: RunStatus = .finished, actor: String? = nil) async throws -> Run {
        try await offload { try self.finishRun(id: id, status: status, actor: actor) }
    }

    /// Async ``run(id:)``.
    public func run(id: Int) async throws -> Run {
        try await offload { try self.run(id: id) }
    }

    /// Async ``runs(experiment:)``.
    public func runs(experiment: String) async throws -> [Run] {
        try await offload { try self.runs(experiment: experiment) }
    }

    /// Async ``runCount(experiment:)``.
    public func runCount(experiment: String) async throws -> Int {
        try await offload { try self.runCount(experiment: experiment) }
    }

    /// Async ``experiments()``.
    public func experiments() async throws -> [Experiment] {
        try await offload { try self.experiments() }
    }

    /// Async ``versions(trainedOnDatasetSHA256:)``.
    public func versions(trainedOnDatasetSHA256 sha: String) async throws -> [ModelVersion] {
        try await offload { try self.versions(trainedOnDatasetSHA256: sha) }
    }

    /// Async ``recordDeployment(model:version:environment:endpoint:trafficShare:status:actor:)``.
    @discardableResult
    public func recordDeployment(
        model: String, version: Int, environment: String, endpoint: String? = nil, trafficShare: Double = 1,
        status: DeploymentStatus = .active, actor: String? = nil
    ) async throws -> Deployment {
        try await offload {
            try self.recordDeployment(
                model: model, version: version, environment: environment, endpoint: endpoint,
                trafficShare: trafficShare, status: status, actor: actor)
        }
    }

    /// Async ``updateDeployment(id:status:trafficShare:actor:)``.
    @discardableResult
    public func updateDeployment(
        id: Int, status: DeploymentStatus? = nil, trafficShare: Double? = nil, actor: String? = nil
    ) async throws -> Deployment {
        try await offload { try self.updateDeployment(id: id, status: status, trafficShare: trafficShare, actor: actor) }
    }

    /// Async ``deployments(model:version:)``.
    public func deployments(model: String, version: Int? = nil) async throws -> [Deployment] {
        try await offload { try self.deployments(model: model, version: version) }
    }

    /// Async ``logPredictions(_:)``.
    public func logPredictions(_ records: [PredictionRecord]) async throws {
        try await offload { try self.logPredictions(records) }
    }

    /// Async ``recordFeedback(requestID:outcome:at:)``.
    public func recordFeedback(requestID: String, outcome: RegistryJSON, at time: RegistryTimestamp? = nil) async throws {
        try await offload { try self.recordFeedback(requestID: requestID, outcome: outcome, at: time) }
    }

    /// Async ``feedbackHistory(requestID:)``.
    public func feedbackHistory(requestID: String) async throws -> [FeedbackRecord] {
        try await offload { try self.feedbackHistory(requestID: requestID) }
    }

    /// Async ``predictions(model:version:limit:)``.
    public func predictions(model: String, version: Int, limit: Int = 100) async throws -> [PredictionRecord] {
        try await offload { try self.predictions(model: model, version: version, limit: limit) }
    }

    /// Async ``lineage(_:_:)``.
    public func lineage(_ name: String, _ reference: VersionReference) async throws -> Lineage {
        try await offload { try self.lineage(name, reference) }
    }

    /// Async ``verifyAuditLog()``.
    public func verifyAuditLog() async throws -> AuditVerification {
        try await offload { try self.verifyAuditLog() }
    }

    /// Async ``auditLog(model:limit:)``.
    public func auditLog(model: String? = nil, limit: Int = 100) async throws -> [AuditEntry] {
        try await offload { try self.auditLog(model: model, limit: limit) }
    }

    /// Async ``checkConsistency(verifyHashes:)``.
    public func checkConsistency(verifyHashes: Bool = true) async throws -> ConsistencyReport {
        try await offload { try self.checkConsistency(verifyHashes: verifyHashes) }
    }
}
