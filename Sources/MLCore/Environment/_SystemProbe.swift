import FoundationEssentials

/// Reads facts about the machine from `/proc`, `/etc/os-release`, `uname` and `sysconf`.
/// Every function returns `nil` (or empty) when the source is missing or unreadable; none
/// throws or traps. Parsers take text so tests can feed them fixtures.
enum _SystemProbe {
    /// The CPU features worth recording for numeric code, in the order reported: x86 SIMD
    /// and matrix extensions, then Arm's (`neon` on 32-bit Arm, `asimd` on AArch64).
    static let relevantCPUFlags = [
        "sse4_2", "avx", "avx2", "fma", "f16c", "bmi2", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl",
        "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16", "sha_ni",
        "neon", "asimd", "asimdhp", "asimddp", "sve", "sve2", "i8mm", "bf16",
    ]

    /// Thread-related environment variables recorded when set.
    static let threadVariables = [
        "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
    ]

    /// The whole content of a small text file, read with plain POSIX calls (works for
    /// `/proc` files, whose reported size is 0). `nil` when unreadable or over `limit` bytes.
    static func readTextFile(_ path: String, limit: Int = 1 << 20) -> String? {
        guard let bytes = try? _FileSystem.readBytes(atPath: path, maximumSize: limit) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `uname` fields: (sysname, release, machine).
    static func uname() -> (system: String, release: String, machine: String)? {
        _Platform.systemName()
    }

    /// `PRETTY_NAME` from os-release text (shell-style quoting undone), else `NAME`.
    static func prettyName(osRelease text: String) -> String? {
        var name: String?
        for line in text.split(whereSeparator: \.isNewline) {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq]._trimmed(" \t")
            let value = unquote(line[line.index(after: eq)...]._trimmed(" \t"))
            if key == "PRETTY_NAME", !value.isEmpty { return value }
            if key == "NAME", !value.isEmpty { name = value }
        }
        return name
    }

    /// Undoes os-release's shell quoting: `"a \"b\""` → `a "b"`, `'x'` → `x`.
    static func unquote(_ value: String) -> String {
        guard let first = value.first, first == "\"" || first == "'", value.count >= 2, value.last == first else {
            return value
        }
        let inner = value.dropFirst().dropLast()
        if first == "'" { return String(inner) }
        var out = ""
        var escaped = false
        for c in inner {
            if escaped || c != "\\" {
                out.append(c)
                escaped = false
            } else {
                escaped = true
            }
        }
        return out
    }

    /// The first value of `key` in `/proc/cpuinfo`-style text (`key<tabs>: value`).
    static func cpuinfoValue(_ key: String, in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon]._trimmed(" \t") == key {
                let value = line[line.index(after: colon)...]._trimmed(" \t")
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// The relevant CPU flags present in cpuinfo text (`flags` on x86, `Features` on Arm),
    /// in ``relevantCPUFlags`` order.
    static func cpuFlags(cpuinfo text: String) -> [String] {
        let line = cpuinfoValue("flags", in: text) ?? cpuinfoValue("Features", in: text) ?? ""
        let present = Set(line.split(separator: " ").map(String.init))
        return relevantCPUFlags.filter(present.contains)
    }

    /// `MemTotal` from `/proc/meminfo` text, in bytes (the file counts kibibytes).
    static func memoryBytes(meminfo text: String) -> Int? {
        guard let value = cpuinfoValue("MemTotal", in: text) else { return nil }
        let parts = value.split(separator: " ")
        guard let first = parts.first, let kib = Int(first) else { return nil }
        let (bytes, overflow) = kib.multipliedReportingOverflow(by: 1024)
        return overflow ? nil : bytes
    }

    /// Online processors (`sysconf(_SC_NPROCESSORS_ONLN)`), `nil` if unknown.
    static func onlineProcessors() -> Int? {
        _Platform.onlineProcessors
    }

    /// The thread variables that are set, by name.
    static func threadEnvironment() -> [String: String] {
        var out: [String: String] = [:]
        for name in threadVariables {
            if let value = _Platform.environment(name) { out[name] = value }
        }
        return out
    }

    /// The compiler that built MLCore, to the minor version.
    static var swiftVersion: String {
        #if compiler(>=7.0)
            return "7.0 or later"
        #elseif compiler(>=6.6)
            return "6.6"
        #elseif compiler(>=6.5)
            return "6.5"
        #elseif compiler(>=6.4)
            return "6.4"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0 or earlier"
        #endif
    }

    /// The current UTC time as ISO 8601 with seconds and `Z` (`2025-01-31T23:59:59Z`).
    static func utcTimestamp() -> String {
        // The default ISO 8601 style: UTC, whole seconds, `Z` (no fractional seconds here).
        Date.now.formatted(Date.ISO8601FormatStyle())
    }
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    fileprivate func _trimmed(_ set: String) -> String {
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }),
            let end = lastIndex(where: { !chars.contains($0) })
        else { return "" }
        return String(self[start...end])
    }
}
