extension RESPDecoder {
    /// Bounds on what the decoder accepts, so a broken or hostile server cannot exhaust memory or the stack.
    public struct Limits: Sendable, Hashable {
        /// How deeply aggregates (arrays, maps, sets, pushes, attributes) may nest. Default 512.
        public var maximumDepth: Int
        /// The longest bulk string, bulk error or verbatim string accepted, in bytes. Default 512 MiB,
        /// Redis's own `proto-max-bulk-len`. Checked on the header, before any payload is buffered.
        public var maximumBulkLength: Int
        /// The most elements one aggregate may announce. Default 2^31 - 1.
        public var maximumAggregateCount: Int
        /// The longest line (simple string, simple error, number or header) accepted, in bytes. Default 1 MiB.
        public var maximumLineLength: Int

        /// Creates limits; each argument defaults to the value documented on its property.
        public init(
            maximumDepth: Int = 512,
            maximumBulkLength: Int = 512 * 1024 * 1024,
            maximumAggregateCount: Int = Int(Int32.max),
            maximumLineLength: Int = 1024 * 1024
        ) {
            self.maximumDepth = max(1, maximumDepth)
            self.maximumBulkLength = min(max(0, maximumBulkLength), 1 << 59)
            self.maximumAggregateCount = min(max(0, maximumAggregateCount), 1 << 59)
            self.maximumLineLength = min(max(1, maximumLineLength), 1 << 40)
        }
    }
}
