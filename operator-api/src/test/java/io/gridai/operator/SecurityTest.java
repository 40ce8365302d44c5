package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.AlertState;
import io.gridai.model.RiskLevel;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint refuses a missing token, an expired one, one signed by another key, one of another issuer (401) and
 * one whose roles are too low (403), each with a problem detail; the role it needs, and any role above it, passes.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class SecurityTest {

    /** An endpoint, the lowest role it needs, a role below that, and how to call it. */
    record Endpoint(String name, String role, String tooLow, String higher, Supplier<String> path, String method) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("GET /api/v1/alerts", "viewer", "guest", "admin", () -> "/api/v1/alerts", "GET"),
                new Endpoint("GET /api/v1/me", "viewer", "guest", "supervisor", () -> "/api/v1/me", "GET"),
                new Endpoint("GET /api/v1/zones", "viewer", "guest", "operator", () -> "/api/v1/zones", "GET"),
                new Endpoint("GET /api/v1/zones/{zone}/load", "viewer", "guest", "admin",
                        () -> "/api/v1/zones/" + PublishedZone.zone() + "/load", "GET"),
                new Endpoint("GET /api/v1/zones/{zone}/forecast", "viewer", "guest", "supervisor",
                        () -> "/api/v1/zones/" + PublishedZone.zone() + "/forecast", "GET"),
                new Endpoint("GET /api/v1/zones/{zone}/forecasts", "viewer", "guest", "operator",
                        () -> "/api/v1/zones/" + PublishedZone.zone() + "/forecasts", "GET"),
                // A fresh alert for each acknowledgement, so that the right role gets 200, not 409.
                new Endpoint("POST /api/v1/alerts/{id}/ack", "operator", "viewer", "supervisor",
                        () -> "/api/v1/alerts/" + Alerts.published(Publish.alert("sec-asset", AlertState.RAISED,
                                Instant.now())).id() + "/ack", "POST"),
                new Endpoint("GET /api/v1/proposals", "viewer", "guest", "operator", () -> "/api/v1/proposals", "GET"),
                new Endpoint("GET /api/v1/proposals/{id}", "viewer", "guest", "admin",
                        () -> "/api/v1/proposals/" + PublishedProposals.publish(RiskLevel.LOW).id().value(), "GET"),
                // A fresh low-risk proposal for each decision, so that the right role gets 200, not 409.
                new Endpoint("POST /api/v1/proposals/{id}/approve", "operator", "viewer", "supervisor",
                        () -> "/api/v1/proposals/" + PublishedProposals.publish(RiskLevel.LOW).id().value()
                                + "/approve", "POST"),
                new Endpoint("GET /api/v1/setpoints", "viewer", "guest", "operator", () -> "/api/v1/setpoints", "GET"),
                new Endpoint("GET /api/v1/setpoints/history", "viewer", "guest", "admin",
                        () -> "/api/v1/setpoints/history", "GET"),
                new Endpoint("GET /api/v1/dispatch/solves", "viewer", "guest", "operator",
                        () -> "/api/v1/dispatch/solves", "GET"),
                new Endpoint("GET /api/v1/dispatch/solves/latest", "viewer", "guest", "supervisor",
                        () -> "/api/v1/dispatch/solves/latest", "GET"),
                new Endpoint("GET /api/v1/health", "viewer", "guest", "admin", () -> "/api/v1/health", "GET"),
                new Endpoint("GET /api/v1/replays", "viewer", "guest", "operator", () -> "/api/v1/replays", "GET"),
                new Endpoint("POST /api/v1/proposals/{id}/reject", "operator", "viewer", "admin",
                        () -> "/api/v1/proposals/" + PublishedProposals.publish(RiskLevel.LOW).id().value()
                                + "/reject", "POST"));
    }

    static Stream<Arguments> refusals() {
        return endpoints().flatMap(e -> Stream.of(
                Arguments.of(e, "missing", null, 401),
                Arguments.of(e, "expired", TestTokens.expired("alice", e.role()), 401),
                Arguments.of(e, "another key", TestTokens.foreignKey("alice", e.role()), 401),
                Arguments.of(e, "another issuer", TestTokens.otherIssuer("alice", e.role()), 401),
                Arguments.of(e, "not a JWT", "not-a-token", 401),
                Arguments.of(e, "role too low", TestTokens.token("alice", e.tooLow()), 403),
                Arguments.of(e, "no roles", TestTokens.token("alice"), 403)));
    }

    @ParameterizedTest(name = "{0}: {1} token -> {3}")
    @MethodSource("refusals")
    void refusedWithAProblemDetail(Endpoint endpoint, String what, String token, int status) {
        ValidatableResponse r = call(endpoint, token).then().statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo(status == 401 ? "urn:gridai:problem:unauthorized" : "urn:gridai:problem:forbidden"))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()))
                .body("instance", containsString("/api/v1/"));
        if (status == 401) {
            r.header("WWW-Authenticate", containsString("Bearer"));
        }
    }

    @ParameterizedTest(name = "{0}: its own role passes")
    @MethodSource("endpoints")
    void theRoleItNeedsPasses(Endpoint endpoint) {
        call(endpoint, TestTokens.token("alice", endpoint.role())).then().statusCode(200)
                .contentType(containsString("application/json"));
    }

    @ParameterizedTest(name = "{0}: a higher role passes")
    @MethodSource("endpoints")
    void aHigherRolePasses(Endpoint endpoint) {
        call(endpoint, TestTokens.token("bob", endpoint.higher())).then().statusCode(200);
    }

    private static io.restassured.response.Response call(Endpoint endpoint, String token) {
        String path = endpoint.path().get();
        RequestSpecification spec = given();
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return endpoint.method().equals("POST")
                ? spec.contentType("application/json").body("{\"comment\":\"seen\",\"reason\":\"seen\"}").post(path)
                : spec.get(path);
    }
}
