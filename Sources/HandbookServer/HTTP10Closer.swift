import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// HTTP/1.0 closes the connection after each answer unless the request asks `Connection: keep-alive`.
/// Hummingbird sees requests only after they are converted to swift-http-types, which carry no version,
/// so it keeps every connection open: this handler, placed before that conversion, marks such a request
/// `Connection: close`, which Hummingbird honours.
final class HTTP10Closer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var part = unwrapInboundIn(data)
        if case .head(var head) = part, head.version == .http1_0,
           !head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "keep-alive" }) {
            head.headers.replaceOrAdd(name: "connection", value: "close")
            part = .head(head)
        }
        context.fireChannelRead(wrapInboundOut(part))
    }
}

/// Hummingbird adds its extra handlers after the conversion to swift-http-types; this one puts
/// `HTTP10Closer` before it when it joins the pipeline, then leaves.
final class HTTP10CloserInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        if let codec = try? pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self) {
            try? pipeline.addHandler(HTTP10Closer(), position: .before(codec.handler))
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
