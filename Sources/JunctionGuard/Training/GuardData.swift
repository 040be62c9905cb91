import Foundation
import JunctionJSON

/// One labelled text of `pii_train.jsonl`: `{"id", "text", "entities": [{"type", "start", "end"}],
/// "source", "template_id"}` with spans in Unicode scalars.
public struct PIIExample: Sendable, Equatable {
    /// The example's id.
    public var id: String
    /// The text.
    public var text: String
    /// The labelled entities.
    public var entities: [(type: EntityType, span: Range<Int>)]
    /// The template it was generated from (the held-out split is by template).
    public var templateID: Int

    /// Creates an example.
    public init(id: String, text: String, entities: [(type: EntityType, span: Range<Int>)], templateID: Int) {
        self.id = id
        self.text = text
        self.entities = entities
        self.templateID = templateID
    }

    public static func == (lhs: PIIExample, rhs: PIIExample) -> Bool {
        lhs.id == rhs.id && lhs.text == rhs.text && lhs.templateID == rhs.templateID
            && lhs.entities.map(\.type) == rhs.entities.map(\.type) && lhs.entities.map(\.span) == rhs.entities.map(\.span)
    }

    /// Whether the example is in the held-out part: one template in five (by a hash of its id), so no
    /// held-out sentence shares a template with a training one.
    public var isHeldOut: Bool { GuardData.bucket(String(templateID), salt: "pii") == 0 }
}

/// One labelled prompt of `jb_train.jsonl`: `{"id", "text", "label": "jailbreak" | "benign", "source"}`.
public struct JailbreakExample: Sendable, Equatable {
    /// The example's id.
    public var id: String
    /// The prompt.
    public var text: String
    /// Whether it is an attack (`jailbreak`).
    public var isAttack: Bool
    /// Which data set it came from.
    public var source: String

    /// Creates an example.
    public init(id: String, text: String, isAttack: Bool, source: String) {
        self.id = id
        self.text = text
        self.isAttack = isAttack
        self.source = source
    }

    /// Whether the example is in the held-out part: one in five of each source, at random by id.
    public var isHeldOut: Bool { GuardData.bucket(id, salt: "jailbreak") == 0 }
}

/// Reading the guard's JSON Lines data and splitting it.
public enum GuardData {
    /// Reads PII examples; a malformed line throws `data_invalid` naming its number.
    public static func piiExamples(at url: URL) throws(GuardError) -> [PIIExample] {
        try lines(at: url).map { number, object throws(GuardError) in
            guard let text = object["text"]?.stringValue, case .array(let entities)? = object["entities"] else {
                throw .dataInvalid(url.path, line: number, "expected {\"text\": ..., \"entities\": [...]}")
            }
            var spans: [(type: EntityType, span: Range<Int>)] = []
            for entity in entities {
                guard case .object(let fields) = entity, let type = fields["type"]?.stringValue,
                    case .number(let start)? = fields["start"], case .number(let end)? = fields["end"], start <= end
                else {
                    throw .dataInvalid(url.path, line: number, "an entity needs type, start and end (start <= end)")
                }
                spans.append((EntityType(type), Int(start)..<Int(end)))
            }
            var template = number
            if case .number(let value)? = object["template_id"] { template = Int(value) }
            return PIIExample(
                id: object["id"]?.stringValue ?? "line-\(number)", text: text, entities: spans, templateID: template)
        }
    }

    /// Reads jailbreak examples; a malformed line throws `data_invalid` naming its number.
    public static func jailbreakExamples(at url: URL) throws(GuardError) -> [JailbreakExample] {
        try lines(at: url).map { number, object throws(GuardError) in
            guard let text = object["text"]?.stringValue, let label = object["label"]?.stringValue,
                label == "jailbreak" || label == "benign"
            else {
                throw .dataInvalid(url.path, line: number, "expected {\"text\": ..., \"label\": \"jailbreak\" | \"benign\"}")
            }
            return JailbreakExample(
                id: object["id"]?.stringValue ?? "line-\(number)", text: text, isAttack: label == "jailbreak",
                source: object["source"]?.stringValue ?? "unknown")
        }
    }

    /// The non-empty lines of a JSON Lines file as objects, with their 1-based numbers.
    static func lines(at url: URL) throws(GuardError) -> [(Int, [String: JSONValue])] {
        let content: String
        do {
            content = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GuardError(code: "data_invalid", message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        var objects: [(Int, [String: JSONValue])] = []
        for (index, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)), case .object(let object) = value else {
                throw .dataInvalid(url.path, line: index + 1, "not a JSON object")
            }
            objects.append((index + 1, object))
        }
        guard !objects.isEmpty else {
            throw GuardError(code: "data_invalid", message: "\(url.path) has no examples")
        }
        return objects
    }

    /// A stable bucket in 0..<5 for a key (FNV-1a), so splits never change between runs or machines.
    static func bucket(_ key: String, salt: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (salt + ":" + key).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return Int(hash % 5)
    }
}
