package io.batchroutes.emulator.http;

import java.time.Duration;

/**
 * Settings of the HTTP layer.
 *
 * @param faultRate   fraction of authenticated requests answered with {@code faultStatus} instead (fault injection)
 * @param faultStatus 503 ({@code ServerBusy}) or 429 ({@code TooManyRequests})
 * @param latency     added before every response
 */
public record HttpConfig(int port, String accountName, String accountKey, boolean lenientAuth, double faultRate,
        int faultStatus, Duration latency) {
}
