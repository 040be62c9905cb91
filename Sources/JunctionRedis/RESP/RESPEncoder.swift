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
        var capacity = 23  // '*', up to 20 count digits, CRLF
        for argument in arguments {
            capacity += argument.encodedLengthBound
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

    /// Appends one argument as a bulk string, header, payload and CRLF in one write.
    func encodeArgument(_ argument: RESPCommandArgument, into buffer: inout ByteBuffer) {
        switch argument {
        case .string(let string):
            buffer.writeRESPBlob(string)
        case .buffer(let payload):
            payload.withUnsafeReadableBytes { buffer.writeRESPBlob($0) }
        case .bytes(let bytes):
            bytes.withUnsafeBytes { buffer.writeRESPBlob($0) }
        case .integer(let value):
            buffer.writeRESPBlob(decimal: value)
        case .double(let value):
            buffer.writeRESPBlob(value.isNaN ? "nan" : value.description)
        case .vector(let vector):
            buffer.writeRESPBlob(littleEndianFloat32s: vector)
        }
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
            buffer.writeRESPHeader(RESPTypeByte.integer.rawValue, Int(number))  // Int is 64-bit on every supported platform
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
        payload.withUnsafeReadableBytes { buffer.writeRESPBlob($0, type: type.rawValue) }
    }
}
