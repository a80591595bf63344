package io.batchroutes.emulator.http;

/**
 * A request answered without reaching a handler (refused Host, failed SharedKey, body too large, not HTTP): passed
 * down the pipeline in its place so that its answer is written in request order. {@code close}: close the
 * connection once it is written.
 */
record Rejected(RequestProcessor.Outgoing response, boolean close) {
}
