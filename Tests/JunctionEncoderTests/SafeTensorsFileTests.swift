import Foundation
@testable import JunctionEncoder
import Testing

@Suite struct SafeTensorsFileTests {
    /// Writes a safetensors file: header JSON padded to 8 bytes, then `data`.
    static func write(header: String, data: [UInt8]) throws -> String {
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var bytes = withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian, Array.init)
        bytes += headerBytes + data
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("junction-\(UUID().uuidString).safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func bytes<T>(_ values: [T]) -> [UInt8] {
        values.withUnsafeBytes(Array.init)
    }

    @Test func readsF32F16AndBF16AsF32() throws {
        let f32 = Self.bytes([Float(1.5), -2.25])
        let f16 = Self.bytes([UInt16(0x3C00), 0xC000, 0x0001, 0x7C00])   // 1, -2, smallest subnormal, +inf
        let bf16 = Self.bytes([UInt16(0x3FC0), 0xC040])                    // 1.5, -3
        let header = """
            {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},\
            "b":{"dtype":"F16","shape":[2,2],"data_offsets":[8,16]},\
            "c":{"dtype":"BF16","shape":[2],"data_offsets":[16,20]},"__metadata__":{"format":"pt"}}
            """
        let file = try SafeTensorsFile(path: Self.write(header: header, data: f32 + f16 + bf16))
        #expect(try file.tensor("a").values == [1.5, -2.25])
        let half = try file.tensor("b", shape: [2, 2])
        #expect(half.values[0...1] == [1, -2])
        #expect(half.values[2] == 0x1p-24)
        #expect(half.values[3] == .infinity)
        #expect(try file.tensor("c").values == [1.5, -3])
    }

    @Test func namesTheMissingTensorAndTheWrongShape() throws {
        let file = try SafeTensorsFile(path: Self.write(
            header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: Self.bytes([Float(1), 2])))
        #expect(throws: EncoderError(code: "missing_tensor", message: "tensor b not found in \(file.path)")) {
            try file.tensor("b")
        }
        let error = try #require(throws: EncoderError.self) { try file.tensor("a", shape: [3]) }
        #expect(error.code == "tensor_shape")
        #expect(error.message.contains("[2]"))
    }

    @Test func rejectsUnsupportedTypesAndCorruptFiles() throws {
        let int64 = try SafeTensorsFile(path: Self.write(
            header: #"{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)))
        #expect(try #require(throws: EncoderError.self) { try int64.tensor("ids") }.code == "unsupported_architecture")

        let outOfBounds = try #require(throws: EncoderError.self) {
            try SafeTensorsFile(path: Self.write(header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [0, 0, 0, 0]))
        }
        #expect(outOfBounds.code == "invalid_file")

        let notJSON = try #require(throws: EncoderError.self) {
            try SafeTensorsFile(path: Self.write(header: "not json", data: []))
        }
        #expect(notJSON.message.contains("JSON"))

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("junction-short.safetensors").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(try #require(throws: EncoderError.self) { try SafeTensorsFile(path: path) }.code == "invalid_file")
        #expect(try #require(throws: EncoderError.self) { try SafeTensorsFile(path: "/nonexistent/x.safetensors") }.code == "missing_file")
    }

    @Test func halfPrecisionConversionCoversEveryExponent() {
        for bits in stride(from: UInt16(0), to: 0x7C00, by: 7) {
            let expected = Float(Float16(bitPattern: bits))
            #expect(SafeTensorsDataType.halfToFloat(bits) == expected)
            #expect(SafeTensorsDataType.halfToFloat(bits | 0x8000) == -expected)
        }
        #expect(SafeTensorsDataType.halfToFloat(0x7E00).isNaN)
    }
}
