/// A Redis command as a small value type: the arguments it sends and how it reads its reply.
///
/// Command types are named after the Redis command they send, in Redis's spelling (`GET`, `HGETALL`,
/// `FT.SEARCH`, `JSON.SET`), as valkey-swift does, so code reads like the Redis documentation.
/// Send one with ``RedisClient/send(_:)-(Command)``; error replies never reach ``decode(_:)``: the client
/// throws them as ``RedisError`` with code `server`.
public protocol RedisCommand: Sendable {
    /// What the command's reply decodes to.
    associatedtype Response: Sendable
    /// The command name and its arguments, as sent.
    var arguments: [RESPCommandArgument] { get }
    /// Turns the reply into the command's response.
    ///
    /// - Throws: ``RedisError`` with code `unexpected_reply` when the reply's type or shape is not the expected one.
    func decode(_ reply: RESPValue) throws(RedisError) -> Response
}

extension RedisCommand where Response == RESPValue {
    /// Returns the reply as it is.
    public func decode(_ reply: RESPValue) throws(RedisError) -> RESPValue {
        reply
    }
}

extension RedisCommand {
    /// The command's name (its first argument), for error messages.
    var name: String {
        switch arguments.first {
        case .string(let name)?: name
        default: "command"
        }
    }
}
