package io.gridai.model;

/** What an {@link Aggregate} summarises: one asset, or every asset of a substation or of a zone. */
public enum AggregateScope {
    /** One asset's readings of one kind. */
    ASSET,
    /** The readings of one kind of every asset in a substation. */
    SUBSTATION,
    /** The readings of one kind of every asset in a zone. */
    ZONE
}
