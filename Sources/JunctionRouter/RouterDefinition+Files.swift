import Foundation
import Yams

extension RouterDefinition {
    /// Reads a RedisVL router file: YAML (`.yaml`, `.yml`) or JSON, validated.
    public static func load(from url: URL) throws(RouterError) -> RouterDefinition {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RouterError(code: "invalid_file", message: "router file not found or unreadable: \(url.path)")
        }
        let definition = try decode(data, yaml: !url.pathExtension.lowercased().hasPrefix("json"), source: url.path)
        try definition.validate()
        return definition
    }

    /// Decodes a router from YAML (a superset of JSON) or JSON text.
    public static func decode(_ data: Data, yaml: Bool = true, source: String = "router") throws(RouterError) -> RouterDefinition {
        do {
            if yaml {
                return try YAMLDecoder().decode(RouterDefinition.self, from: data)
            }
            return try JSONDecoder().decode(RouterDefinition.self, from: data)
        } catch let error as RouterError {
            throw RouterError(code: error.code, message: "\(source): \(error.message)")
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, let underlying = context.underlyingError as? RouterError {
                throw RouterError(code: underlying.code, message: "\(source): \(underlying.message)")
            }
            throw RouterError(code: "invalid_file", message: "\(source): \(Self.describe(error))")
        } catch {
            throw RouterError(code: "invalid_file", message: "\(source): not valid \(yaml ? "YAML" : "JSON") (\(error))")
        }
    }

    /// YAML in RedisVL's key order (`to_yaml` with `sort_keys=False`).
    public func yaml() throws(RouterError) -> String {
        do {
            return try Yams.serialize(node: yamlNode(), sortKeys: false)
        } catch {
            throw RouterError(code: "invalid_router", message: "cannot write router \(name) as YAML: \(error)")
        }
    }

    /// Pretty-printed JSON.
    public func json() throws(RouterError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw RouterError(code: "invalid_router", message: "cannot write router \(name) as JSON: \(error)")
        }
    }

    /// Writes the router to `url` as YAML, or JSON for a `.json` path.
    public func write(to url: URL) throws(RouterError) {
        let data = url.pathExtension.lowercased() == "json" ? try json() : Data(try yaml().utf8)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw RouterError(code: "invalid_file", message: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return components.hasPrefix(".") ? String(components.dropFirst()) : components
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field \(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)"
        case .typeMismatch(let type, let context):
            return "\(path(context)) should be \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)) should be \(type), found null"
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError as? RouterError { return underlying.message }
            return context.codingPath.isEmpty ? "not a router (\(context.debugDescription))" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "invalid router"
        }
    }
}
