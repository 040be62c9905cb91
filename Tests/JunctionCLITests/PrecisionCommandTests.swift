import Foundation
import Testing

/// `--precision` on the CLI and the accuracy bounds of each reduced precision that `docs/encoder.md`
/// documents, measured by `junction bench accuracy` on the committed fixtures and the labelled sets.
@Suite struct PrecisionCommandTests {
    /// The documented bounds, against the fp32 encoder.
    struct Bounds {
        var lowestCosine: Double
        var lowestCosineToReference: Double
        var identicalRoutes: Double
        var accuracyChange: Double
        var cacheChange: Double
    }

    static let bounds: [String: Bounds] = [
        "bf16": Bounds(lowestCosine: 0.999, lowestCosineToReference: 0.999, identicalRoutes: 0.995, accuracyChange: 0.005, cacheChange: 0.03),
        "int8": Bounds(lowestCosine: 0.96, lowestCosineToReference: 0.975, identicalRoutes: 0.98, accuracyChange: 0.01, cacheChange: 0.08),
    ]

    @Test func verboseSaysWhichPrecisionAndKernelRun() throws {
        for precision in ["fp32", "bf16", "int8"] {
            let result = try CLIRunner.run(["embed", "--precision", precision, "--verbose", "A man is eating food."])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.error.contains("dense layers: \(precision) ("), "\(result.error)")
            #expect(result.error.contains(" kernel)"), "\(result.error)")
            let embedding = try #require(CLIRunner.jsonLines(result.output).first?["embedding"] as? [Double])
            let expected = try #require(EmbedCommandTests.reference["A man is eating food."])
            let dot = zip(embedding, expected).map(*).reduce(0, +)
            let bound = Self.bounds[precision]?.lowestCosineToReference ?? 0.9999
            #expect(dot >= bound, "\(precision): cosine \(dot) to sentence-transformers")
        }
    }

    @Test func unknownPrecisionIsAnError() throws {
        let result = try CLIRunner.run(["embed", "--precision", "fp16", "hello"])
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("fp16"), "\(result.error)")
        #expect(result.error.contains("bf16") && result.error.contains("int8"), "\(result.error)")
    }

    /// One run of `junction bench accuracy --json` for every bound.
    @Test func reducedPrecisionsStayWithinTheirDocumentedBounds() throws {
        let result = try CLIRunner.run(["bench", "accuracy", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [String: Any]])
        let fp32 = try #require(report["fp32"])
        #expect((fp32["lowest_cosine"] as? Double ?? 0) >= 0.999999)
        #expect((fp32["lowest_cosine_to_reference"] as? Double ?? 0) >= 0.9999)
        #expect(fp32["identical_routes"] as? Double == 1)
        for (precision, bound) in Self.bounds {
            let figures = try #require(report[precision], "no \(precision) in \(result.output)")
            func value(_ key: String) -> Double { figures[key] as? Double ?? .nan }
            #expect(value("lowest_cosine") >= bound.lowestCosine, "\(precision): \(figures)")
            #expect(value("lowest_cosine_to_reference") >= bound.lowestCosineToReference, "\(precision): \(figures)")
            #expect(value("identical_routes") >= bound.identicalRoutes, "\(precision): \(figures)")
            let accuracyChange = abs(value("accuracy_test") - (fp32["accuracy_test"] as? Double ?? .nan))
            #expect(accuracyChange <= bound.accuracyChange, "\(precision): test accuracy moved by \(accuracyChange)")
            #expect(value("largest_cache_change") <= bound.cacheChange, "\(precision): \(figures)")
        }
    }
}
