/// HTML text escaping for the SDK's HTML reports (drift, evaluation).
package enum _HTML {
    /// `text` with `& < > " '` replaced by entities: safe in element content and in quoted
    /// attributes. With `droppingControlCharacters`, control characters other than tab and
    /// newline are left out (they are not valid in HTML text).
    package static func escape(_ text: String, droppingControlCharacters: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if droppingControlCharacters && ch.value < 0x20 && ch != "\t" && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
