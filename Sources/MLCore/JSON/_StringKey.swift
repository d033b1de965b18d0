/// A coding key that is any string, for hand-written encodings whose keys are not a fixed
/// enum (report sections, per-column objects).
package struct _StringKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ stringValue: String) { self.stringValue = stringValue }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
