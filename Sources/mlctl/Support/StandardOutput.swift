/// Stdout as a `TextOutputStream` that prints in 64 KiB chunks: for outputs too large to build
/// as one string (every index of every CPCV split).
struct StandardOutput: TextOutputStream {
    private var buffer = ""

    mutating func write(_ string: String) {
        buffer += string
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    /// Prints what is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        print(buffer, terminator: "")
        buffer = ""
    }
}
