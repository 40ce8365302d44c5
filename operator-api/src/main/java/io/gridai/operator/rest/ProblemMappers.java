package io.gridai.operator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal as an RFC 7807 problem detail, including the security layer's: a missing token
 * ({@link UnauthorizedException}), a token that does not verify, e.g. expired or signed by another key
 * ({@link AuthenticationFailedException}; authentication is not proactive, see application.properties, so that these
 * reach the REST layer), and a role too low ({@link ForbiddenException}). Expected refusals are logged at DEBUG
 * without a stack trace; only unexpected failures (500) are logged with one.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** RFC 6750: a 401 tells the client which scheme to use. */
    private static final String BEARER_CHALLENGE = "Bearer";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        LOG.debugf("refused %s %s: %s %s", request.method(), request.path(), e.kind().status(), e.getMessage());
        return e.kind().problem(e.getMessage(), request.path(), e.extensions()).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request, request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? "no bearer token; send Authorization: Bearer <token>"
                : "the bearer token was not accepted");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        // The reason (expired, bad signature, wrong issuer) is the verifier's; say which without echoing the token.
        return unauthorized(request, "the bearer token is not valid (expired, not signed by a trusted key, wrong issuer"
                + " or missing claims)");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        LOG.debugf("forbidden %s %s", request.method(), request.path());
        return Problem.Kind.FORBIDDEN.problem("your roles do not allow " + request.method() + " " + request.path(),
                request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(jakarta.ws.rs.ForbiddenException e, HttpServerRequest request) {
        return forbidden(new ForbiddenException(), request);
    }

    @ServerExceptionMapper
    public Response unreadable(MismatchedInputException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        Problem.Kind kind = Problem.Kind.ofStatus(status);
        if (status >= 500) {
            LOG.errorf(e, "failed %s %s", request.method(), request.path());
        }
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? kind.title() : e.getMessage();
        return new Problem(kind.type(), kind.title(), status, detail, request.path(), null).toResponse();
    }

    private static Response badJson(JsonProcessingException e, HttpServerRequest request) {
        return Problem.Kind.BAD_REQUEST.problem("the body is not the JSON expected: " + e.getOriginalMessage(),
                request.path()).toResponse();
    }

    private static Response unauthorized(HttpServerRequest request, String detail) {
        LOG.debugf("unauthenticated %s %s: %s", request.method(), request.path(), detail);
        return Response.fromResponse(Problem.Kind.UNAUTHORIZED.problem(detail, request.path()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE).build();
    }
}
