package io.gridai.protocols.live;

/** What happened on a field connection besides values: counted by whoever listens ({@link FieldSink#event}). */
public enum FieldEvent {
    /** Connected (IEC 104: and data transfer started). */
    CONNECTED,
    /** A connection that was up is gone; the client reconnects after its back-off. */
    DISCONNECTED,
    /** A connection attempt failed; the client tries again after its back-off. */
    CONNECT_FAILED,
    /** A general interrogation was sent (on connect and periodically). */
    INTERROGATION,
    /** The device answered a read with a Modbus exception (e.g. 2, illegal data address). */
    EXCEPTION_RESPONSE,
    /** The device did not answer in time. */
    TIMEOUT,
    /** A value arrived for an address the point map does not have: ignored. */
    UNMAPPED_POINT,
    /** An ASDU type this client does not turn into measurements (commands, counters, bit strings, …): ignored. */
    UNSUPPORTED_TYPE,
    /** A double point in its intermediate or indeterminate state: no value to give, ignored. */
    INDETERMINATE
}
