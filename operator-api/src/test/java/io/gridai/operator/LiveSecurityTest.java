package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SecurityTest's checks for the live-state, network, history and override endpoints (which need the Hazelcast member
 * and the grid case to answer 200/201): a missing, expired, foreign-key, other-issuer or non-JWT token is a 401, a
 * role too low or none a 403, each a problem detail; the endpoint's own role and a higher one pass.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(LiveStateMember.class)
class LiveSecurityTest {

    /** An endpoint, the lowest role it needs, one below, one above, and what it answers when allowed. */
    record Endpoint(String name, String role, String tooLow, String higher, String path, String method, int ok) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void liveValue() {
        LiveStateWriter.put("gen-sec-1", MeasurementKind.ACTIVE_POWER, 10, Instant.now());
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("GET /api/v1/assets", "viewer", "guest", "admin", "/api/v1/assets", "GET", 200),
                new Endpoint("GET /api/v1/assets/{asset}", "viewer", "guest", "operator", "/api/v1/assets/gen-sec-1",
                        "GET", 200),
                new Endpoint("GET /api/v1/assets/{asset}/history", "viewer", "guest", "supervisor",
                        "/api/v1/assets/gen-sec-1/history", "GET", 200),
                new Endpoint("GET /api/v1/network", "viewer", "guest", "admin", "/api/v1/network", "GET", 200),
                new Endpoint("POST /api/v1/setpoints/{asset}/override", "operator", "viewer", "supervisor",
                        "/api/v1/setpoints/bess-1/override", "POST", 201));
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
                .body("instance", equalTo(endpoint.path()));
        if (status == 401) {
            r.header("WWW-Authenticate", containsString("Bearer"));
        }
    }

    @ParameterizedTest(name = "{0}: its own role passes")
    @MethodSource("endpoints")
    void theRoleItNeedsPasses(Endpoint endpoint) {
        call(endpoint, TestTokens.token("alice", endpoint.role())).then().statusCode(endpoint.ok())
                .contentType(containsString("application/json"));
    }

    @ParameterizedTest(name = "{0}: a higher role passes")
    @MethodSource("endpoints")
    void aHigherRolePasses(Endpoint endpoint) {
        call(endpoint, TestTokens.token("bob", endpoint.higher())).then().statusCode(endpoint.ok());
    }

    private static io.restassured.response.Response call(Endpoint endpoint, String token) {
        RequestSpecification spec = given();
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return endpoint.method().equals("POST")
                ? spec.contentType("application/json")
                        .body("{\"kind\":\"ACTIVE_POWER\",\"target\":5,\"validFor\":\"PT5M\",\"reason\":\"test\"}")
                        .post(endpoint.path())
                : spec.get(endpoint.path());
    }
}
