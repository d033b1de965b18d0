/// The commit checked out in a git working tree, found by reading git's files directly
/// (no `git` subprocess, so it works in minimal containers and costs a few file reads).
///
/// Resolution: walk up from the start directory to the first `.git` — a directory, or a
/// file `gitdir: <path>` as in linked worktrees and submodules (a relative path is taken
/// from the folder holding the file). Read `HEAD`: a detached commit id is the answer;
/// `ref: refs/heads/<branch>` is looked up as a loose ref file in the git directory, then in
/// the common directory (named by a `commondir` file in worktrees), then in `packed-refs`
/// (lines `<id> <ref>`; `#` and `^` lines skipped). Symbolic refs are followed up to 5 deep.
///
/// Does not handle `$GIT_DIR`, ref backends other than files (reftable), or uncommitted
/// changes (the id says which commit, not whether the tree is clean).
public enum GitRevision {
    /// The commit id (40 hexadecimal digits, or 64 in a SHA-256 repository) checked out in
    /// the working tree containing `directory`, or `nil` when there is none, the branch has
    /// no commit yet, or git's files cannot be read or make no sense.
    public static func resolve(startingAt directory: String) -> String? {
        guard let gitDirectory = findGitDirectory(from: directory),
            let head = _SystemProbe.readTextFile(gitDirectory + "/HEAD", limit: 4096)
        else { return nil }
        let commonDirectory = commonDirectory(of: gitDirectory)
        return resolve(content: head, gitDirectory: gitDirectory, commonDirectory: commonDirectory, depth: 0)
    }

    /// The commit checked out around the current working directory (see ``resolve(startingAt:)``).
    public static func current() -> String? {
        guard let cwd = currentDirectory() else { return nil }
        return resolve(startingAt: cwd)
    }

    static func currentDirectory() -> String? { _Platform.currentDirectory() }

    private static func findGitDirectory(from start: String) -> String? {
        var directory = start.hasPrefix("/") ? start : (currentDirectory() ?? "") + "/" + start
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        for _ in 0..<256 {
            let candidate = (directory == "/" ? "" : directory) + "/.git"
            switch _Platform.kind(ofPath: candidate) {
            case .directory: return candidate
            case .regular:
                if let text = _SystemProbe.readTextFile(candidate, limit: 4096),
                    text.hasPrefix("gitdir:")
                {
                    let path = firstLine(String(text.dropFirst("gitdir:".count)))
                    guard !path.isEmpty else { return nil }
                    return path.hasPrefix("/") ? path : (directory == "/" ? "" : directory) + "/" + path
                }
            case .missing, .other: break
            }
            guard directory != "/", let slash = directory.lastIndex(of: "/") else { return nil }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        return nil
    }

    private static func commonDirectory(of gitDirectory: String) -> String {
        guard let text = _SystemProbe.readTextFile(gitDirectory + "/commondir", limit: 4096) else {
            return gitDirectory
        }
        let path = firstLine(text)
        if path.isEmpty { return gitDirectory }
        return path.hasPrefix("/") ? path : gitDirectory + "/" + path
    }

    private static func resolve(content: String, gitDirectory: String, commonDirectory: String, depth: Int) -> String? {
        let line = firstLine(content)
        if isCommitID(line) { return line.lowercased() }
        guard line.hasPrefix("ref:"), depth < 5 else { return nil }
        let ref = firstLine(String(line.dropFirst("ref:".count)))
        // A ref name never climbs out of the git directory.
        guard ref.hasPrefix("refs/") || ref == "HEAD", !ref.contains(".."), !ref.contains("//") else { return nil }
        for base in [gitDirectory, commonDirectory] {
            if let text = _SystemProbe.readTextFile(base + "/" + ref, limit: 4096) {
                return resolve(
                    content: text, gitDirectory: gitDirectory, commonDirectory: commonDirectory, depth: depth + 1)
            }
        }
        for base in [commonDirectory, gitDirectory] {
            if let packed = _SystemProbe.readTextFile(base + "/packed-refs", limit: 64 << 20),
                let id = packedRef(ref, in: packed)
            {
                return id
            }
        }
        return nil
    }

    /// The id of `ref` in `packed-refs` text, if listed.
    static func packedRef(_ ref: String, in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let first = line.first, first != "#", first != "^" else { continue }
            let fields = line.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, fields[1] == ref[...], isCommitID(String(fields[0])) else { continue }
            return fields[0].lowercased()
        }
        return nil
    }

    private static func isCommitID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
                    || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
            }
    }

    /// The first line of `text`, without surrounding spaces, tabs and the line break.
    private static func firstLine(_ text: String) -> String {
        var line = text.prefix(while: { !$0.isNewline })
        while let c = line.first, c == " " || c == "\t" { line.removeFirst() }
        while let c = line.last, c == " " || c == "\t" || c == "\r" { line.removeLast() }
        return String(line)
    }
}
