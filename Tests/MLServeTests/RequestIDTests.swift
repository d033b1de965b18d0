import MLServe
import Testing

@Suite struct RequestIDTests {
    @Test func tenThousandServerIDsAreDistinctRandomHexThatNoClientCanSend() {
        let ids = (0..<10_000).map { _ in RequestID.make() }
        #expect(Set(ids).count == 10_000)
        for id in ids {
            #expect(id.hasPrefix("srv~"))
            let hex = id.dropFirst(4)
            #expect(hex.count == 32)
            #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(RequestID.isServerID(id))
            #expect(!RequestID.isClientID(id))
            #expect(throws: ServeError.self) { try RequestID.validate(id) }
            #expect(throws: Never.self) { try RequestID.validateReference(id) }
        }
        // Every hex digit shows up at every position over 10,000 draws of 128 random bits.
        let positions = (4..<36).map { k in Set(ids.map { Array($0)[k] }) }
        #expect(positions.allSatisfy { $0.count == 16 })
    }

    @Test func clientIDsAreAtMost128BytesOfTheAlphabet() {
        let good = ["a", "r-1", "A.b_c:d-9", String(repeating: "x", count: 128), "550e8400-e29b-41d4-a716-446655440000"]
        for id in good {
            #expect(RequestID.isClientID(id), "\(id)")
        }
        let bad = [
            "", String(repeating: "x", count: 129), "a b", "a/b", "é", "a\u{0}", "<script>", "a\"b", "srv~0123", "a\nb",
            "a%20", "a+b",
        ]
        for id in bad {
            #expect(!RequestID.isClientID(id), "\(id)")
            #expect(!RequestID.isServerID(id), "\(id)")
            let error = #expect(throws: ServeError.self) { try RequestID.validate(id) }
            #expect(error?.code == .invalidRequest)
            #expect(error?.message.contains("'request_id'") == true)
        }
        let named = #expect(throws: ServeError.self) { try RequestID.validate("a b", field: "id") }
        #expect(named?.message.hasPrefix("'id'") == true)
    }

    @Test func serverIDShapeIsExact() {
        let id = RequestID.make()
        #expect(!RequestID.isServerID(String(id.dropLast())))
        #expect(!RequestID.isServerID(id + "0"))
        #expect(!RequestID.isServerID(id.uppercased()))
        #expect(!RequestID.isServerID("srv~" + String(repeating: "g", count: 32)))
    }
}
