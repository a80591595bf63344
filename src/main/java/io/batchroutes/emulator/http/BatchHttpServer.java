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
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty HTTP/1.1 server on the loopback address. Netty keeps response header names exactly as written, which the
 * Java SDK needs. Per connection: {@link IdleStateHandler} (idle connections are closed), the codec, a
 * {@link ReceiveDeadline} (a request must arrive whole in time), the {@link RequestGate} (Host and SharedKey on the
 * headers: an unauthenticated body is never buffered), the {@link BodyAggregator} (bodies up to {@link #MAX_BODY}),
 * and the {@link OrderedExchange} (requests answered on a worker pool, responses written in request order). The event
 * loop only reads and writes.
 */
public final class BatchHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHttpServer.class);
    /** The service's limit for a task collection (1 MiB), applied to every request body. */
    public static final int MAX_BODY = 1024 * 1024;
    /** Requests received on one connection and not yet answered before it stops reading more. */
    static final int MAX_PIPELINED = 16;

    private final HttpConfig config;
    private final RequestProcessor processor;
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workerGroup = new NioEventLoopGroup(2);
    private final ExecutorService requestWorkers = RequestWorkers.create(64);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong refusedConnections = new AtomicLong();
    private Channel channel;
    private int port;

    public BatchHttpServer(HttpConfig config, PoolsHandler pools, JobsHandler jobs, TasksHandler tasks,
            FilesHandler files, AccountHandler account, JobSchedulesHandler schedules, StatisticsHandler statistics,
            NodesHandler nodes, ApplicationsHandler applications) {
        this.config = config;
        this.processor = new RequestProcessor(config,
                new Router(pools, jobs, tasks, files, account, schedules, statistics, nodes, applications));
    }

    /** Binds and returns the port. */
    public int start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workerGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > config.maxConnections()) {
                            connections.decrementAndGet();
                            long refused = refusedConnections.incrementAndGet();
                            if (Long.bitCount(refused) == 1) { // 1st, 2nd, 4th, 8th ...: a flood is not a log flood
                                LOG.warn("{} connections open, the most allowed: closed a new one ({} so far)",
                                        config.maxConnections(), refused);
                            }
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        String fallbackHost = config.bindAddress() + ":" + port;
                        ReceiveDeadline deadline = new ReceiveDeadline(config.requestTimeout());
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(deadline.bytesIn())
                                .addLast(new HttpServerCodec(65536, 65536, 65536))
                                .addLast(deadline.requestsOut())
                                .addLast(new RequestGate(processor, fallbackHost, MAX_BODY))
                                .addLast(new BodyAggregator(processor, fallbackHost, MAX_BODY))
                                .addLast(new OrderedExchange(processor, requestWorkers, fallbackHost, MAX_PIPELINED));
                    }
                });
        channel = b.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
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
}
