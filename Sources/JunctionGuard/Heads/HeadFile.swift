import Foundation

/// The JSON file a trained head is stored in (`Models/guard/pii-head.json`, `attack-head.json`): the
/// network's parameters as base64 little-endian float32, the labels, and the encoder it was trained on
/// (name and width), which loading checks: a head never runs on token states of another model.
struct HeadFile: Codable, Sendable {
    /// `junction-guard-head`.
    var format: String
    /// `pii-tokens` or `attack`.
    var kind: String
    /// The encoder's model name (`sentence-transformers/all-MiniLM-L6-v2`).
    var model: String
    /// The encoder's hidden width.
    var hiddenSize: Int
    /// Class names, in output order.
    var labels: [String]
    /// Input width of the network.
    var inputSize: Int
    /// Hidden width of the network, 0 when linear.
    var networkHidden: Int
    /// Base64 float32 parameters.
    var weights1: String
    var bias1: String
    var weights2: String
    var bias2: String
    /// Extra numbers a head keeps (the attack head's score combination and threshold).
    var parameters: [String: Double]
    /// Reference embeddings by label (`attack`, `benign`), int8 rows with one scale each, base64.
    var references: [String: QuantizedRows]?
    /// How it was trained (data, examples, held-out figures), for people.
    var training: [String: String]

    enum CodingKeys: String, CodingKey {
        case format, kind, model, labels, parameters, references, training
        case hiddenSize = "hidden_size"
        case inputSize = "input_size"
        case networkHidden = "network_hidden"
        case weights1 = "weights1"
        case bias1, weights2, bias2
    }

    static let formatName = "junction-guard-head"

    init(kind: String, model: String, hiddenSize: Int, labels: [String], network: DenseNetwork,
         parameters: [String: Double] = [:], references: [String: QuantizedRows]? = nil, training: [String: String] = [:]) {
        format = Self.formatName
        self.kind = kind
        self.model = model
        self.hiddenSize = hiddenSize
        self.labels = labels
        inputSize = network.inputSize
        networkHidden = network.hiddenSize
        weights1 = Self.encode(network.weights1)
        bias1 = Self.encode(network.bias1)
        weights2 = Self.encode(network.weights2)
        bias2 = Self.encode(network.bias2)
        self.parameters = parameters
        self.references = references
        self.training = training
    }

    /// Reads and checks a head file of `kind` for an encoder `model` of width `hiddenSize`.
    static func load(_ url: URL, kind: String, model: String, hiddenSize: Int) throws(GuardError) -> (HeadFile, DenseNetwork) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GuardError(code: "head_missing", message: "guard head \(url.path) cannot be read: \(error.localizedDescription)")
        }
        let file: HeadFile
        do {
            file = try JSONDecoder().decode(HeadFile.self, from: data)
        } catch {
            throw .headInvalid(url.path, "not a head file (\(error))")
        }
        guard file.format == formatName, file.kind == kind else {
            throw .headInvalid(url.path, "expected a \(kind) head, found format \(file.format) kind \(file.kind)")
        }
        guard file.model == model, file.hiddenSize == hiddenSize else {
            throw GuardError(
                code: "head_model_mismatch",
                message: "guard head \(url.path) was trained on \(file.model) (\(file.hiddenSize)-d) but the encoder is \(model) (\(hiddenSize)-d): train heads for this model with `junction guard train`")
        }
        guard let network = DenseNetwork(
            inputSize: file.inputSize, hiddenSize: file.networkHidden, classCount: file.labels.count,
            weights1: decode(file.weights1), bias1: decode(file.bias1), weights2: decode(file.weights2),
            bias2: decode(file.bias2))
        else {
            throw .headInvalid(url.path, "its parameter sizes do not match its shape")
        }
        return (file, network)
    }

    /// Writes the file (pretty-printed keys sorted, so diffs stay readable).
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    static func encode(_ values: [Float]) -> String {
        var data = Data(capacity: values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data.base64EncodedString()
    }

    static func decode(_ text: String) -> [Float] {
        guard let data = Data(base64Encoded: text) else {
            return []
        }
        return stride(from: 0, to: data.count - 3, by: 4).map { offset in
            let bits = data[data.startIndex + offset..<data.startIndex + offset + 4].enumerated()
                .reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
            return Float(bitPattern: bits)
        }
    }
}

/// Rows of floats stored as int8 with one scale per row (reference embeddings: only their direction matters).
struct QuantizedRows: Codable, Sendable {
    /// Row width.
    var dimension: Int
    /// One scale per row, base64 float32.
    var scales: String
    /// `rows × dimension` int8 values, base64.
    var values: String

    init(rows: [[Float]]) {
        dimension = rows.first?.count ?? 0
        var scaleList: [Float] = []
        var bytes = Data()
        for row in rows {
            let scale = max(row.map { abs($0) }.max() ?? 1, 1e-12) / 127
            scaleList.append(scale)
            for value in row {
                bytes.append(UInt8(bitPattern: Int8(max(-127, min(127, (value / scale).rounded())))))
            }
        }
        scales = HeadFile.encode(scaleList)
        values = bytes.base64EncodedString()
    }

    /// The rows back as floats.
    func rows() -> [[Float]] {
        let scaleList = HeadFile.decode(scales)
        guard dimension > 0, let data = Data(base64Encoded: values), data.count == scaleList.count * dimension else {
            return []
        }
        let bytes = [UInt8](data)
        return scaleList.enumerated().map { row, scale in
            (0..<dimension).map { Float(Int8(bitPattern: bytes[row * dimension + $0])) * scale }
        }
    }
}
