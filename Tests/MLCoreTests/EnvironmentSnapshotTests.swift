import FoundationEssentials
import MLTesting
import Testing

@testable import MLCore

/// Decodes only the key names of a JSON object.
private struct KeyNames: Decodable {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    let names: Set<String>
    init(from decoder: any Decoder) throws {
        names = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }
}

@Suite struct EnvironmentSnapshotTests {
    static let allKeys: Set<String> = [
        "os", "kernel", "architecture", "cpu_model", "cpu_flags", "cores", "memory_bytes", "threads", "swift_version",
        "blas", "blas_core", "sqlite_version", "sdk_version", "git_revision", "timestamp",
    ]

    @Test func captureIsPlausibleOnLinux() {
        let snapshot = EnvironmentSnapshot.capture()
        #expect((snapshot.cores ?? 0) >= 1)
        #expect((snapshot.memoryBytes ?? 0) > 0)
        #expect(snapshot.kernel?.isEmpty == false)
        #expect(snapshot.os?.isEmpty == false)
        #expect(snapshot.sdkVersion == SDKInfo.version)
        #expect(snapshot.swiftVersion.hasPrefix("6.") || snapshot.swiftVersion.hasPrefix("7"))
        #expect(!snapshot.blas.isEmpty)
        #expect(snapshot.threads.blasThreadCount >= 1)
        #expect(snapshot.timestamp.utf8.count == 20 && snapshot.timestamp.hasSuffix("Z"))
        #expect(snapshot.timestamp.hasPrefix("20"))
        if let version = snapshot.sqliteVersion { #expect(version.hasPrefix("3.")) }
        if let id = snapshot.gitRevision { #expect(id.utf8.count == 40 || id.utf8.count == 64) }
    }

    @Test func jsonHasEveryKeyEvenWhenUnknown() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let captured = try encoder.encode(EnvironmentSnapshot.capture())
        #expect(try JSONDecoder().decode(KeyNames.self, from: captured).names == Self.allKeys)

        let empty = EnvironmentSnapshot(
            os: nil, kernel: nil, architecture: nil, cpuModel: nil, cpuFlags: [], cores: nil, memoryBytes: nil,
            threads: .init(environment: [:], blasThreadCount: 1), swiftVersion: "6.3", blas: "unknown",
            blasCore: "unknown", sqliteVersion: nil, sdkVersion: "0.1.0", gitRevision: nil,
            timestamp: "2025-01-01T00:00:00Z")
        let data = try encoder.encode(empty)
        let text = String(decoding: data, as: UTF8.self)
        #expect(try JSONDecoder().decode(KeyNames.self, from: data).names == Self.allKeys)
        #expect(text.contains("\"sqlite_version\":null") && text.contains("\"git_revision\":null"))
        #expect(text.contains("\"threads\":{\"blas_thread_count\":1,\"environment\":{}}"))
        #expect(try JSONDecoder().decode(EnvironmentSnapshot.self, from: data) == empty)
        #expect(
            empty.summary.map(\.key) == [
                "os", "kernel", "architecture", "cpu_model", "cpu_flags", "cores",
                "memory_bytes", "threads", "swift_version", "blas", "blas_core", "sqlite_version", "sdk_version",
                "git_revision", "timestamp",
            ])
    }

    @Test func osReleaseParsing() {
        let text = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
        #expect(_SystemProbe.prettyName(osRelease: text) == "Debian GNU/Linux 12 (bookworm)")
        #expect(_SystemProbe.prettyName(osRelease: "NAME='Alpine Linux'\n") == "Alpine Linux")
        #expect(
            _SystemProbe.prettyName(osRelease: "PRETTY_NAME=\"A \\\"quoted\\\" \\\\ name\"") == "A \"quoted\" \\ name")
        #expect(_SystemProbe.prettyName(osRelease: "garbage\n=\n") == nil)
    }

    @Test func cpuinfoAndMeminfoParsing() {
        let x86 = """
            processor\t: 0
            model name\t: AMD EPYC 9654 96-Core Processor
            flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512_vnni sse4a

            processor\t: 1
            model name\t: other
            """
        #expect(_SystemProbe.cpuinfoValue("model name", in: x86) == "AMD EPYC 9654 96-Core Processor")
        #expect(_SystemProbe.cpuFlags(cpuinfo: x86) == ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni"])
        let arm = """
            processor\t: 0
            BogoMIPS\t: 50.00
            Features\t: fp asimd evtstrm aes sve i8mm bf16
            CPU implementer\t: 0x41
            """
        #expect(_SystemProbe.cpuinfoValue("model name", in: arm) == nil)
        #expect(_SystemProbe.cpuFlags(cpuinfo: arm) == ["asimd", "sve", "i8mm", "bf16"])
        #expect(_SystemProbe.cpuFlags(cpuinfo: "") == [])
        #expect(_SystemProbe.memoryBytes(meminfo: "MemTotal:       24567000 kB\nMemFree: 1 kB\n") == 24_567_000 * 1024)
        #expect(_SystemProbe.memoryBytes(meminfo: "MemTotal: lots\n") == nil)
        #expect(_SystemProbe.memoryBytes(meminfo: "MemTotal: 99999999999999999 kB\n") == nil)
        #expect(EnvironmentSnapshot.gibibytes(24 << 30) == "24.0")
        #expect(EnvironmentSnapshot.gibibytes(1_610_612_736) == "1.5")
    }
}
