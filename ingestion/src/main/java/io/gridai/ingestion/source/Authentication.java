package io.gridai.ingestion.source;

/** What the source registry made of a presented credential. */
public sealed interface Authentication {

    /** The credential belongs to this source (which may be revoked). */
    record Known(ApprovedSource source) implements Authentication {
    }

    /** No credential, or one no source has; {@code detail} says which, without echoing the secret. */
    record Unknown(String detail) implements Authentication {
    }
}
