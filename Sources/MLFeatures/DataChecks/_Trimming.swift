/// Trimming for the data checks' parsers (ages, timestamps, numbers in text columns).
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (scanned as UTF-8 bytes: no
    /// grapheme breaking on the hot path of timestamp columns).
    var trimmedOfSpaces: Substring {
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let last = bytes.index(before: end)
            guard bytes[last] == 0x20 || bytes[last] == 0x09 else { break }
            end = last
        }
        return text[start..<end]
    }
}
