package io.batchroutes.emulator.service;

import java.util.List;

/**
 * One page of a list, cut by the service so that only the page is copied out of the store.
 *
 * @param nextSkip where the next page starts, or -1 when this is the last
 */
public record ListPage<T>(List<T> items, int nextSkip) {
}
