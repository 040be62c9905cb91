extension RESPDecoder {
    /// An aggregate whose elements are still arriving.
    struct Frame: Sendable {
        let kind: RESPAggregateKind
        /// Values still expected (two per map or attribute pair).
        private var remaining: Int
        /// Elements so far, for arrays, sets and pushes.
        private var elements: [RESPValue] = []
        /// Pairs so far, for maps and attributes.
        private var pairs: [RESPValue.Pair] = []
        /// A map or attribute key waiting for its value.
        private var pendingKey: RESPValue?
        /// Attributes waiting to be attached to this aggregate's next element.
        private var attributes: [RESPValue.Pair]?

        init(kind: RESPAggregateKind, count: Int) {
            self.kind = kind
            self.remaining = count * kind.valuesPerElement
            // Reserve for what was announced, but never trust a huge count before its bytes arrive.
            switch kind {
            case .array, .set, .push: elements.reserveCapacity(min(count, 1024))
            case .map, .attribute: pairs.reserveCapacity(min(count, 512))
            }
        }

        /// Adds a value; returns true when the aggregate is complete.
        mutating func append(_ value: consuming RESPValue) -> Bool {
            if let attributes {
                self.attributes = nil
                value = .attribute(attributes, value)
            }
            switch kind {
            case .array, .set, .push:
                elements.append(consume value)
            case .map, .attribute:
                if let key = pendingKey {
                    pendingKey = nil
                    pairs.append((key: key, value: consume value))
                } else {
                    pendingKey = consume value
                }
            }
            remaining -= 1
            return remaining == 0
        }

        /// Keeps a complete attribute's pairs for this aggregate's next element.
        mutating func attach(_ pairs: [RESPValue.Pair]) {
            attributes = (attributes ?? []) + pairs
        }

        /// Turns the complete aggregate into its value. An attribute has none: its pairs are attached to the
        /// value that follows it in the enclosing aggregate (or at the top level) instead.
        consuming func takeValue(attachingTo decoder: inout RESPDecoder) -> RESPValue? {
            switch kind {
            case .array: return .array(elements)
            case .set: return .set(elements)
            case .push: return .push(elements)
            case .map: return .map(pairs)
            case .attribute:
                decoder.attach(pairs)
                return nil
            }
        }
    }
}
