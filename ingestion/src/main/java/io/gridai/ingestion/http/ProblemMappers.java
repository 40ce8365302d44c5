package io.gridai.ingestion.http;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals raised by the HTTP layer itself, answered as problem documents like the feed's own. */
public class ProblemMappers {

    /** A body in another media type: say which ones the feed takes. */
    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return Responses.unsupportedMediaType();
    }
}
