package io.gridai.dispatch.service.rest;

import java.util.Map;

import io.gridai.dispatch.service.plan.WhatIfRefused;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request as {@code {"status": 400, "error": "..."}}, without a stack trace. */
@Provider
public class ProblemMapper implements ExceptionMapper<WhatIfRefused> {

    @Override
    public Response toResponse(WhatIfRefused e) {
        return problem(e.httpStatus(), e.getMessage());
    }

    static Response problem(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", message)).build();
    }
}
