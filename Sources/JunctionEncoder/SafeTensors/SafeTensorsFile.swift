import Foundation

/// A memory-mapped `.safetensors` file: an 8-byte little-endian header length,
/// a JSON header naming each tensor's dtype, shape and byte range, then the data.
///
/// F32 tensors are used in place from the mapping (no copy); F16 and BF16
/// tensors are widened to F32 when read.
///
/// `@unchecked Sendable`: every stored property is set once in `init` and the
/// mapping is read-only (`PROT_READ`), so sharing across threads is safe.
public final class SafeTensorsFile: @unchecked Sendable {
    /// One tensor's entry in the header.
    public struct Entry: Sendable, Equatable {
        /// Element type as written in the header (`F32`, `F16`, `BF16`, ...).
        public var dataType: String
        /// Dimensions, outermost first.
        public var shape: [Int]
        /// Byte range relative to the start of the data section.
        public var range: Range<Int>
    }

    /// Path the file was mapped from, for error messages.
    public let path: String
    /// Header entries by tensor name.
    public let entries: [String: Entry]
    private let mapping: UnsafeRawBufferPointer
    private let dataStart: Int

    /// Maps the file at `path` and parses its header.
    public init(path: String) throws(EncoderError) {
        self.path = path
        let mapping = try Self.map(path)
        self.mapping = mapping
        do throws(EncoderError) {
            guard mapping.count >= 8 else { throw EncoderError.invalidFile(path, "shorter than its 8-byte header length") }
            let headerLength = Int(UInt64(littleEndian: mapping.loadUnaligned(as: UInt64.self)))
            guard headerLength > 0, headerLength <= mapping.count - 8 else {
                throw EncoderError.invalidFile(path, "header length \(headerLength) exceeds the file size \(mapping.count)")
            }
            dataStart = 8 + headerLength
            entries = try Self.parseHeader(
                UnsafeRawBufferPointer(rebasing: mapping[8..<dataStart]),
                dataLength: mapping.count - dataStart, path: path
            )
        } catch {
            munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
            throw error
        }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
    }

    /// Reads tensor `name` as F32, checking its shape when `shape` is given.
    public func tensor(_ name: String, shape expected: [Int]? = nil) throws(EncoderError) -> Tensor {
        guard let entry = entries[name] else { throw EncoderError.missingTensor(name, path) }
        if let expected, expected != entry.shape {
            throw EncoderError.badShape(name, expected: expected, found: entry.shape)
        }
        let count = entry.shape.reduce(1, *)
        let bytes = UnsafeRawBufferPointer(rebasing: mapping[(dataStart + entry.range.lowerBound)..<(dataStart + entry.range.upperBound)])
        guard let type = SafeTensorsDataType(rawValue: entry.dataType) else {
            throw EncoderError.unsupported(path, "tensor \(name) has dtype \(entry.dataType); F32, F16 and BF16 are supported")
        }
        guard bytes.count == count * type.byteWidth else {
            throw EncoderError.invalidFile(path, "tensor \(name) holds \(bytes.count) bytes for \(count) \(entry.dataType) values")
        }
        if type == .f32, Int(bitPattern: bytes.baseAddress) % MemoryLayout<Float>.alignment == 0 {
            return Tensor(shape: entry.shape, storage: TensorStorage(borrowing: bytes.baseAddress!, count: count, owner: self))
        }
        let storage = TensorStorage(count: count)
        type.widen(bytes, into: storage.mutablePointer, count: count)
        return Tensor(shape: entry.shape, storage: storage)
    }

    /// The prefix the checkpoint puts before its tensor names (`""`, `bert.`, `model.`, ...): what comes before
    /// the shortest name ending in `suffix`. Throws `missing_tensor` when none does.
    func prefix(of suffix: String) throws(EncoderError) -> String {
        guard let key = entries.keys.filter({ $0.hasSuffix(suffix) }).min(by: { $0.count < $1.count }) else {
            throw EncoderError.missingTensor(suffix, path)
        }
        return String(key.dropLast(suffix.count))
    }

    private static func map(_ path: String) throws(EncoderError) -> UnsafeRawBufferPointer {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EncoderError.missingFile(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { throw EncoderError.invalidFile(path, "empty or unreadable") }
        let size = Int(info.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw EncoderError.invalidFile(path, "mmap failed: \(String(cString: strerror(errno)))")
        }
        return UnsafeRawBufferPointer(start: base, count: size)
    }

    private static func parseHeader(
        _ header: UnsafeRawBufferPointer, dataLength: Int, path: String
    ) throws(EncoderError) -> [String: Entry] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(header))) as? [String: Any] else {
            throw EncoderError.invalidFile(path, "header is not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let fields = value as? [String: Any],
                  let dataType = fields["dtype"] as? String,
                  let shape = (fields["shape"] as? [NSNumber])?.map(\.intValue),
                  let offsets = (fields["data_offsets"] as? [NSNumber])?.map(\.intValue),
                  offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength,
                  shape.allSatisfy({ $0 >= 0 })
            else {
                throw EncoderError.invalidFile(path, "header entry for \(name) is malformed or out of bounds")
            }
            entries[name] = Entry(dataType: dataType, shape: shape, range: offsets[0]..<offsets[1])
        }
        return entries
    }
}
