import Foundation
import JunctionIndex

/// The embedded cache's file, `<directory>/cache.jsonl`: a header line (format version, model, dimension),
/// then one line per entry with its vector as base64 little-endian float32. Written atomically.
enum CacheFile {
    static let fileName = "cache.jsonl"
    static let version = 1

    struct Header: Codable {
        var format: String
        var version: Int
        var model: String
        var dimension: Int
    }

    struct Record: Codable {
        var entry: StoredEntry
        var vector: String
    }

    static func url(_ directory: URL) -> URL { directory.appendingPathComponent(fileName) }

    /// Writes the live entries of `state`, least recently used first (so a reload keeps the order).
    static func write(_ state: EmbeddedCacheState, to directory: URL, model: String, now: Double) throws(CacheError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        do {
            data.append(try encoder.encode(Header(format: "junction-cache", version: version, model: model, dimension: state.index.dimension)))
            data.append(0x0A)
            for slot in state.slotsInRecencyOrder().reversed() {
                guard let entry = state.entry(at: slot), !entry.isExpired(at: now), let vector = state.index.vector(at: slot) else { continue }
                let bytes = vector.withUnsafeBufferPointer { Data(buffer: $0) }
                data.append(try encoder.encode(Record(entry: entry, vector: bytes.base64EncodedString())))
                data.append(0x0A)
            }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try AtomicFile.write(data, to: url(directory))
        } catch let error as IndexError {
            throw CacheError(code: "storage", message: error.message)
        } catch {
            throw CacheError(code: "storage", message: "cannot write \(url(directory).path): \(error.localizedDescription)")
        }
    }

    /// Adds the file's live entries to `state`; does nothing when there is no file.
    static func load(from directory: URL, into state: inout EmbeddedCacheState, model: String, now: Double) throws(CacheError) {
        let file = url(directory)
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw CacheError(code: "storage", message: "cannot read \(file.path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true).makeIterator()
        guard let first = lines.next(), let header = try? decoder.decode(Header.self, from: first), header.format == "junction-cache" else {
            throw CacheError(code: "storage", message: "\(file.path) is not a Junction cache file")
        }
        guard header.version == version else {
            throw CacheError(code: "storage", message: "\(file.path) has format version \(header.version); this Junction reads version \(version)")
        }
        guard header.model == model, header.dimension == state.index.dimension else {
            throw CacheError(
                code: "schema_mismatch",
                message: "the cache in \(directory.path) was built with model \(header.model) (\(header.dimension) dimensions), not \(model) (\(state.index.dimension)); delete it or use its model"
            )
        }
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            guard let record = try? decoder.decode(Record.self, from: line), let bytes = Data(base64Encoded: record.vector),
                  bytes.count == header.dimension * 4 else {
                throw CacheError(code: "storage", message: "\(file.path) line \(lineNumber) is not a cache entry")
            }
            guard !record.entry.isExpired(at: now) else { continue }
            let vector = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            do {
                _ = try state.add(record.entry, vector: vector)
            } catch {
                throw CacheError(code: "storage", message: "\(file.path) line \(lineNumber): \(error.message)")
            }
        }
    }

    /// Removes the cache's file and folder.
    static func remove(_ directory: URL) throws(CacheError) {
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        do {
            try FileManager.default.removeItem(at: directory)
        } catch {
            throw CacheError(code: "storage", message: "cannot remove \(directory.path): \(error.localizedDescription)")
        }
    }
}
