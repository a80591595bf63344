package io.batchroutes.emulator.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole within a time of its first byte: otherwise a client sending one byte now and then keeps
 * a connection (and a slot of the connection cap) for ever, as idle timeouts see it active. One instance per
 * connection, in two places: {@link #bytesIn()} before the codec notes the first byte of a request,
 * {@link #requestsOut()} after it notes each request's end. Netty has no handler for this (its
 * {@code ReadTimeoutHandler} resets on every byte).
 */
final class ReceiveDeadline {
    private final long timeoutNanos;
    private long receivingSince; // System.nanoTime() of the first byte of the request being received; 0: none
    private ScheduledFuture<?> check;

    ReceiveDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    ChannelInboundHandlerAdapter bytesIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), timeoutNanos / 4);
                check = ctx.executor().scheduleAtFixedRate(() -> {
                    if (receivingSince != 0 && System.nanoTime() - receivingSince > timeoutNanos) {
                        ctx.close();
                    }
                }, period, period, TimeUnit.NANOSECONDS);
                super.channelActive(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (receivingSince == 0) {
                    receivingSince = Math.max(1, System.nanoTime());
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                if (check != null) {
                    check.cancel(false);
                }
                super.channelInactive(ctx);
            }
        };
    }

    ChannelInboundHandlerAdapter requestsOut() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    receivingSince = 0;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }
}
