import JunctionEncoder

extension TextEmbedder {
    /// `given` when the caller already has the prompt's vector, else the embedding of `prompt`.
    func vector(_ given: [Float]?, for prompt: String?) async -> [Float] {
        if let given { return given }
        return await vectors(for: [prompt ?? ""])[0]
    }
}
