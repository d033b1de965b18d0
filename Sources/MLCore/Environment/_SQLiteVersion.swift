/// The version of the system SQLite library, found at run time with `dlopen` so that MLCore
/// does not link SQLite (only MLRegistry does, through GRDB). `nil` when no library loads
/// or it lacks `sqlite3_libversion`.
enum _SQLiteVersion {
    static func current() -> String? {
        #if canImport(Darwin)
            let names = ["libsqlite3.dylib"]
        #else
            let names = ["libsqlite3.so.0", "libsqlite3.so"]
        #endif
        for name in names {
            // The symbol is `const char *sqlite3_libversion(void)` in every SQLite 3.
            if let text = _Platform.callStringFunction("sqlite3_libversion", inLibrary: name) { return text }
        }
        return nil
    }
}
