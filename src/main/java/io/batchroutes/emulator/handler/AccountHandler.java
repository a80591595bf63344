package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.service.AccountService;

/** {@code /supportedimages}. */
public final class AccountHandler {
    private final AccountService account;

    public AccountHandler(AccountService account) {
        this.account = account;
    }

    public Reply listSupportedImages(ApiRequest r) {
        return Reply.list(account.supportedImages(), "supportedimages");
    }
}
