package io.batchroutes.emulator.http;

import java.time.Duration;

/**
 * Settings of the HTTP layer.
 *
 * @param bindAddress    the loopback address to listen on; with the loopback names, the only {@code Host} accepted
 * @param faultRate      fraction of authenticated requests answered with {@code faultStatus} instead (fault injection)
 * @param faultStatus    503 ({@code ServerBusy}) or 429 ({@code TooManyRequests})
 * @param faultPath      only requests whose path contains this are faulted; null: any
 * @param latency        added before every response
 * @param idleTimeout    a connection with nothing received or sent and no request being answered for this long is
 *                       closed
 * @param requestTimeout a request must arrive whole within this long of its first byte, else the connection is closed
 * @param maxConnections connections open at once; one more is closed at once
 */
public record HttpConfig(String bindAddress, int port, String accountName, String accountKey, boolean lenientAuth,
        double faultRate, int faultStatus, String faultPath, Duration latency, Duration idleTimeout, Duration requestTimeout,
        int maxConnections) {
}
