import FoundationEssentials
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The server's default log handler: one line per message on standard error, like
/// swift-log's `StreamLogHandler`, but metadata is only rendered when a message is written.
///
/// Hummingbird sets a `hb.request.id` metadata value on a copy of the logger for every
/// request; `StreamLogHandler` re-renders all metadata on each such set (sorting, string
/// building), which cost about 2 % of the server's CPU per request even though nothing was
/// logged. Here a set is a dictionary store.
struct _StandardErrorLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .notice
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        var text = Date().formatted(.iso8601) + " \(event.level) \(label) :"
        for key in all.keys.sorted() {
            text += " \(key)=\(all[key].map { "\($0)" } ?? "")"
        }
        text += " [\(event.source)] \(event.message)\n"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let n = write(2, base + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
