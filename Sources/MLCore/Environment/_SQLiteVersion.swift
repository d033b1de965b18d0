#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The version of the system SQLite library, found at run time with `dlopen` so that MLCore
/// does not link SQLite (only MLRegistry does, through GRDB). `nil` when no library loads
/// or it lacks `sqlite3_libversion`.
enum _SQLiteVersion {
    private typealias LibVersion = @convention(c) () -> UnsafePointer<CChar>?

    static func current() -> String? {
        #if canImport(Darwin)
            let names = ["libsqlite3.dylib"]
        #else
            let names = ["libsqlite3.so.0", "libsqlite3.so"]
        #endif
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            defer { dlclose(handle) }
            guard let symbol = dlsym(handle, "sqlite3_libversion") else { continue }
            // The symbol is `const char *sqlite3_libversion(void)` in every SQLite 3.
            let function = unsafeBitCast(symbol, to: LibVersion.self)
            guard let text = function() else { continue }
            return String(cString: text)  // copied before dlclose
        }
        return nil
    }
}
