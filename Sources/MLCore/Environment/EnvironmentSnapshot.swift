/// Where a result was produced: OS, CPU, memory, thread settings, toolchain and library
/// versions, git revision and time, recorded next to metrics, models and benchmark results.
///
/// Capture one with ``capture()``; it never throws: whatever cannot be read is `nil` (or
/// empty). Encoded as JSON with stable snake_case keys, every key always present (`null`
/// when unknown):
///
/// | key | meaning |
/// |---|---|
/// | `os` | `PRETTY_NAME` from `/etc/os-release` (or `/usr/lib/os-release`), else `uname` sysname |
/// | `kernel` | `uname` release |
/// | `architecture` | `uname` machine (`x86_64`, `aarch64`) |
/// | `cpu_model` | the first `model name` in `/proc/cpuinfo` |
/// | `cpu_flags` | the SIMD/matrix features present, e.g. `["avx", "avx2", "fma", "avx512f"]` or `["asimd", "sve"]` |
/// | `cores` | online processors (`sysconf(_SC_NPROCESSORS_ONLN)`) |
/// | `memory_bytes` | `MemTotal` from `/proc/meminfo`, in bytes |
/// | `threads` | `{"environment": {set thread variables}, "blas_thread_count": n}` |
/// | `swift_version` | the compiler that built MLCore, e.g. `"6.3"` |
/// | `blas`, `blas_core` | OpenBLAS's configuration string and the kernel it selected |
/// | `sqlite_version` | the system SQLite's version, loaded at run time; `null` if absent |
/// | `sdk_version` | ``SDKInfo/version`` |
/// | `git_revision` | the commit of the working tree around the current directory (``GitRevision``) |
/// | `timestamp` | UTC, ISO 8601 with `Z`, to the second |
public struct EnvironmentSnapshot: Codable, Sendable, Equatable {
    /// The operating system's name and version (e.g. `Debian GNU/Linux 12 (bookworm)`).
    public var os: String?
    /// The kernel release (e.g. `6.1.0-18-amd64`).
    public var kernel: String?
    /// The machine architecture (e.g. `x86_64`, `aarch64`).
    public var architecture: String?
    /// The CPU model name.
    public var cpuModel: String?
    /// The relevant CPU features present, in a fixed order (empty when unknown).
    public var cpuFlags: [String]
    /// Online processors.
    public var cores: Int?
    /// Total memory in bytes.
    public var memoryBytes: Int?
    /// Thread settings.
    public var threads: ThreadSettings
    /// The Swift compiler version that built MLCore, to the minor version.
    public var swiftVersion: String
    /// OpenBLAS's build configuration string.
    public var blas: String
    /// The CPU kernel OpenBLAS selected at run time.
    public var blasCore: String
    /// The system SQLite version, or `nil` when no SQLite library can be loaded.
    public var sqliteVersion: String?
    /// The swift-mlops SDK version.
    public var sdkVersion: String
    /// The git commit of the current working tree, if inside one.
    public var gitRevision: String?
    /// When the snapshot was taken: UTC, ISO 8601, e.g. `2025-01-31T23:59:59Z`.
    public var timestamp: String

    /// Thread settings that change numeric results' speed (and, for some libraries, results).
    public struct ThreadSettings: Codable, Sendable, Equatable {
        /// The set ones among `OPENBLAS_NUM_THREADS`, `OMP_NUM_THREADS`, `GOTO_NUM_THREADS`,
        /// `OPENBLAS_CORETYPE`, `OPENBLAS_L2_SIZE`, by name.
        public var environment: [String: String]
        /// The number of threads OpenBLAS uses for one call (``BLAS/threadCount``).
        public var blasThreadCount: Int

        public init(environment: [String: String], blasThreadCount: Int) {
            self.environment = environment
            self.blasThreadCount = blasThreadCount
        }

        enum CodingKeys: String, CodingKey {
            case environment
            case blasThreadCount = "blas_thread_count"
        }
    }

    enum CodingKeys: String, CodingKey {
        case os, kernel, architecture, cores, threads, blas, timestamp
        case cpuModel = "cpu_model"
        case cpuFlags = "cpu_flags"
        case memoryBytes = "memory_bytes"
        case swiftVersion = "swift_version"
        case blasCore = "blas_core"
        case sqliteVersion = "sqlite_version"
        case sdkVersion = "sdk_version"
        case gitRevision = "git_revision"
    }

    /// Encodes every key, writing `null` for unknown values (synthesized `Codable` would
    /// leave them out, and consumers rely on the keys being there).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(os, forKey: .os)
        try c.encode(kernel, forKey: .kernel)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(cpuModel, forKey: .cpuModel)
        try c.encode(cpuFlags, forKey: .cpuFlags)
        try c.encode(cores, forKey: .cores)
        try c.encode(memoryBytes, forKey: .memoryBytes)
        try c.encode(threads, forKey: .threads)
        try c.encode(swiftVersion, forKey: .swiftVersion)
        try c.encode(blas, forKey: .blas)
        try c.encode(blasCore, forKey: .blasCore)
        try c.encode(sqliteVersion, forKey: .sqliteVersion)
        try c.encode(sdkVersion, forKey: .sdkVersion)
        try c.encode(gitRevision, forKey: .gitRevision)
        try c.encode(timestamp, forKey: .timestamp)
    }

    /// Reads the environment now. Never throws; unknown values are `nil` or empty. Costs a
    /// few small file reads and one `dlopen` (well under a millisecond when warm).
    public static func capture() -> EnvironmentSnapshot {
        let uname = _SystemProbe.uname()
        let osRelease = _SystemProbe.readTextFile("/etc/os-release") ?? _SystemProbe.readTextFile("/usr/lib/os-release")
        let cpuinfo = _SystemProbe.readTextFile("/proc/cpuinfo", limit: 16 << 20) ?? ""
        return EnvironmentSnapshot(
            os: osRelease.flatMap(_SystemProbe.prettyName(osRelease:)) ?? uname?.system,
            kernel: uname?.release,
            architecture: uname?.machine,
            cpuModel: _SystemProbe.cpuinfoValue("model name", in: cpuinfo),
            cpuFlags: _SystemProbe.cpuFlags(cpuinfo: cpuinfo),
            cores: _SystemProbe.onlineProcessors(),
            memoryBytes: _SystemProbe.readTextFile("/proc/meminfo").flatMap(_SystemProbe.memoryBytes(meminfo:)),
            threads: ThreadSettings(environment: _SystemProbe.threadEnvironment(), blasThreadCount: BLAS.threadCount),
            swiftVersion: _SystemProbe.swiftVersion,
            blas: BLAS.configuration,
            blasCore: BLAS.coreName,
            sqliteVersion: _SQLiteVersion.current(),
            sdkVersion: SDKInfo.version,
            gitRevision: GitRevision.current(),
            timestamp: _SystemProbe.utcTimestamp())
    }

    /// Creates a snapshot from known values (for tests and for reading stored snapshots).
    public init(
        os: String?, kernel: String?, architecture: String?, cpuModel: String?, cpuFlags: [String], cores: Int?,
        memoryBytes: Int?, threads: ThreadSettings, swiftVersion: String, blas: String, blasCore: String,
        sqliteVersion: String?, sdkVersion: String, gitRevision: String?, timestamp: String
    ) {
        self.os = os
        self.kernel = kernel
        self.architecture = architecture
        self.cpuModel = cpuModel
        self.cpuFlags = cpuFlags
        self.cores = cores
        self.memoryBytes = memoryBytes
        self.threads = threads
        self.swiftVersion = swiftVersion
        self.blas = blas
        self.blasCore = blasCore
        self.sqliteVersion = sqliteVersion
        self.sdkVersion = sdkVersion
        self.gitRevision = gitRevision
        self.timestamp = timestamp
    }

    /// The snapshot as `(key, value)` lines for people, in a fixed order, with the JSON key
    /// names; unknown values read `unknown`, memory is in GiB with the byte count.
    public var summary: [(key: String, value: String)] {
        let threadText =
            (threads.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + ["blas_thread_count=\(threads.blasThreadCount)"]).joined(separator: " ")
        return [
            ("os", os ?? "unknown"),
            ("kernel", kernel ?? "unknown"),
            ("architecture", architecture ?? "unknown"),
            ("cpu_model", cpuModel ?? "unknown"),
            ("cpu_flags", cpuFlags.isEmpty ? "none found" : cpuFlags.joined(separator: " ")),
            ("cores", cores.map(String.init) ?? "unknown"),
            ("memory_bytes", memoryBytes.map { "\(Self.gibibytes($0)) GiB (\($0) bytes)" } ?? "unknown"),
            ("threads", threadText),
            ("swift_version", swiftVersion),
            ("blas", blas),
            ("blas_core", blasCore),
            ("sqlite_version", sqliteVersion ?? "not found"),
            ("sdk_version", sdkVersion),
            ("git_revision", gitRevision ?? "not in a git checkout"),
            ("timestamp", timestamp),
        ]
    }

    /// `bytes` in GiB with one decimal, rounded half up, without locale formatting.
    static func gibibytes(_ bytes: Int) -> String {
        let tenths = (bytes / 1024 * 10 + (1 << 19)) / (1 << 20)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
