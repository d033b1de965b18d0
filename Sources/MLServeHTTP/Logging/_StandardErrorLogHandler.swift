import FoundationEssentials
import Logging
import MLCore


/// The server's default log handler: one line per message on standard error, like
/// swift-log's `StreamLogHandler`, but metadata is only rendered when a message is written.
///
/// Hummingbird sets a `hb.request.id` metadata value on a copy of the logger for every
/// request; `StreamLogHandler` re-renders all metadata on each such set (sorting, string
/// building), which cost about 2 % of the server's CPU per request even though nothing was
/// logged. Here a set appends to a short list, and the handler is small enough (three words)
/// to live inline in the `Logger`, so copying the logger allocates nothing.
struct _StandardErrorLogHandler: LogHandler {
    /// What all copies share and nothing per request changes.
    final class Shared: Sendable {
        let label: String
        let metadataProvider: Logger.MetadataProvider?

        init(label: String, metadataProvider: Logger.MetadataProvider?) {
            self.label = label
            self.metadataProvider = metadataProvider
        }
    }

    private var shared: Shared
    private var pairs: [(key: String, value: Logger.Metadata.Value)] = []
    var logLevel: Logger.Level = .notice

    init(label: String) {
        shared = Shared(label: label, metadataProvider: nil)
    }

    var label: String { shared.label }

    var metadataProvider: Logger.MetadataProvider? {
        get { shared.metadataProvider }
        set { shared = Shared(label: shared.label, metadataProvider: newValue) }
    }

    var metadata: Logger.Metadata {
        get {
            var all: Logger.Metadata = [:]
            for (key, value) in pairs { all[key] = value }
            return all
        }
        set { pairs = newValue.map { (key: $0.key, value: $0.value) } }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { pairs.last(where: { $0.key == key })?.value }
        set {
            pairs.removeAll { $0.key == key }
            if let newValue { pairs.append((key: key, value: newValue)) }
        }
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
        _Platform.writeToStandardError(Array(text.utf8))
    }
}
