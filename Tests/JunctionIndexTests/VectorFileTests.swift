import Foundation
import JunctionIndex
import Testing

@Suite struct VectorFileTests {
    static let vectors: [String: [Float]] = [
        "alpha": [1, 2, 3],
        "béta ☕": [-0.5, 0, .leastNonzeroMagnitude],
        "": [Float.greatestFiniteMagnitude, -1e-7, 42],
    ]

    @Test func roundTripKeepsKeysAndExactValues() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("vectors.jvec")
            try VectorFile.write(Self.vectors, dimension: 3, to: url)
            #expect(try VectorFile.read(from: url, dimension: 3) == Self.vectors)
        }
    }

    @Test func emptyMapRoundTrips() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("empty.jvec")
            try VectorFile.write([:], dimension: 4, to: url)
            #expect(try VectorFile.read(from: url, dimension: 4).isEmpty)
        }
    }

    @Test func writeReplacesThePreviousFile() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("vectors.jvec")
            try VectorFile.write(Self.vectors, dimension: 3, to: url)
            try VectorFile.write(["only": [0, 0, 1]], dimension: 3, to: url)
            #expect(try VectorFile.read(from: url, dimension: 3) == ["only": [0, 0, 1]])
        }
    }

    @Test func fileStartsWithTheDocumentedHeader() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("vectors.jvec")
            try VectorFile.write(["k": [1, 0]], dimension: 2, to: url)
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(Array(bytes[0..<4]) == Array("JVEC".utf8))
            #expect(Array(bytes[4..<16]) == [1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0])
            #expect(Array(bytes[16..<19]) == [1, 0, UInt8(ascii: "k")])
            #expect(bytes.count == 16 + 2 + 1 + 2 * 4)
        }
    }

    @Test func missingFileReadsAsEmpty() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("never-written.jvec")
            #expect(try VectorFile.read(from: url, dimension: 3).isEmpty)
        }
    }

    @Test func writingAVectorOfTheWrongWidthThrows() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("vectors.jvec")
            let error = try #require(throws: IndexError.self) {
                try VectorFile.write(["short": [1, 2]], dimension: 3, to: url)
            }
            #expect(error.code == "invalid_vector")
            #expect(error.message.contains("short"))
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
    }

    @Test func badMagicThrowsCorruptFileNamingThePath() throws {
        try expectCorrupt(because: "bad magic") { url in
            var bytes = try validBytes(at: url)
            bytes[0] = UInt8(ascii: "X")
            return bytes
        }
    }

    @Test func unknownVersionThrowsCorruptFile() throws {
        try expectCorrupt(because: "unknown version") { url in
            var bytes = try validBytes(at: url)
            bytes[4] = 2
            return bytes
        }
    }

    @Test(arguments: [1, 4, 10, 15, 17, 20, 30])
    func truncatedFileThrowsCorruptFile(bytesDropped: Int) throws {
        try expectCorrupt(because: nil) { url in
            let bytes = try validBytes(at: url)
            return Array(bytes.dropLast(bytesDropped))
        }
    }

    @Test func emptyFileThrowsCorruptFile() throws {
        try expectCorrupt(because: "bad magic") { _ in [] }
    }

    /// A file of another width is not corrupt but stale: a distinct code lets the router re-embed.
    @Test func dimensionDifferentFromTheModelsThrowsDimensionMismatch() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("vectors.jvec")
            try VectorFile.write(Self.vectors, dimension: 3, to: url)
            let error = try #require(throws: IndexError.self) { try VectorFile.read(from: url, dimension: 384) }
            #expect(error.code == "dimension_mismatch")
            #expect(error.message.contains(url.path))
            #expect(error.message.contains("384"))
        }
    }

    /// A header whose count promises far more records than the file holds is
    /// reported as truncated; it must not make the reader reserve memory for
    /// four billion entries first.
    @Test func absurdRecordCountThrowsCorruptFileInsteadOfCrashing() async throws {
        await #expect(processExitsWith: .success) {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("junction-huge-count-\(UUID().uuidString).jvec")
            defer { try? FileManager.default.removeItem(at: url) }
            var bytes = Array("JVEC".utf8) + [1, 0, 0, 0, 3, 0, 0, 0]
            bytes += [0xFF, 0xFF, 0xFF, 0xFF]
            try Data(bytes).write(to: url)
            do {
                _ = try VectorFile.read(from: url, dimension: 3)
                exit(1)
            } catch let error as IndexError {
                exit(error.code == "corrupt_file" ? 0 : 2)
            }
        }
    }

    /// Writes a valid file, lets `damage` rewrite its bytes, and expects `corrupt_file` naming the path.
    private func expectCorrupt(because reason: String?, damage: (URL) throws -> [UInt8]) throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("vectors.jvec")
            try VectorFile.write(Self.vectors, dimension: 3, to: url)
            let damaged = try damage(url)
            try Data(damaged).write(to: url)
            let error = try #require(throws: IndexError.self) { try VectorFile.read(from: url, dimension: 3) }
            #expect(error.code == "corrupt_file")
            #expect(error.message.contains(url.path))
            if let reason { #expect(error.message.contains(reason)) }
        }
    }

    private func validBytes(at url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
