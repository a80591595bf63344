package io.batchroutes.emulator.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with two changes. It leaves the headers as the client sent them: Netty's adds a
 * {@code Content-Length} the client may not have sent, and the SharedKey signature covers that header. A body over
 * the limit (by its {@code Content-Length} or as it arrives) is answered with the service's 413
 * {@code RequestBodyTooLarge} error body (the Java SDK halves its task collections on it), in request order; the rest
 * of that body is read and dropped, so the connection stays usable.
 */
final class BodyAggregator extends HttpObjectAggregator {
    private final RequestProcessor processor;
    private final String fallbackHost;

    BodyAggregator(RequestProcessor processor, String fallbackHost, int maxBody) {
        super(maxBody);
        this.processor = processor;
        this.fallbackHost = fallbackHost;
    }

    @Override
    protected void finishAggregation(FullHttpMessage aggregated) {
        // no Content-Length of our own
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpRequest request = (HttpRequest) oversized;
        boolean close = !HttpUtil.isKeepAlive(request);
        ctx.fireChannelRead(new Rejected(processor.tooLarge(request.method().name(), request.headers()::get,
                fallbackHost, maxContentLength()), close));
    }
}
