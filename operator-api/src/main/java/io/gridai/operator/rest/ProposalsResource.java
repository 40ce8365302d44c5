package io.gridai.operator.rest;

import io.gridai.model.id.ProposalId;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.operator.proposals.ProposalRefusal;
import io.gridai.operator.proposals.ProposalState;
import io.gridai.operator.proposals.ProposalView;
import io.gridai.operator.proposals.Proposals;
import io.gridai.operator.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agents' proposals awaiting the operators' decision: approve (four eyes from a risk on) or reject. */
@Path("/api/v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "proposals", description = "Agent proposals awaiting decision; approval (four-eyes for high risk) and rejection")
public class ProposalsResource {

    /** Longest reason. */
    public static final int MAX_REASON = 1000;

    private final Proposals proposals;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public ProposalsResource(Proposals proposals, JsonWebToken token, SecurityIdentity identity) {
        this.proposals = proposals;
        this.token = token;
        this.identity = identity;
    }

    /** The body of an approval or a rejection: why (required). */
    public record DecisionRequest(@Schema(description = "why (required, at most 1000 characters)") String reason) {
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The proposals held (newest first), with approvals and decision (role viewer)")
    public List<ProposalView> list(@Parameter(description = "PENDING, APPROVED or REJECTED") @QueryParam("state")
            String state) {
        return proposals.book().list(parseState(state));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One proposal (role viewer)")
    @APIResponse(responseCode = "404", description = "no such proposal held",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProposalView get(@PathParam("id") String id) {
        ProposalId pid = parseId(id);
        return proposals.book().get(pid).orElseThrow(() -> new ProblemException(Problem.Kind.NOT_FOUND,
                "no proposal " + id + " among the proposals held (grid.proposals since"
                        + " gridai.operator.proposals.lookback)"));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a proposal (role operator); from gridai.operator.proposals.four-eyes-from on it"
            + " needs a second approval by a different person, from supervisor-from on one of them a supervisor")
    @APIResponse(responseCode = "200", description = "approval recorded; the proposal's state says whether it is"
            + " now APPROVED or still PENDING a second person")
    @APIResponse(responseCode = "400", description = "no reason, or one over 1000 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "a supervisor must give this approval",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "four-eyes: you approved it already; or it is decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProposalView approve(@PathParam("id") String id, DecisionRequest body) {
        ProposalId pid = parseId(id);
        String reason = reason(body);
        return decide(() -> proposals.approve(pid, token.getSubject(), identity.hasRole(Role.SUPERVISOR_NAME),
                reason));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a proposal (role operator), with a reason")
    @APIResponse(responseCode = "200", description = "rejected")
    @APIResponse(responseCode = "400", description = "no reason, or one over 1000 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProposalView reject(@PathParam("id") String id, DecisionRequest body) {
        ProposalId pid = parseId(id);
        String reason = reason(body);
        return decide(() -> proposals.reject(pid, token.getSubject(), reason));
    }

    private static ProposalView decide(java.util.function.Supplier<ProposalView> action) {
        try {
            return action.get();
        } catch (ProposalRefusal r) {
            Problem.Kind kind = switch (r.why()) {
                case NOT_FOUND -> Problem.Kind.NOT_FOUND;
                case ALREADY_DECIDED -> Problem.Kind.PROPOSAL_DECIDED;
                case SAME_PERSON -> Problem.Kind.FOUR_EYES;
                case SUPERVISOR_REQUIRED -> Problem.Kind.FORBIDDEN;
                case NOT_READY -> Problem.Kind.UNAVAILABLE;
            };
            throw new ProblemException(kind, r.getMessage(), r.facts());
        } catch (AuditTrail.AuditException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "nothing decided: " + e.getMessage());
        } catch (Proposals.NotPublished e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "the decision is recorded in the audit chain but not"
                    + " yet on grid.proposal-decisions (" + e.getMessage() + "); the service publishes it again by"
                    + " itself, do not decide again");
        }
    }

    private static String reason(DecisionRequest body) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty()) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST,
                    "a reason is required: send {\"reason\": \"...\"} saying why");
        }
        if (reason.length() > MAX_REASON) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST,
                    "the reason has " + reason.length() + " characters; at most " + MAX_REASON);
        }
        return reason;
    }

    private static ProposalId parseId(String id) {
        try {
            return ProposalId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "not a proposal id: " + e.getMessage());
        }
    }

    private static Optional<ProposalState> parseState(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProposalState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST,
                    "state is " + state + "; give PENDING, APPROVED or REJECTED");
        }
    }
}
