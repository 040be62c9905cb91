import NIOCore

/// Writes commands and values in the Redis serialization protocol into a `ByteBuffer`.
///
/// A command is an array of bulk strings (what every Redis server expects from a client). Lengths and
/// integers are written as decimal digits straight into the buffer, payloads are copied once, and the
/// buffer grows at most once per command.
public struct RESPEncoder: Sendable {
    /// Creates an encoder. It holds no state; one can be shared freely.
    public init() {}

    /// Appends `arguments` to `buffer` as one command: `*<n>\r\n` followed by one bulk string per argument.
    public func encodeCommand(_ arguments: [RESPCommandArgument], into buffer: inout ByteBuffer) {
        var capacity = 16
        for argument in arguments {
            switch argument {
            case .double: capacity += 40
            default: capacity += argument.payloadByteCount + 16
            }
        }
        buffer.reserveCapacity(minimumWritableBytes: capacity)
        buffer.writeRESPHeader(RESPTypeByte.array.rawValue, arguments.count)
        for argument in arguments {
            encodeArgument(argument, into: &buffer)
        }
    }

    /// Appends the command made of `arguments` to `buffer`; see ``encodeCommand(_:into:)``.
    public func encodeCommand(_ arguments: RESPCommandArgument..., into buffer: inout ByteBuffer) {
        encodeCommand(arguments, into: &buffer)
    }

    /// Appends one argument as a bulk string.
    func encodeArgument(_ argument: RESPCommandArgument, into buffer: inout ByteBuffer) {
        let bulk = RESPTypeByte.bulkString.rawValue
        switch argument {
        case .string(let string):
            buffer.writeRESPHeader(bulk, string.utf8.count)
            buffer.writeString(string)
        case .buffer(let payload):
            buffer.writeRESPHeader(bulk, payload.readableBytes)
            buffer.writeImmutableBuffer(payload)
        case .bytes(let bytes):
            buffer.writeRESPHeader(bulk, bytes.count)
            buffer.writeBytes(bytes)
        case .integer(let value):
            buffer.writeRESPHeader(bulk, value.decimalDigitCount)
            buffer.writeRESPDecimal(value)
        case .double(let value):
            let text = value.isNaN ? "nan" : value.description
            buffer.writeRESPHeader(bulk, text.utf8.count)
            buffer.writeString(text)
        case .vector(let vector):
            buffer.writeRESPHeader(bulk, vector.count * MemoryLayout<Float32>.size)
            buffer.writeLittleEndianFloat32s(vector)
        }
        buffer.writeCRLF()
    }

    /// Appends `value` in its own RESP2 or RESP3 wire form (for tests and fake servers).
    ///
    /// Nested values are written with an explicit work list, so depth is limited by memory, not the stack.
    /// Simple strings and simple errors must not contain CR or LF; a verbatim string's format must be three bytes.
    public func encode(_ value: RESPValue, into buffer: inout ByteBuffer) {
        var pending: [RESPValue] = [value]
        while let next = pending.popLast() {
            switch next {
            case .array(.some(let elements)):
                buffer.writeRESPHeader(RESPTypeByte.array.rawValue, elements.count)
                pending.append(contentsOf: elements.reversed())
            case .set(let elements):
                buffer.writeRESPHeader(RESPTypeByte.set.rawValue, elements.count)
                pending.append(contentsOf: elements.reversed())
            case .push(let elements):
                buffer.writeRESPHeader(RESPTypeByte.push.rawValue, elements.count)
                pending.append(contentsOf: elements.reversed())
            case .map(let pairs):
                buffer.writeRESPHeader(RESPTypeByte.map.rawValue, pairs.count)
                Self.appendReversed(pairs, to: &pending)
            case .attribute(let pairs, let described):
                buffer.writeRESPHeader(RESPTypeByte.attribute.rawValue, pairs.count)
                pending.append(described)
                Self.appendReversed(pairs, to: &pending)
            default:
                encodeScalar(next, into: &buffer)
            }
        }
    }

    private static func appendReversed(_ pairs: [RESPValue.Pair], to pending: inout [RESPValue]) {
        for pair in pairs.reversed() {
            pending.append(pair.value)
            pending.append(pair.key)
        }
    }

    /// Writes a value that is not an aggregate.
    private func encodeScalar(_ value: RESPValue, into buffer: inout ByteBuffer) {
        switch value {
        case .simpleString(let text):
            writeLine(RESPTypeByte.simpleString, text, into: &buffer)
        case .simpleError(let text):
            writeLine(RESPTypeByte.simpleError, text, into: &buffer)
        case .integer(let number):
            buffer.writeInteger(RESPTypeByte.integer.rawValue)
            buffer.writeString(String(number))
            buffer.writeCRLF()
        case .bulkString(.some(let payload)):
            writeBlob(RESPTypeByte.bulkString, payload, into: &buffer)
        case .bulkString(.none):
            buffer.writeStaticString("$-1\r\n")
        case .array(.none):
            buffer.writeStaticString("*-1\r\n")
        case .null:
            buffer.writeStaticString("_\r\n")
        case .boolean(let flag):
            buffer.writeStaticString(flag ? "#t\r\n" : "#f\r\n")
        case .double(let number):
            buffer.writeInteger(RESPTypeByte.double.rawValue)
            buffer.writeString(number.isNaN ? "nan" : number.description)
            buffer.writeCRLF()
        case .bigNumber(let digits):
            buffer.writeInteger(RESPTypeByte.bigNumber.rawValue)
            buffer.writeString(digits)
            buffer.writeCRLF()
        case .bulkError(let text):
            writeBlob(RESPTypeByte.bulkError, text, into: &buffer)
        case .verbatimString(let format, let text):
            buffer.writeRESPHeader(RESPTypeByte.verbatimString.rawValue, format.utf8.count + 1 + text.readableBytes)
            buffer.writeString(format)
            buffer.writeInteger(UInt8.colon)
            buffer.writeImmutableBuffer(text)
            buffer.writeCRLF()
        case .array(.some), .set, .push, .map, .attribute:
            preconditionFailure("aggregates are encoded by encode(_:into:)")
        }
    }

    private func writeLine(_ type: RESPTypeByte, _ text: ByteBuffer, into buffer: inout ByteBuffer) {
        buffer.writeInteger(type.rawValue)
        buffer.writeImmutableBuffer(text)
        buffer.writeCRLF()
    }

    private func writeBlob(_ type: RESPTypeByte, _ payload: ByteBuffer, into buffer: inout ByteBuffer) {
        buffer.writeRESPHeader(type.rawValue, payload.readableBytes)
        buffer.writeImmutableBuffer(payload)
        buffer.writeCRLF()
    }
}
