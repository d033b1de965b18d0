// JSON encodings that print every key, `null` when absent, so scripts see a stable shape
// (synthesized `Encodable` omits nil optionals).

extension ModelVersion {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(version, forKey: .version)
        try c.encode(runID, forKey: .runID)
        try c.encode(artifactSHA256, forKey: .artifactSHA256)
        try c.encode(artifactSize, forKey: .artifactSize)
        try c.encode(format, forKey: .format)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(featureSetVersion, forKey: .featureSetVersion)
        try c.encode(signature, forKey: .signature)
        try c.encode(description, forKey: .description)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(stage, forKey: .stage)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(signingKeyID, forKey: .signingKeyID)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(createdBy, forKey: .createdBy)
    }
}

extension AliasMove {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(alias, forKey: .alias)
        try c.encode(fromVersion, forKey: .fromVersion)
        try c.encode(toVersion, forKey: .toVersion)
        try c.encode(movedAt, forKey: .movedAt)
        try c.encode(actor, forKey: .actor)
        try c.encode(reason, forKey: .reason)
        try c.encode(forced, forKey: .forced)
        try c.encode(kind, forKey: .kind)
    }
}

extension StageMove {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(fromStage, forKey: .fromStage)
        try c.encode(toStage, forKey: .toStage)
        try c.encode(movedAt, forKey: .movedAt)
        try c.encode(actor, forKey: .actor)
        try c.encode(reason, forKey: .reason)
        try c.encode(forced, forKey: .forced)
    }
}

extension Deployment {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(version, forKey: .version)
        try c.encode(environment, forKey: .environment)
        try c.encode(endpoint, forKey: .endpoint)
        try c.encode(trafficShare, forKey: .trafficShare)
        try c.encode(status, forKey: .status)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(createdBy, forKey: .createdBy)
    }
}

extension AuditEntry {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(at, forKey: .at)
        try c.encode(actor, forKey: .actor)
        try c.encode(action, forKey: .action)
        try c.encode(model, forKey: .model)
        try c.encode(version, forKey: .version)
        try c.encode(forced, forKey: .forced)
        try c.encode(reason, forKey: .reason)
        try c.encode(details, forKey: .details)
        try c.encode(previousHash, forKey: .previousHash)
        try c.encode(hash, forKey: .hash)
    }
}
