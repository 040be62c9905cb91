/// A key unique to one test, so tests sharing a server never collide.
public func uniqueKey(_ name: String = #function) -> String {
    "test:\(name.prefix(while: { $0 != "(" })):\(UInt32.random(in: 0...UInt32.max))"
}
