import Foundation
import JunctionIndex
import Testing

@Suite struct AtomicFileTests {
    @Test func writeCreatesTheFileAndItsParentDirectories() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("a/b/c/file.bin")
            try AtomicFile.write(Data("hello".utf8), to: url)
            #expect(try Data(contentsOf: url) == Data("hello".utf8))
        }
    }

    @Test func writeReplacesExistingContent() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("file.bin")
            try AtomicFile.write(Data(repeating: 7, count: 10_000), to: url)
            try AtomicFile.write(Data("short".utf8), to: url)
            #expect(try Data(contentsOf: url) == Data("short".utf8))
            try AtomicFile.write(Data(), to: url)
            #expect(try Data(contentsOf: url).isEmpty)
        }
    }

    @Test func writesLeaveNoTemporaryFilesBehind() throws {
        try withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("file.bin")
            for round in 0..<20 { try AtomicFile.write(Data("round \(round)".utf8), to: url) }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(names == ["file.bin"])
            #expect(try Data(contentsOf: url) == Data("round 19".utf8))
        }
    }

    @Test func failedWriteThrowsIOAndLeavesNoTemporaryFile() throws {
        try withTemporaryDirectory { directory throws in
            // The target is an existing non-empty directory: the final rename must fail.
            let target = directory.appendingPathComponent("occupied")
            try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
            let error = try #require(throws: IndexError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
            #expect(error.code == "io")
            #expect(error.message.contains(target.path))
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(names == ["occupied"])
        }
    }

    @Test func parentThatIsAFileThrowsIO() throws {
        try withTemporaryDirectory { directory throws in
            let blocker = directory.appendingPathComponent("blocker")
            try Data("x".utf8).write(to: blocker)
            let error = try #require(throws: IndexError.self) {
                try AtomicFile.write(Data("y".utf8), to: blocker.appendingPathComponent("file.bin"))
            }
            #expect(error.code == "io")
        }
    }
}
