import MLCore

/// The rules for request ids: the key the prediction log and feedback join on.
///
/// - A **client-supplied** id (`request_id` in a scoring or feedback body) is 1…128 bytes of
///   `[A-Za-z0-9._:-]`. Anything else is refused (HTTP 400 `invalid_request`) before the
///   request is scored.
/// - A **server-made** id is `srv~` followed by 32 lowercase hex digits of a fresh random
///   128-bit value from the system's cryptographic generator: unguessable, and never equal
///   to a client id, because clients cannot send `~`.
///
/// Feedback accepts both forms, so a client can report the outcome of a request whose id
/// the server made (it is returned as `request_id` in every answer).
public enum RequestID {
    /// Longest client-supplied id, in bytes.
    public static let maxClientBytes = 128

    /// The prefix of server-made ids (`~` is outside the client alphabet).
    public static let serverPrefix = "srv~"

    /// A new server-made id: ``serverPrefix`` and 32 lowercase hex digits of 128 random bits.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = generator.next() as UInt64
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return serverPrefix + _SHA256Hex.hex(bytes)
    }

    /// Checks a client-supplied id (scoring bodies).
    /// - Parameter field: the body field named in the error.
    /// - Throws: ``ServeError`` `.invalidRequest` naming `field` when the id is empty, longer
    ///   than ``maxClientBytes`` bytes, or has a byte outside `[A-Za-z0-9._:-]`.
    public static func validate(_ id: String, field: String = "request_id") throws(ServeError) {
        guard isClientID(id) else { throw invalid(field) }
    }

    /// Checks an id a client refers back to (feedback bodies): a client-supplied id, or a
    /// server-made one.
    /// - Throws: ``ServeError`` `.invalidRequest` naming `field` otherwise.
    public static func validateReference(_ id: String, field: String = "request_id") throws(ServeError) {
        guard isClientID(id) || isServerID(id) else { throw invalid(field) }
    }

    /// Whether `id` has the form of a server-made id.
    public static func isServerID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard bytes.count == serverPrefix.utf8.count + 32, bytes.starts(with: serverPrefix.utf8) else { return false }
        return bytes.dropFirst(serverPrefix.utf8.count).allSatisfy { b in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
        }
    }

    /// Whether `id` is an acceptable client-supplied id.
    public static func isClientID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (1...maxClientBytes).contains(bytes.count) else { return false }
        return bytes.allSatisfy(isClientByte)
    }

    static func isClientByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
            UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    static func invalid(_ field: String) -> ServeError {
        ServeError(
            .invalidRequest,
            "'\(field)' must be 1…\(maxClientBytes) characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'")
    }
}
