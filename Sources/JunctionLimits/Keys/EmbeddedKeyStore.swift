import Foundation
import JunctionIndex
import Synchronization

/// Admin-created keys of a single instance, kept in memory and saved atomically to `keys.json` in the data
/// directory on every change (hashes and settings only, never keys).
public final class EmbeddedKeyStore: KeyStore {
    private let file: URL?
    private let state: Mutex<[APIKeyRecord]>

    /// Opens the store saved in `directory` (nil keeps it in memory only). Throws `storage` for a file that
    /// cannot be read.
    public init(directory: URL?) throws(LimitsError) {
        file = directory?.appendingPathComponent("keys.json")
        var records: [APIKeyRecord] = []
        if let file, let data = FileManager.default.contents(atPath: file.path) {
            guard let stored = try? JSONDecoder().decode([APIKeyRecord].self, from: data) else {
                throw LimitsError(code: "storage", message: "\(file.path) is not a key store (move it away to start with no keys)")
            }
            records = stored
        }
        state = Mutex(records)
    }

    public func record(hash: String) async throws(LimitsError) -> APIKeyRecord? {
        state.withLock { $0.first { $0.hash == hash } }
    }

    public func records() async throws(LimitsError) -> [APIKeyRecord] {
        state.withLock { $0 }
    }

    public func save(_ record: APIKeyRecord) async throws(LimitsError) {
        try change { records in
            if let index = records.firstIndex(where: { $0.hash == record.hash }) { records[index] = record } else { records.append(record) }
            return ()
        }
    }

    public func delete(id: String) async throws(LimitsError) -> Bool {
        try change { records in
            guard let index = records.firstIndex(where: { $0.id == id }) else { return false }
            records.remove(at: index)
            return true
        }
    }

    /// Applies a change and saves the file; on a write failure the change is undone.
    private func change<T>(_ body: (inout [APIKeyRecord]) -> T) throws(LimitsError) -> T {
        let result: Result<T, LimitsError> = state.withLock { records in
            let before = records
            let value = body(&records)
            guard let file else { return .success(value) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            do {
                try AtomicFile.write(try encoder.encode(records), to: file)
            } catch {
                records = before
                return .failure(LimitsError(code: "storage", message: "cannot save the key store: \(error)"))
            }
            return .success(value)
        }
        return try result.get()
    }
}
