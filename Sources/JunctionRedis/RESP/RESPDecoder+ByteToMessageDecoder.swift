import NIOCore

/// The decoder in a NIO pipeline: `ByteToMessageHandler(RESPDecoder())` reads `RESPValue`s from a channel.
extension RESPDecoder: ByteToMessageDecoder {
    /// Each decoded top-level value.
    public typealias InboundOut = RESPValue

    /// Decodes one top-level value if the accumulated bytes hold it, and passes it down the pipeline.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let value = try next(&buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(value))
        return .continue
    }

    /// Decodes what is left when the channel closes; an incomplete value is left for NIO to report.
    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
