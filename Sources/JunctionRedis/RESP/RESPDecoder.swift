import NIOCore

/// An incremental RESP2/RESP3 decoder: feed it bytes as they arrive, in any split, and it returns each
/// complete top-level value once.
///
/// Aggregates are built on an explicit stack (no recursion), bounded by ``Limits/maximumDepth``. Scalar values
/// are consumed from the buffer as soon as they are complete, so a large reply arriving in many reads is
/// parsed once, not re-scanned from its start. RESP3 attributes are attached to the value that follows them
/// as ``RESPValue/attribute(_:_:)``; consecutive attributes are merged into one.
///
/// Malformed input throws ``RESPProtocolError``; the decoder then stays failed and rethrows that error,
/// since the stream can no longer be trusted. It never traps on any input.
public struct RESPDecoder: Sendable {
    /// The limits this decoder enforces.
    public let limits: Limits

    /// Aggregates that are still missing elements, outermost first.
    private var stack: [Frame] = []
    /// Attributes waiting to be attached to the next top-level value.
    private var pendingAttributes: [RESPValue.Pair]?
    /// How many bytes of the stream have been consumed so far (for error offsets).
    private var consumedBytes = 0
    /// The error that stopped the decoder, rethrown on every later call.
    private var failure: RESPProtocolError?

    /// Creates a decoder that enforces `limits`.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Consumes bytes from `buffer` and returns the next complete top-level value, or nil when `buffer` ends
    /// before it does (the bytes read so far are kept in the decoder; call again with more).
    ///
    /// - Throws: ``RESPProtocolError`` when the bytes are not valid RESP or break a limit.
    public mutating func next(_ buffer: inout ByteBuffer) throws -> RESPValue? {
        if let failure { throw failure }
        // Scan token after token over one view of the bytes; consume the complete ones once, at the end.
        var consumed = 0
        defer {
            buffer.moveReaderIndex(forwardBy: consumed)
            consumedBytes += consumed
        }
        do {
            let complete: RESPValue? = try buffer.withUnsafeReadableBytes { bytes in
                while true {
                    let scanner = RESPTokenScanner(limits: limits, streamOffset: consumedBytes + consumed)
                    let rest = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
                    guard let (token, length) = try scanner.scan(rest) else { return nil }
                    let value = try value(of: token, in: buffer, at: consumed)
                    consumed += length
                    if let value, let complete = append(value) {
                        return complete
                    }
                }
            }
            return complete
        } catch let error as RESPProtocolError {
            failure = error
            throw error
        }
    }

    /// Turns a scanned token into a value, or opens an aggregate frame and returns nil.
    /// `offset` is where the token starts, counted from the buffer's first readable byte.
    private mutating func value(of token: RESPToken, in buffer: ByteBuffer, at offset: Int) throws -> RESPValue? {
        func slice(_ range: Range<Int>) -> ByteBuffer {
            buffer.getSlice(at: buffer.readerIndex + offset + range.lowerBound, length: range.count)!
        }
        switch token {
        case .simpleString(let range): return .simpleString(slice(range))
        case .simpleError(let range): return .simpleError(slice(range))
        case .integer(let value): return .integer(value)
        case .bulkString(let range): return .bulkString(slice(range))
        case .nullBulkString: return .bulkString(nil)
        case .nullArray: return .array(nil)
        case .null: return .null
        case .boolean(let value): return .boolean(value)
        case .double(let value): return .double(value)
        case .bigNumber(let range): return .bigNumber(String(buffer: slice(range)))
        case .bulkError(let range): return .bulkError(slice(range))
        case .verbatimString(let format, let text): return .verbatimString(format: String(buffer: slice(format)), text: slice(text))
        case .aggregate(let kind, let count):
            if count == 0 {
                switch kind {
                case .array: return .array([])
                case .set: return .set([])
                case .push: return .push([])
                case .map: return .map([])
                case .attribute:
                    attach([])
                    return nil
                }
            }
            guard stack.count < limits.maximumDepth else {
                throw RESPProtocolError(
                    code: .nestingTooDeep,
                    message: "expected aggregates nested at most \(limits.maximumDepth) deep, found a deeper \(kind)",
                    offset: consumedBytes + offset
                )
            }
            stack.append(Frame(kind: kind, count: count))
            return nil
        }
    }

    /// Adds a complete value to the innermost open aggregate, closing every aggregate it completes.
    /// Returns the value when it completes a top-level value.
    private mutating func append(_ value: consuming RESPValue) -> RESPValue? {
        while !stack.isEmpty {
            guard stack[stack.count - 1].append(consume value) else { return nil }
            guard let closed = stack.removeLast().takeValue(attachingTo: &self) else { return nil }
            value = closed
        }
        if let attributes = pendingAttributes {
            pendingAttributes = nil
            return .attribute(attributes, value)
        }
        return value
    }

    /// Keeps a complete attribute's pairs for the next value at the current level.
    mutating func attach(_ pairs: [RESPValue.Pair]) {
        if stack.isEmpty {
            pendingAttributes = (pendingAttributes ?? []) + pairs
        } else {
            stack[stack.count - 1].attach(pairs)
        }
    }
}
