package io.gridai.model;

/** What kind of actor an audit event records. */
public enum ActorType {
    /** A human operator, named by their login. */
    OPERATOR,
    /** A science agent, named by its {@link io.gridai.model.id.AgentId}. */
    AGENT,
    /** A GridAI service acting on its own (optimiser, storage manager, ingestion). */
    SERVICE,
    /** The platform itself (start-up, configuration, key rotation). */
    SYSTEM
}
