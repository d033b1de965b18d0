/// The swift-mlops SDK's own identity.
public enum SDKInfo {
    /// The SDK version (semantic versioning), recorded in environment snapshots and model files.
    public static let version = "0.1.0"
}
