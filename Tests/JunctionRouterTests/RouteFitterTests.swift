@testable import JunctionRouter
import Testing

@Suite struct RouteFitterTests {
    /// Predictions of a fit on `data`, replaying the chosen method's decisions.
    static func accuracy(of result: RouteFitter.Result, clusters: Clusters, on data: (vectors: [Float], labels: [Int]), share: Double) -> RouteFitter.Score {
        var options = RouteFitter.Options()
        options.methods = [result.chosen.method]
        options.noRouteShare = share
        let fitter = clusters.fitter(data, options: options)
        let table = RouteFitter.ScoreTable(fitter: fitter)
        let set = table.decisions(method: result.chosen.method, addsReferences: false)
        let range = result.chosen.method.dependsOnRange ? result.thresholds.max()! : set.ranges[0]
        let decisions = set.byRange[set.ranges.firstIndex(where: { abs($0 - range) < 1e-9 }) ?? 0]
        let rows = Array(data.labels.indices)
        return fitter.score(decisions, thresholds: result.thresholds, rows: rows)
    }

    @Test func tellingTheNoRouteShareBeatsTheDataShareOnTrafficWithMoreOutOfScope() throws {
        let clusters = Clusters()
        // Fitting data with few out-of-scope examples; held-out traffic with many.
        let fitting = clusters.examples(inScope: 30, outOfScope: 6, seed: 1)
        let traffic = clusters.examples(inScope: 30, outOfScope: 120, seed: 2)
        let share = 120.0 / 240.0
        var told = RouteFitter.Options()
        told.methods = [.min]
        told.noRouteShare = share
        var untold = told
        untold.noRouteShare = nil
        let withShare = try clusters.fitter(fitting, options: told).fit()
        let withoutShare = try clusters.fitter(fitting, options: untold).fit()
        let a = Self.accuracy(of: withShare, clusters: clusters, on: traffic, share: share)
        let b = Self.accuracy(of: withoutShare, clusters: clusters, on: traffic, share: share)
        #expect(withShare.noRouteShare == share)
        #expect(abs(withoutShare.noRouteShare - 6.0 / 126.0) < 1e-12)
        #expect(a.noRouteRecall > b.noRouteRecall)
        #expect(a.expectedAccuracy > b.expectedAccuracy)
        #expect(withShare.thresholds.max()! <= withoutShare.thresholds.max()!)
    }

    @Test func everyMethodAndBothThresholdModesAreCandidatesAndRedisVLWinsTies() throws {
        let clusters = Clusters(spread: 0.05)
        let data = clusters.examples(inScope: 10, outOfScope: 10, spread: 0.05, seed: 3)
        var options = RouteFitter.Options()
        options.methods = [.centroid, .min, .softmax, .avg]
        let result = try clusters.fitter(data, options: options).fit()
        // Separable: every candidate is perfect, so the first RedisVL method wins.
        #expect(result.candidates.allSatisfy { $0.score.expectedAccuracy == 1 })
        #expect(result.chosen.method == .min)
        #expect(Set(result.candidates.map(\.method)) == [.centroid, .min, .softmax, .avg])
        #expect(result.candidates.count == 8)
        #expect(result.candidates.prefix(4).allSatisfy { $0.method.isRedisVLCompatible })
    }

    @Test func withoutOutOfScopeExamplesHeldOutRoutesStandInForThem() throws {
        let clusters = Clusters()
        let data = clusters.examples(inScope: 20, outOfScope: 0, seed: 4)
        let traffic = clusters.examples(inScope: 30, outOfScope: 120, seed: 8)
        var told = RouteFitter.Options()
        told.methods = [.centroid]
        told.noRouteShare = 0.5
        var untold = told
        untold.noRouteShare = nil
        let withShare = try clusters.fitter(data, options: told).fit()
        let withoutShare = try clusters.fitter(data, options: untold).fit()
        #expect(withShare.chosen.score.heldOutRouteRecall >= withoutShare.chosen.score.heldOutRouteRecall)
        #expect(withShare.thresholds.max()! < withoutShare.thresholds.max()!)
        let a = Self.accuracy(of: withShare, clusters: clusters, on: traffic, share: 0.8)
        let b = Self.accuracy(of: withoutShare, clusters: clusters, on: traffic, share: 0.8)
        #expect(a.noRouteRecall > b.noRouteRecall)
        // One route has nothing to hold out: a share then needs out-of-scope examples.
        let single = RouteFitter(routeCount: 1, dimension: 2, references: [1, 0], referenceRoutes: [0], examples: [1, 0], labels: [0], options: told)
        let error = try #require(throws: RouterError.self) { try single.fit() }
        #expect(error.code == "invalid_data")
    }

    @Test func addedReferencesAreScoredWithoutThemselves() {
        let clusters = Clusters(referencesPerRoute: 1)
        let data = clusters.examples(inScope: 3, outOfScope: 2, seed: 5)
        var options = RouteFitter.Options()
        options.addReferences = true
        let table = RouteFitter.ScoreTable(fitter: clusters.fitter(data, options: options))
        let plain = table.decisions(method: .min, addsReferences: false).byRange[0]
        let added = table.decisions(method: .min, addsReferences: true).byRange[0]
        for row in data.labels.indices {
            // Never distance 0 to itself; never farther than with the references alone.
            #expect(added[row].score > 1e-4)
            #expect(added[row].score <= plain[row].score + 1e-6 || added[row].route != plain[row].route)
        }
    }

    @Test func centroidLeaveOneOutMatchesTheCentroidOfTheOthers() {
        let clusters = Clusters(routeCount: 2, dimension: 4, referencesPerRoute: 2)
        let data = clusters.examples(inScope: 3, outOfScope: 0, seed: 6)
        var options = RouteFitter.Options()
        options.addReferences = true
        let fitter = clusters.fitter(data, options: options)
        let decisions = RouteFitter.ScoreTable(fitter: fitter).decisions(method: .centroid, addsReferences: true).byRange[0]
        let d = clusters.dimension
        for row in data.labels.indices {
            let label = data.labels[row]
            // The centroid of the route's references and its other examples, computed directly.
            var sum = [Float](repeating: 0, count: d)
            for (i, route) in clusters.referenceRoutes.enumerated() where route == label {
                for j in 0..<d { sum[j] += clusters.references[i * d + j] }
            }
            for other in data.labels.indices where other != row && data.labels[other] == label {
                for j in 0..<d { sum[j] += data.vectors[other * d + j] }
            }
            let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let cosine = (0..<d).reduce(Float(0)) { $0 + sum[$1] / norm * data.vectors[row * d + $1] }
            if decisions[row].route == label { #expect(close(decisions[row].score, Double(1 - cosine), tolerance: 1e-4)) }
        }
    }

    @Test func bestThresholdIsExactAndTiesGoNearThePreference() {
        // accept gains at 0.1 and 0.2, reject gains at 0.5: any threshold in (0.2, 0.5] is best.
        let entries: [(score: Double, accept: Double, reject: Double)] = [(0.1, 1, 0), (0.2, 1, 0), (0.5, 0, 1)]
        let best = RouteFitter.bestThreshold(entries, limit: 2, prefer: 0.3)
        #expect(best.value == 3)
        #expect(best.threshold > 0.2 && best.threshold <= 0.5)
        #expect(abs(best.threshold - 0.35) < 1e-9 || abs(best.threshold - 0.3) < 1e-9)
        // A heavy out-of-scope example pulls the threshold under it.
        let weighted = RouteFitter.bestThreshold([(0.1, 1, 0), (0.3, 0, 5), (0.4, 1, 0)], limit: 2, prefer: 0.5)
        #expect(weighted.threshold < 0.3 && weighted.threshold > 0.1)
    }
}
