package io.batchroutes.emulator.http;

import io.batchroutes.emulator.handler.AccountHandler;
import io.batchroutes.emulator.handler.ApplicationsHandler;
import io.batchroutes.emulator.handler.FilesHandler;
import io.batchroutes.emulator.handler.JobSchedulesHandler;
import io.batchroutes.emulator.handler.JobsHandler;
import io.batchroutes.emulator.handler.NodesHandler;
import io.batchroutes.emulator.handler.PoolsHandler;
import io.batchroutes.emulator.handler.StatisticsHandler;
import io.batchroutes.emulator.handler.TasksHandler;
import io.batchroutes.emulator.service.BatchErrorCode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty HTTP/1.1 server on 127.0.0.1. Netty keeps response header names exactly as written, which the Java SDK
 * needs. The event loop only reads and writes: each complete request is handed to a worker pool, so handlers may
 * block. Bodies are collected here rather than by Netty's aggregator, which would add a {@code Content-Length}
 * header the client never sent and so break the SharedKey check.
 */
public final class BatchHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHttpServer.class);
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final HttpConfig config;
    private final RequestProcessor processor;
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workerGroup = new NioEventLoopGroup(2);
    private final ExecutorService requestWorkers;
    private Channel channel;
    private int port;

    public BatchHttpServer(HttpConfig config, PoolsHandler pools, JobsHandler jobs, TasksHandler tasks,
            FilesHandler files, AccountHandler account, JobSchedulesHandler schedules, StatisticsHandler statistics,
            NodesHandler nodes, ApplicationsHandler applications) {
        this.config = config;
        this.processor = new RequestProcessor(config,
                new Router(pools, jobs, tasks, files, account, schedules, statistics, nodes, applications));
        AtomicInteger n = new AtomicInteger();
        this.requestWorkers = new ThreadPoolExecutor(4, 64, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "batch-emulator-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) requestWorkers).allowCoreThreadTimeOut(true);
    }

    /** Binds and returns the port. */
    public int start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workerGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(65536, 65536, 65536));
                        ch.pipeline().addLast(new ExchangeHandler());
                    }
                });
        channel = b.bind(new InetSocketAddress("127.0.0.1", config.port())).sync().channel();
        port = ((InetSocketAddress) channel.localAddress()).getPort();
        return port;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        requestWorkers.shutdownNow();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Collects one request at a time on a connection and answers it from a worker thread. */
    private final class ExchangeHandler extends ChannelInboundHandlerAdapter {
        private HttpRequest request;
        private ByteArrayOutputStream body;
        private boolean tooLarge;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest r) {
                    request = r;
                    body = new ByteArrayOutputStream();
                    tooLarge = false;
                    if (r.decoderResult().isFailure()) {
                        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                HttpResponseStatus.BAD_REQUEST)).addListener(ChannelFutureListener.CLOSE);
                        request = null;
                        return;
                    }
                }
                if (msg instanceof HttpContent c && request != null) {
                    ByteBuf content = c.content();
                    if (body.size() + content.readableBytes() > MAX_BODY) {
                        tooLarge = true;
                    } else {
                        content.readBytes(body, content.readableBytes());
                    }
                    if (msg instanceof LastHttpContent) {
                        HttpRequest r = request;
                        byte[] bytes = body.toByteArray();
                        boolean large = tooLarge;
                        request = null;
                        body = null;
                        dispatch(ctx, r, bytes, large);
                    }
                }
            } catch (java.io.IOException e) {
                ctx.close();
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void dispatch(ChannelHandlerContext ctx, HttpRequest r, byte[] bytes, boolean large) {
            boolean keepAlive = HttpUtil.isKeepAlive(r);
            HttpHeaders h = r.headers();
            List<Map.Entry<String, String>> headerList = new ArrayList<>(h.entries());
            String method = r.method().name();
            String fallbackHost = "127.0.0.1:" + port;
            requestWorkers.execute(() -> {
                RequestProcessor.Outgoing out;
                if (large) {
                    out = RequestProcessor.error(BatchErrorCode.REQUEST_BODY_TOO_LARGE,
                            BatchErrorCode.REQUEST_BODY_TOO_LARGE.message(), List.of(), UUID.randomUUID().toString(),
                            "http://" + fallbackHost, method);
                } else {
                    out = processor.process(new RequestProcessor.Incoming(method, r.uri(), h::get, headerList, bytes,
                            fallbackHost));
                }
                write(ctx, out, keepAlive && !large);
            });
        }

        private void write(ChannelHandlerContext ctx, RequestProcessor.Outgoing out, boolean keepAlive) {
            HttpResponseStatus status = HttpResponseStatus.valueOf(out.status());
            ChannelFuture last;
            if (out.file() == null) {
                DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                        Unpooled.wrappedBuffer(out.body()));
                copyHeaders(out, response);
                if (!response.headers().contains("Content-Length")) {
                    response.headers().set("Content-Length", Integer.toString(out.body().length));
                }
                last = ctx.writeAndFlush(response);
            } else {
                HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
                copyHeaders(out, response);
                ctx.write(response);
                ctx.write(new DefaultFileRegion(out.file().toFile(), out.offset(), out.length()));
                last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static void copyHeaders(RequestProcessor.Outgoing out, HttpResponse response) {
            out.headers().forEach((k, v) -> response.headers().set(k, v));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
