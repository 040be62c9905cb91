import Foundation

/// A file of vectors keyed by string, written atomically (temporary file,
/// fsync, rename), so a crash leaves either the old file or the new one.
///
/// Format (little-endian): magic `JVEC`, version u32 = 1, dimension u32,
/// count u32, then per record a u16 key length, the UTF-8 key and
/// `dimension` f32 values.
public enum VectorFile {
    private static let magic = Array("JVEC".utf8)

    /// Writes `vectors` to `url`, replacing any previous file in one step.
    public static func write(_ vectors: [String: [Float]], dimension: Int, to url: URL) throws(IndexError) {
        var data = Data()
        data.append(contentsOf: magic)
        append(UInt32(1), to: &data)
        append(UInt32(dimension), to: &data)
        append(UInt32(vectors.count), to: &data)
        for key in vectors.keys.sorted() {
            let vector = vectors[key]!
            let keyBytes = Array(key.utf8)
            guard vector.count == dimension, keyBytes.count <= Int(UInt16.max) else {
                throw IndexError(code: "invalid_vector", message: "cannot store vector \(key): \(vector.count) dimensions, expected \(dimension)")
            }
            append(UInt16(keyBytes.count), to: &data)
            data.append(contentsOf: keyBytes)
            for value in vector { append(value.bitPattern, to: &data) }
        }
        try AtomicFile.write(data, to: url)
    }

    /// Reads a file written by `write`; a missing file reads as empty.
    public static func read(from url: URL, dimension: Int) throws(IndexError) -> [String: [Float]] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        guard let data = try? Data(contentsOf: url) else {
            throw IndexError(code: "io", message: "cannot read \(url.path)")
        }
        var reader = ByteReader(bytes: [UInt8](data))
        func corrupt(_ why: String) -> IndexError {
            IndexError(code: "corrupt_file", message: "\(url.path) is not a Junction vector file (\(why)); delete it to rebuild")
        }
        guard reader.take(4) == magic else { throw corrupt("bad magic") }
        guard reader.u32() == 1 else { throw corrupt("unknown version") }
        guard let stored = reader.u32() else { throw corrupt("truncated header") }
        guard Int(stored) == dimension else {
            throw IndexError(code: "dimension_mismatch", message: "\(url.path) holds \(stored)-d vectors, not \(dimension)-d")
        }
        guard let count = reader.u32() else { throw corrupt("truncated header") }
        // Each record takes at least 2 + 4·dimension bytes: a count the file cannot hold is corruption.
        guard Int(count) <= reader.remaining / (2 + 4 * dimension) else { throw corrupt("truncated record") }
        var vectors: [String: [Float]] = [:]
        vectors.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.u16(), let key = reader.take(Int(length)),
                  let raw = reader.take(dimension * 4)
            else { throw corrupt("truncated record") }
            let vector = (0..<dimension).map { i in
                Float(bitPattern: UInt32(raw[i * 4]) | UInt32(raw[i * 4 + 1]) << 8 | UInt32(raw[i * 4 + 2]) << 16 | UInt32(raw[i * 4 + 3]) << 24)
            }
            vectors[String(decoding: key, as: UTF8.self)] = vector
        }
        return vectors
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

/// Sequential little-endian reads over a byte array; nil when past the end.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func u16() -> UInt16? {
        take(2).map { UInt16($0[0]) | UInt16($0[1]) << 8 }
    }

    mutating func u32() -> UInt32? {
        take(4).map { UInt32($0[0]) | UInt32($0[1]) << 8 | UInt32($0[2]) << 16 | UInt32($0[3]) << 24 }
    }
}
