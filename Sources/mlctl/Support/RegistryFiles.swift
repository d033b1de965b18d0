import MLRegistry

extension Evidence {
    /// The evidence in the JSON file at `path`: an object of kinds, each `{"passed": true|false, …}`.
    static func read(fileAt path: String) throws -> Evidence {
        try Evidence(json: RegistryJSON.read(fileAt: path), source: path)
    }
}
