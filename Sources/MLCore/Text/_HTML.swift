/// HTML text escaping for the SDK's HTML reports (drift, evaluation).
package enum _HTML {
    /// `text` with `& < > " '` replaced by entities: safe in element content and in quoted
    /// attributes. With `droppingControlCharacters`, control characters other than tab and
    /// newline are left out (they are not valid in HTML text).
    package static func escape(_ text: String, droppingControlCharacters: Bool = false) -> String {
        _TextEscaping.escape(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: droppingControlCharacters && scalar.value < 0x20 && scalar != "\t" && scalar != "\n" ? "" : nil
            }
        }
    }
}
