package io.batchroutes.emulator.http;

import io.batchroutes.emulator.service.BatchErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admits a request on its headers, before its body is read ({@link RequestProcessor#admit}: Host, SharedKey, date).
 * A refused request goes on as {@link Rejected}; its body is read and dropped, not kept, so the connection stays
 * usable, unless more than {@code maxBody} bytes of it arrive: then the connection is closed.
 */
final class RequestGate extends ChannelInboundHandlerAdapter {
    private final RequestProcessor processor;
    private final String fallbackHost;
    private final int maxBody;
    private boolean dropping;
    private long dropped;

    RequestGate(RequestProcessor processor, String fallbackHost, int maxBody) {
        this.processor = processor;
        this.fallbackHost = fallbackHost;
        this.maxBody = maxBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            dropping = false;
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                dropping = true;
                dropped = 0;
                ctx.fireChannelRead(new Rejected(RequestProcessor.error(BatchErrorCode.INVALID_URI,
                        "The request is not valid HTTP/1.1.", List.of(), UUID.randomUUID().toString(),
                        "http://" + fallbackHost, "GET"), true));
                return;
            }
            HttpHeaders headers = request.headers();
            RequestProcessor.Outgoing refusal = processor.admit(request.method().name(), request.uri(), headers::get,
                    new ArrayList<>(headers.entries()), fallbackHost);
            if (refusal != null) {
                ReferenceCountUtil.release(msg);
                dropping = !(msg instanceof LastHttpContent);
                dropped = 0;
                ctx.fireChannelRead(new Rejected(refusal, false));
                return;
            }
        } else if (dropping && msg instanceof HttpContent content) {
            dropped += content.content().readableBytes();
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (dropped > maxBody) {
                ctx.close();
            } else if (last) {
                dropping = false;
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
