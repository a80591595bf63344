package io.batchroutes.app;

public final class BatchRoutesMain {
    public static void main(String[] args) {
    }
}
