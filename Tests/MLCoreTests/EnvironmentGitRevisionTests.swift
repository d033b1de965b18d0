import MLCore
import MLTesting
import Testing

@Suite struct EnvironmentGitRevisionTests {
    let id1 = "0123456789abcdef0123456789abcdef01234567"
    let id2 = "89abcdef0123456789abcdef0123456789abcdef"

    @Test func looseRefFromASubfolder() throws {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        tree.write("repo/.git/HEAD", "ref: refs/heads/main\n")
        tree.write("repo/.git/refs/heads/main", id1 + "\n")
        tree.makeFolder("repo/src/deep")
        #expect(GitRevision.resolve(startingAt: tree.path + "/repo/src/deep") == id1)
        #expect(GitRevision.resolve(startingAt: tree.path + "/repo/") == id1)
    }

    @Test func packedRefs() throws {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        tree.write("repo/.git/HEAD", "ref: refs/heads/feature/x\n")
        tree.write(
            "repo/.git/packed-refs",
            """
            # pack-refs with: peeled fully-peeled sorted
            \(id2) refs/heads/feature
            \(id1) refs/heads/feature/x
            ^\(id2)
            \(id2) refs/tags/v1

            """)
        #expect(GitRevision.resolve(startingAt: tree.path + "/repo") == id1)
    }

    @Test func looseRefWinsOverPackedAndDetachedHead() throws {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        tree.write("repo/.git/HEAD", "ref: refs/heads/main\n")
        tree.write("repo/.git/packed-refs", "\(id1) refs/heads/main\n")
        tree.write("repo/.git/refs/heads/main", id2 + "\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/repo") == id2)
        tree.write("repo/.git/HEAD", id1.uppercased() + "\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/repo") == id1)
    }

    @Test func linkedWorktreeWithGitdirFileAndCommondir() throws {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        tree.write("main/.git/refs/heads/main", id1 + "\n")
        tree.write("main/.git/packed-refs", "\(id2) refs/heads/wt\n")
        tree.write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/wt\n")
        tree.write("main/.git/worktrees/wt/commondir", "../..\n")
        tree.write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/wt") == id2)
        tree.write("wt/.git", "gitdir: \(tree.path)/main/.git/worktrees/wt\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/wt") == id2)
    }

    @Test func missingUnbornOrGarbageGiveNil() throws {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        tree.makeFolder("plain")
        #expect(GitRevision.resolve(startingAt: tree.path + "/plain") == nil)
        tree.write("unborn/.git/HEAD", "ref: refs/heads/main\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/unborn") == nil)
        tree.write("garbage/.git/HEAD", "not a ref\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/garbage") == nil)
        tree.write("escape/.git/HEAD", "ref: refs/../../../../etc/passwd\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/escape") == nil)
        tree.write("loop/.git/HEAD", "ref: refs/heads/a\n")
        tree.write("loop/.git/refs/heads/a", "ref: refs/heads/b\n")
        tree.write("loop/.git/refs/heads/b", "ref: refs/heads/a\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/loop") == nil)
        tree.write("badfile/.git", "nonsense\n")
        #expect(GitRevision.resolve(startingAt: tree.path + "/badfile") == nil)
    }
}
