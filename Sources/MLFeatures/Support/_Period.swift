/// A period parameter as stored in an indicator's state: decoding a checkpoint checks it is in
/// 1...100,000 (TA-Lib's largest range), so a tampered checkpoint cannot make the lookback or the
/// update arithmetic overflow. The initializers check each indicator's own minimum before this.
struct _Period: Sendable, Hashable, Codable {
    let value: Int

    init(_ value: Int) { self.value = value }

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard (1...100_000).contains(value) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "period \(value) is outside 1...100000")
            )
        }
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
