import NIOCore

/// Strict readers of replies for commands: each returns the expected Swift value or throws `unexpected_reply`
/// naming the command and the reply's type.
extension RESPValue {
    /// A string-like reply as bytes.
    func decodeBytes(for command: String) throws(RedisError) -> ByteBuffer {
        guard let bytes else { throw .unexpectedReply(command, expected: "a string", got: self) }
        return bytes
    }

    /// A string-like reply as bytes, or nil for a null reply.
    func decodeOptionalBytes(for command: String) throws(RedisError) -> ByteBuffer? {
        if isNull { return nil }
        return try decodeBytes(for: command)
    }

    /// A string-like reply as UTF-8 text.
    func decodeString(for command: String) throws(RedisError) -> String {
        String(buffer: try decodeBytes(for: command))
    }

    /// An integer reply.
    func decodeInt(for command: String) throws(RedisError) -> Int {
        guard let int else { throw .unexpectedReply(command, expected: "an integer", got: self) }
        return int
    }

    /// An integer 0/1 reply (or a RESP3 boolean) as a Bool.
    func decodeBool(for command: String) throws(RedisError) -> Bool {
        if let bool { return bool }
        guard let int, int == 0 || int == 1 else { throw .unexpectedReply(command, expected: "0 or 1", got: self) }
        return int == 1
    }

    /// An array (or set) reply.
    func decodeArray(for command: String) throws(RedisError) -> [RESPValue] {
        guard let array else { throw .unexpectedReply(command, expected: "an array", got: self) }
        return array
    }

    /// A RESP3 map, or a RESP2 flat array of alternating keys and values, as pairs in the server's order.
    func decodePairs(for command: String) throws(RedisError) -> [Pair] {
        if let map { return map }
        guard let array, array.count.isMultiple(of: 2) else {
            throw .unexpectedReply(command, expected: "a map or an array of key-value pairs", got: self)
        }
        var pairs: [Pair] = []
        pairs.reserveCapacity(array.count / 2)
        var index = 0
        while index < array.count {
            pairs.append((key: array[index], value: array[index + 1]))
            index += 2
        }
        return pairs
    }

    /// A map or flat key-value array whose keys are strings, as a dictionary (a repeated key keeps its last value).
    func decodeDictionary(for command: String) throws(RedisError) -> [String: RESPValue] {
        var dictionary: [String: RESPValue] = [:]
        for pair in try decodePairs(for: command) {
            guard let key = pair.key.string else {
                throw .unexpectedReply(command, expected: "string keys", got: pair.key)
            }
            dictionary[key] = pair.value
        }
        return dictionary
    }

    /// A `+OK` reply.
    func decodeOK(for command: String) throws(RedisError) {
        guard let string, string == "OK" else { throw .unexpectedReply(command, expected: "OK", got: self) }
    }
}
