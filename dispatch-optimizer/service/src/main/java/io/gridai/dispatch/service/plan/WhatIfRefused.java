package io.gridai.dispatch.service.plan;

/** A what-if request that cannot be run as asked: the message says what is wrong and what to send instead. */
public final class WhatIfRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /** A request that is wrong (HTTP 400). */
    public WhatIfRefused(String message) {
        this(400, message);
    }

    /** @param httpStatus 400 for a wrong request, 503 when the service cannot run one yet */
    public WhatIfRefused(int httpStatus, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
