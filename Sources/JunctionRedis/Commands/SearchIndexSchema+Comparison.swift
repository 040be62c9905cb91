extension SearchIndexSchema {
    /// The names of this index's fields that `expected` does not have, in this index's order.
    public func fieldNames(notIn expected: SearchIndexSchema) -> [String] {
        fields.map(\.name).filter { expected.field(named: $0) == nil }
    }
}

extension SearchIndexSchema.Field {
    /// How this field differs from `expected`, the same field as another index needs it, in words; empty when
    /// it is the same.
    ///
    /// A different type is the only difference reported when there is one ("vector is TAG, expected VECTOR").
    /// Otherwise each attribute `expected` sets and this field lacks or sets otherwise, in attribute order
    /// ("vector DIM is 768, expected 384"; values compare as numbers when both are, so `1` and `1.0` are the
    /// same weight, else case-blind), then flags this field has and `expected` has not ("reference has flags
    /// SORTABLE"), then flags it lacks ("reference lacks flags NOSTEM"). Attributes only this field sets are
    /// not differences.
    public func differences(from expected: Self) -> [String] {
        guard type == expected.type else { return ["\(name) is \(type), expected \(expected.type)"] }
        var found: [String] = []
        for (attribute, value) in expected.attributes.sorted(by: { $0.key < $1.key })
        where !Self.same(attributes[attribute], value) {
            found.append("\(name) \(attribute) is \(attributes[attribute] ?? "missing"), expected \(value)")
        }
        let extra = flags.filter { !expected.flags.contains($0) }
        if !extra.isEmpty { found.append("\(name) has flags \(extra.joined(separator: " "))") }
        let missing = expected.flags.filter { !flags.contains($0) }
        if !missing.isEmpty { found.append("\(name) lacks flags \(missing.joined(separator: " "))") }
        return found
    }

    /// Attribute values compare as numbers when both are (`1` and `1.0` for a weight), else case-blind.
    private static func same(_ actual: String?, _ expected: String) -> Bool {
        guard let actual else { return false }
        if let a = Double(actual), let b = Double(expected) { return a == b }
        return actual.uppercased() == expected.uppercased()
    }
}
