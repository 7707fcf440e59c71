import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// HTTP/1.0 closes the connection after each answer unless the request asks `Connection: keep-alive`.
/// Hummingbird sees requests only after they are converted to swift-http-types, which carry no version,
/// so it keeps every connection open: this handler, placed before that conversion, marks such a request
/// `Connection: close`, which Hummingbird honours; and when an HTTP/1.0 request does ask to be kept
/// alive, it says so in the answer (an HTTP/1.0 client waits for a close otherwise).
final class HTTP10Closer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The request being answered is HTTP/1.0 with `Connection: keep-alive`.
    private var keptAlive10 = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var part = unwrapInboundIn(data)
        if case .head(var head) = part {
            let keepAlive = head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "keep-alive" }
            keptAlive10 = head.version == .http1_0 && keepAlive
            if head.version == .http1_0, !keepAlive {
                head.headers.replaceOrAdd(name: "connection", value: "close")
                part = .head(head)
            }
        }
        context.fireChannelRead(wrapInboundOut(part))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if keptAlive10, case .head(var head) = part {
            head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
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
