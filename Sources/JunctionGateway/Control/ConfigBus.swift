import Foundation
import JunctionRedis
import Logging
import Synchronization

/// How instances sharing a Redis tell each other that shared configuration changed (keys, routes, the
/// guard policy): a version counter, `{namespace}:config:version`, and a channel, `{namespace}:config`,
/// carrying `VERSION KIND INSTANCE`. An instance applies every message of another instance at once; one
/// that was disconnected compares the counter with the last version it saw when it subscribes again, and
/// reloads everything when they differ.
final class ConfigBus: Sendable {
    /// What changed.
    enum Kind: String, Sendable, CaseIterable {
        /// API keys (created, changed, deleted).
        case keys
        /// Routes, references, thresholds.
        case router
        /// The guard's policy.
        case guardPolicy = "guard"
    }

    let client: RedisClient
    let versionKey: String
    let channel: String
    /// This instance's id, so it ignores its own announcements.
    let instance: String
    /// The last version this instance applied or announced.
    let lastSeen = Atomic<Int>(0)

    init(client: RedisClient, namespace: String) {
        self.client = client
        versionKey = "\(namespace):config:version"
        channel = "\(namespace):config"
        instance = UUID().uuidString.prefix(12).lowercased()
    }

    /// Announces a change this instance made: bumps the version and publishes it. A failure is logged by
    /// the caller; the other instances then catch up when they next compare versions.
    func announce(_ kind: Kind) async throws(RedisError) {
        let version = try await client.send(["INCR", .string(versionKey)]).int ?? 0
        lastSeen.store(version, ordering: .relaxed)
        _ = try await client.send(["PUBLISH", .string(channel), .string("\(version) \(kind.rawValue) \(instance)")])
    }

    /// The version Redis holds now.
    func currentVersion() async throws(RedisError) -> Int {
        try await client.send(["GET", .string(versionKey)]).string.flatMap { Int($0) } ?? 0
    }

    /// A message's version, kind and sender; nil for a malformed one.
    static func parse(_ payload: String) -> (version: Int, kind: Kind, instance: String)? {
        let parts = payload.split(separator: " ")
        guard parts.count == 3, let version = Int(parts[0]), let kind = Kind(rawValue: String(parts[1])) else { return nil }
        return (version, kind, String(parts[2]))
    }
}
