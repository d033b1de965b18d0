import MLCore
import MLTesting
import Testing

@Suite struct EnvironmentGitRevisionTests {
    let id1 = "0123456789abcdef0123456789abcdef01234567"
    let id2 = "89abcdef0123456789abcdef0123456789abcdef"

    /// A scratch folder holding `files` (relative path → contents).
    static func scratchTree(_ files: KeyValuePairs<String, String>) -> ScratchDirectory {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        for (path, contents) in files { tree.write(path, contents) }
        return tree
    }

    /// The revision `GitRevision` resolves starting at `folder` (a relative path) of `tree`.
    static func revision(_ tree: ScratchDirectory, _ folder: String) -> String? {
        GitRevision.resolve(startingAt: tree.file(folder))
    }

    @Test func looseRefFromASubfolder() throws {
        let tree = Self.scratchTree([
            "repo/.git/HEAD": "ref: refs/heads/main\n",
            "repo/.git/refs/heads/main": id1 + "\n",
        ])
        tree.makeFolder("repo/src/deep")
        #expect(Self.revision(tree, "repo/src/deep") == id1)
        #expect(Self.revision(tree, "repo/") == id1)
    }

    @Test func packedRefs() throws {
        let tree = Self.scratchTree([
            "repo/.git/HEAD": "ref: refs/heads/feature/x\n",
            "repo/.git/packed-refs": """
                # pack-refs with: peeled fully-peeled sorted
                \(id2) refs/heads/feature
                \(id1) refs/heads/feature/x
                ^\(id2)
                \(id2) refs/tags/v1

                """,
        ])
        #expect(Self.revision(tree, "repo") == id1)
    }

    @Test func looseRefWinsOverPackedAndDetachedHead() throws {
        let tree = Self.scratchTree([
            "repo/.git/HEAD": "ref: refs/heads/main\n",
            "repo/.git/packed-refs": "\(id1) refs/heads/main\n",
            "repo/.git/refs/heads/main": id2 + "\n",
        ])
        #expect(Self.revision(tree, "repo") == id2)
        tree.write("repo/.git/HEAD", id1.uppercased() + "\n")
        #expect(Self.revision(tree, "repo") == id1)
    }

    @Test func linkedWorktreeWithGitdirFileAndCommondir() throws {
        let tree = Self.scratchTree([
            "main/.git/refs/heads/main": id1 + "\n",
            "main/.git/packed-refs": "\(id2) refs/heads/wt\n",
            "main/.git/worktrees/wt/HEAD": "ref: refs/heads/wt\n",
            "main/.git/worktrees/wt/commondir": "../..\n",
            "wt/.git": "gitdir: ../main/.git/worktrees/wt\n",
        ])
        #expect(Self.revision(tree, "wt") == id2)
        tree.write("wt/.git", "gitdir: \(tree.path)/main/.git/worktrees/wt\n")
        #expect(Self.revision(tree, "wt") == id2)
    }

    /// A folder `repo` that gives no revision, with the files (path in `repo` → contents) that make it so.
    struct NoRevision: Sendable, CustomStringConvertible {
        let description: String
        let files: [String: String]
    }

    static let noRevision: [NoRevision] = [
        NoRevision(description: "no repository", files: [:]),
        NoRevision(description: "an unborn branch", files: [".git/HEAD": "ref: refs/heads/main\n"]),
        NoRevision(description: "a HEAD that is no ref", files: [".git/HEAD": "not a ref\n"]),
        NoRevision(description: "a ref out of .git", files: [".git/HEAD": "ref: refs/../../../../etc/passwd\n"]),
        NoRevision(
            description: "a loop of refs",
            files: [
                ".git/HEAD": "ref: refs/heads/a\n",
                ".git/refs/heads/a": "ref: refs/heads/b\n",
                ".git/refs/heads/b": "ref: refs/heads/a\n",
            ]),
        NoRevision(description: "a .git file without gitdir", files: [".git": "nonsense\n"]),
    ]

    @Test(arguments: noRevision)
    func missingUnbornOrGarbageGiveNil(_ repository: NoRevision) throws {
        let tree = ScratchDirectory(prefix: "mlcore-git")
        tree.makeFolder("repo")
        for (path, contents) in repository.files { tree.write("repo/" + path, contents) }
        #expect(Self.revision(tree, "repo") == nil)
    }
}
