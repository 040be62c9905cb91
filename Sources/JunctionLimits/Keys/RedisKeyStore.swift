import Foundation
import JunctionRedis
import NIOCore

/// Admin-created keys in Redis, shared by every instance: one hash, `{namespace}:keys`, whose fields are
/// key SHA-256s and whose values are the records' JSON.
public final class RedisKeyStore: KeyStore {
    private let client: RedisClient
    /// The hash holding every record.
    public let hashKey: String

    /// A store in `client`'s Redis under `namespace` (default `junction`).
    public init(client: RedisClient, namespace: String = "junction") {
        self.client = client
        hashKey = "\(namespace):keys"
    }

    public func record(hash: String) async throws(LimitsError) -> APIKeyRecord? {
        let reply = try await send(["HGET", .string(hashKey), .string(hash)])
        guard let bytes = reply.bytes else { return nil }
        return APIKeyRecord.decode(Data(bytes.readableBytesView))
    }

    public func records() async throws(LimitsError) -> [APIKeyRecord] {
        let reply = try await send(["HVALS", .string(hashKey)])
        let records = (reply.array ?? []).compactMap { value in value.bytes.flatMap { APIKeyRecord.decode(Data($0.readableBytesView)) } }
        return records.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public func save(_ record: APIKeyRecord) async throws(LimitsError) {
        _ = try await send(["HSET", .string(hashKey), .string(record.hash), .bytes(Array(record.json))])
    }

    public func delete(id: String) async throws(LimitsError) -> Bool {
        guard let record = try await record(id: id) else { return false }
        let reply = try await send(["HDEL", .string(hashKey), .string(record.hash)])
        return (reply.int ?? 0) > 0
    }

    private func send(_ arguments: [RESPCommandArgument]) async throws(LimitsError) -> RESPValue {
        do {
            return try await client.send(arguments)
        } catch {
            throw LimitsError.redis("the key store's Redis command failed: \(error.message)")
        }
    }
}
