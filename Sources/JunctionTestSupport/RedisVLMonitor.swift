import Foundation
import JunctionRedis
import Testing

/// Reads the commands RedisVL 0.28 sent, captured with `MONITOR` in `../shared/fixtures/redisvl/monitor.txt`,
/// to compare Junction's commands with them argument for argument.
public enum RedisVLMonitor {
    /// The fixture file.
    public static let url = RedisServer.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/redisvl/monitor.txt")

    /// The commands of the section whose heading starts with `heading`, each as its arguments.
    public static func commands(after heading: String) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix(heading) }, "no section \(heading) in monitor.txt")
        var commands: [[String]] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") { break }
            if line.hasPrefix("\"") { commands.append(parse(line)) }
        }
        return commands
    }

    /// The first command named `name` in the section whose heading starts with `heading`.
    public static func command(after heading: String, named name: String) throws -> [String] {
        try #require(try commands(after: heading).first { $0.first == name }, "no \(name) under \(heading) in monitor.txt")
    }

    /// MONITOR's quoted arguments (`"a" "b\"c"`), unescaped.
    public static func parse(_ line: String) -> [String] {
        var arguments: [String] = []
        var current = ""
        var inside = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if !inside {
                if character == "\"" { inside = true; current = "" }
                continue
            }
            switch character {
            case "\"":
                arguments.append(current)
                inside = false
            case "\\":
                guard let escaped = iterator.next() else { break }
                switch escaped {
                case "n": current.append("\n")
                case "r": current.append("\r")
                case "t": current.append("\t")
                default: current.append(escaped)
                }
            default:
                current.append(character)
            }
        }
        return arguments
    }

    /// Arguments as the fixture shows them: vector blobs as `<float32 vector blob>`.
    public static func strings(_ command: [RESPCommandArgument]) -> [String] {
        command.map { argument in
            switch argument {
            case .string(let text): return text
            case .integer(let value): return String(value)
            case .double(let value): return "\(value)"
            case .vector: return "<float32 vector blob>"
            case .bytes, .buffer: return "<bytes>"
            }
        }
    }
}
