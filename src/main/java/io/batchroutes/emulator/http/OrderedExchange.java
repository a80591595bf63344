package io.batchroutes.emulator.http;

import io.batchroutes.emulator.service.BatchErrorCode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's exchanges: each complete request is answered on a worker thread, and the answers are written in
 * the order the requests came (HTTP/1.1 pipelining; the codec pairs them with their requests by that order too).
 * With {@code maxPipelined} requests unanswered it stops reading until they are. An idle event closes the connection
 * when no request is being answered. All state is touched on the channel's event loop only.
 */
final class OrderedExchange extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedExchange.class);

    private record Answer(RequestProcessor.Outgoing response, boolean close) {
    }

    private final RequestProcessor processor;
    private final ExecutorService workers;
    private final String fallbackHost;
    private final int maxPipelined;
    private final Map<Long, Answer> ready = new HashMap<>();
    private long received;
    private long written;
    private boolean closing;

    OrderedExchange(RequestProcessor processor, ExecutorService workers, String fallbackHost, int maxPipelined) {
        this.processor = processor;
        this.workers = workers;
        this.fallbackHost = fallbackHost;
        this.maxPipelined = maxPipelined;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof Rejected r) {
                answered(ctx, received++, new Answer(r.response(), r.close()));
            } else if (msg instanceof FullHttpRequest r) {
                dispatch(ctx, received++, r);
            }
            if (received - written >= maxPipelined) {
                ctx.channel().config().setAutoRead(false);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, long sequence, FullHttpRequest r) {
        boolean keepAlive = HttpUtil.isKeepAlive(r);
        HttpHeaders h = r.headers();
        RequestProcessor.Incoming in = new RequestProcessor.Incoming(r.method().name(), r.uri(), h::get,
                new ArrayList<>(h.entries()), ByteBufUtil.getBytes(r.content()), fallbackHost);
        try {
            workers.execute(() -> {
                RequestProcessor.Outgoing out;
                try {
                    out = processor.process(in);
                } catch (Throwable e) { // process answers every failure itself; this is the thread's last guard
                    LOG.error("{} {} failed", in.method(), LoopbackHost.printable(in.uri()), e);
                    out = RequestProcessor.error(BatchErrorCode.INTERNAL_ERROR, BatchErrorCode.INTERNAL_ERROR.message(),
                            List.of(), UUID.randomUUID().toString(), "http://" + fallbackHost, in.method());
                }
                RequestProcessor.Outgoing answer = out;
                ctx.executor().execute(() -> answered(ctx, sequence, new Answer(answer, !keepAlive)));
            });
        } catch (RejectedExecutionException stopping) {
            answered(ctx, sequence, new Answer(RequestProcessor.error(BatchErrorCode.SERVER_BUSY,
                    BatchErrorCode.SERVER_BUSY.message(), List.of(), UUID.randomUUID().toString(),
                    "http://" + fallbackHost, in.method()), true));
        }
    }

    /** Writes every answer whose turn has come; event loop only. */
    private void answered(ChannelHandlerContext ctx, long sequence, Answer answer) {
        ready.put(sequence, answer);
        Answer next;
        while (!closing && (next = ready.remove(written)) != null) {
            written++;
            ChannelFuture last = write(ctx, next);
            if (next.close()) {
                closing = true;
                ready.clear();
                last.addListener(ChannelFutureListener.CLOSE);
            }
        }
        if (!closing && received - written < maxPipelined && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private ChannelFuture write(ChannelHandlerContext ctx, Answer answer) {
        RequestProcessor.Outgoing out = answer.response();
        HttpResponseStatus status = HttpResponseStatus.valueOf(out.status());
        if (out.file() == null) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(out.body()));
            copyHeaders(out, response, answer.close());
            if (!response.headers().contains("Content-Length")) {
                response.headers().set("Content-Length", Integer.toString(out.body().length));
            }
            return ctx.writeAndFlush(response);
        }
        FileChannel file;
        try { // not through a link a task put there since the file was looked up
            file = FileChannel.open(out.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return write(ctx, new Answer(RequestProcessor.error(BatchErrorCode.FILE_NOT_FOUND,
                    BatchErrorCode.FILE_NOT_FOUND.message(), List.of(), out.headers().getOrDefault("request-id",
                            UUID.randomUUID().toString()), "http://" + fallbackHost, "GET"), answer.close()));
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        copyHeaders(out, response, answer.close());
        ctx.write(response);
        ctx.write(new DefaultFileRegion(file, out.offset(), out.length()));
        return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static void copyHeaders(RequestProcessor.Outgoing out, HttpResponse response, boolean close) {
        out.headers().forEach((k, v) -> response.headers().set(k, v));
        if (close) {
            response.headers().set("Connection", "close");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && received == written) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection error: {}", cause.toString());
        } else {
            LOG.error("HTTP connection failed, closing it", cause);
        }
        ctx.close();
    }
}
