/// The cost contract of loading and warming a model (`Docs/Models.md`, "Cost contract").
///
/// Memory stays within a small constant times the file's size plus ``allowanceBytes``, and
/// time near-linear in the file's size, whatever the file declares. The loaders keep it by
/// counting what they build against the bytes that carry it; a count the file declares but
/// does not pay for is refused here with ``ModelLoadingError/Code/limitExceeded``, naming
/// the key, the declared count and the limit.
enum _LoadCost {
    /// The fixed allowance every model gets regardless of its size: 64 MiB.
    static let allowanceBytes = 64 << 20

    /// Features any model may declare without paying for them in bytes (2^20): warming a
    /// model builds ten rows of 4-byte inputs (40 MiB at this count), inside the allowance.
    static let featureAllowance = 1 << 20

    /// Bytes of file each declared feature beyond ``featureAllowance`` must be carried by.
    static let bytesPerExtraFeature = 4

    /// Output columns (classes, targets) any model may declare; beyond it each must be
    /// carried by ``bytesPerExtraFeature`` bytes too.
    static let outputAllowance = 1 << 16

    /// Nodes a tree conversion may build per node or weight the file lists, beyond
    /// ``nodeAllowance`` (ONNX TreeEnsemble → flat engine: one copy of a tree per class).
    static let nodesPerListedEntry = 4

    /// Nodes any tree conversion may build regardless of the file (2^21: about 56 MiB of
    /// flattened nodes, values and leaf ids).
    static let nodeAllowance = 1 << 21

    /// The largest count of `what` that `fileSize` bytes pay for, from `allowance` free.
    static func limit(allowance: Int, fileSize: Int) -> Int {
        let paid = max(fileSize, 0) / bytesPerExtraFeature
        let (sum, overflow) = allowance.addingReportingOverflow(paid)
        return overflow ? Int.max : sum
    }

    /// Refuses a declared feature count the file does not pay for.
    /// - Throws: ``ModelLoadingError`` `.limitExceeded` naming `key`, `count` and the limit.
    static func checkFeatureCount(_ count: Int, fileSize: Int, key: String) throws {
        try check(count, allowance: featureAllowance, fileSize: fileSize, what: "features", key: key)
    }

    /// Refuses a declared output width (classes, targets) the file does not pay for.
    static func checkOutputCount(_ count: Int, fileSize: Int, key: String) throws {
        try check(count, allowance: outputAllowance, fileSize: fileSize, what: "outputs", key: key)
    }

    /// The number of nodes a conversion of a file listing `entries` nodes and weights may build.
    static func nodeLimit(listedEntries entries: Int) -> Int {
        let (paid, overflow) = max(entries, 0).multipliedReportingOverflow(by: nodesPerListedEntry)
        return overflow ? Int.max : max(paid, nodeAllowance)
    }

    private static func check(_ count: Int, allowance: Int, fileSize: Int, what: String, key: String) throws {
        let limit = limit(allowance: allowance, fileSize: fileSize)
        guard count <= limit else {
            throw ModelLoadingError(
                .limitExceeded,
                "the model declares \(count) \(what); a \(fileSize)-byte file may declare at most \(limit) "
                    + "(\(allowance) plus one per \(bytesPerExtraFeature) bytes of file)", key: key)
        }
    }
}
