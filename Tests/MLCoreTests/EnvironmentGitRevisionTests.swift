import MLCore
import Testing

/// A temporary folder tree, removed at the end of the test.
private final class TemporaryTree {
    let root: String

    init() throws {
        guard let made = _Platform.makeTemporaryDirectory(prefix: "/tmp/mlcore-git-") else {
            throw DataFormatError(.io, "mkdtemp failed")
        }
        root = made
    }

    deinit { _ = removeTree(root) }

    func write(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        do {
            try _FileSystem.makeDirectories(_FileSystem.directory(of: path))
            try _FileSystem.writeAtomically(Array(text.utf8), to: path, durable: false)
        } catch {
            throw DataFormatError(.io, "cannot write", path: path)
        }
    }

    func makeFolder(_ relative: String) {
        try? _FileSystem.makeDirectories(root + "/" + relative)
    }

    private func removeTree(_ path: String) -> Bool {
        guard let names = _Platform.directoryEntries(path) else { return _Platform.removeFile(path) }
        for name in names { _ = removeTree(path + "/" + name) }
        return _Platform.removeDirectory(path)
    }
}

@Suite struct EnvironmentGitRevisionTests {
    let id1 = "0123456789abcdef0123456789abcdef01234567"
    let id2 = "89abcdef0123456789abcdef0123456789abcdef"

    @Test func looseRefFromASubfolder() throws {
        let tree = try TemporaryTree()
        try tree.write("repo/.git/HEAD", "ref: refs/heads/main\n")
        try tree.write("repo/.git/refs/heads/main", id1 + "\n")
        tree.makeFolder("repo/src/deep")
        #expect(GitRevision.resolve(startingAt: tree.root + "/repo/src/deep") == id1)
        #expect(GitRevision.resolve(startingAt: tree.root + "/repo/") == id1)
    }

    @Test func packedRefs() throws {
        let tree = try TemporaryTree()
        try tree.write("repo/.git/HEAD", "ref: refs/heads/feature/x\n")
        try tree.write(
            "repo/.git/packed-refs",
            """
            # pack-refs with: peeled fully-peeled sorted
            \(id2) refs/heads/feature
            \(id1) refs/heads/feature/x
            ^\(id2)
            \(id2) refs/tags/v1

            """)
        #expect(GitRevision.resolve(startingAt: tree.root + "/repo") == id1)
    }

    @Test func looseRefWinsOverPackedAndDetachedHead() throws {
        let tree = try TemporaryTree()
        try tree.write("repo/.git/HEAD", "ref: refs/heads/main\n")
        try tree.write("repo/.git/packed-refs", "\(id1) refs/heads/main\n")
        try tree.write("repo/.git/refs/heads/main", id2 + "\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/repo") == id2)
        try tree.write("repo/.git/HEAD", id1.uppercased() + "\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/repo") == id1)
    }

    @Test func linkedWorktreeWithGitdirFileAndCommondir() throws {
        let tree = try TemporaryTree()
        try tree.write("main/.git/refs/heads/main", id1 + "\n")
        try tree.write("main/.git/packed-refs", "\(id2) refs/heads/wt\n")
        try tree.write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/wt\n")
        try tree.write("main/.git/worktrees/wt/commondir", "../..\n")
        try tree.write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/wt") == id2)
        try tree.write("wt/.git", "gitdir: \(tree.root)/main/.git/worktrees/wt\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/wt") == id2)
    }

    @Test func missingUnbornOrGarbageGiveNil() throws {
        let tree = try TemporaryTree()
        tree.makeFolder("plain")
        #expect(GitRevision.resolve(startingAt: tree.root + "/plain") == nil)
        try tree.write("unborn/.git/HEAD", "ref: refs/heads/main\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/unborn") == nil)
        try tree.write("garbage/.git/HEAD", "not a ref\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/garbage") == nil)
        try tree.write("escape/.git/HEAD", "ref: refs/../../../../etc/passwd\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/escape") == nil)
        try tree.write("loop/.git/HEAD", "ref: refs/heads/a\n")
        try tree.write("loop/.git/refs/heads/a", "ref: refs/heads/b\n")
        try tree.write("loop/.git/refs/heads/b", "ref: refs/heads/a\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/loop") == nil)
        try tree.write("badfile/.git", "nonsense\n")
        #expect(GitRevision.resolve(startingAt: tree.root + "/badfile") == nil)
    }
}
