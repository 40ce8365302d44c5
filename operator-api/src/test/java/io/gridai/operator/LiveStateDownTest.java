package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.hazelcast.core.HazelcastInstance;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service starts and answers without a reachable Hazelcast member and without a grid case: the live endpoints are
 * 503 problems, the live-state health check is DOWN (readiness is not), the network view and overrides are 503s naming
 * the key to set; once a member comes up at the configured address the client connects by itself and the live
 * endpoints answer.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@TestProfile(LiveStateDownTest.NoMemberNoCase.class)
class LiveStateDownTest {

    static final String CLUSTER = "gridai-operator-down-test";
    static final String PORT_PROPERTY = "gridai.test.live-state.down-port";

    /** A port nothing listens on (yet), the same in every class loader. */
    static synchronized int port() {
        String held = System.getProperty(PORT_PROPERTY);
        if (held == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                held = Integer.toString(s.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, held);
        }
        return Integer.parseInt(held);
    }

    public static class NoMemberNoCase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.operator.live-state.addresses", "127.0.0.1:" + port(),
                    "gridai.operator.live-state.cluster-name", CLUSTER,
                    "gridai.operator.live-state.reconnect-max-backoff", "PT1S",
                    "gridai.operator.grid.case-file", "");
        }
    }

    private static String token(String role) {
        return "Bearer " + TestTokens.token("vera", role);
    }

    @Test
    void withoutAGridCaseTheNetworkAndOverridesSayWhichKeyToSet() {
        given().header("Authorization", token("viewer")).get("/api/v1/network").then().statusCode(503)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:unavailable"))
                .body("detail", containsString("gridai.operator.grid.case-file"));
        given().header("Authorization", token("operator")).contentType("application/json")
                .body("{\"kind\":\"ACTIVE_POWER\",\"target\":5,\"validFor\":\"PT5M\",\"reason\":\"test\"}")
                .post("/api/v1/setpoints/gen-2-1/override").then().statusCode(503)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("gridai.operator.grid.case-file"));
    }

    @Test
    void unavailableUntilAMemberComesUpThenConnected() {
        given().header("Authorization", token("viewer")).get("/api/v1/assets").then().statusCode(503)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:unavailable"))
                .body("detail", containsString("live state is unavailable"))
                .body("detail", containsString(CLUSTER));
        given().header("Authorization", token("viewer")).get("/api/v1/assets/gen-2-1").then().statusCode(503);
        given().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'Hazelcast live state' }.status", equalTo("DOWN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        HazelcastInstance member = LiveStateMember.start(CLUSTER, port(), false);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", token("viewer"))
                    .get("/api/v1/assets").statusCode() == 200);
            given().get("/q/health").then().statusCode(200)
                    .body("checks.find { it.name == 'Hazelcast live state' }.status", equalTo("UP"));
        } finally {
            member.shutdown();
        }
    }
}
