package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.ActorType;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Alerts published to {@code grid.alerts} as the Flink jobs would appear in the API, newest first and filtered; an
 * acknowledgement holds once, is written to the service's audit chain, and the chain stays intact.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class AlertsTest {

    private static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, roles));
    }

    @Test
    void publishedAlertsAreListedNewestFirstAndFiltered() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Alert older = Publish.alert("list-bus-1", AlertState.RAISED, t.minusSeconds(60));
        Alert newer = Publish.alert("list-bus-1", AlertState.CLEARED, t);
        Alert other = Publish.alert("list-bus-2", AlertState.RAISED, t.minusSeconds(30));
        Alerts.published(older);
        Alerts.published(newer);
        Alerts.published(other);

        JsonPath all = as("vera", "viewer").get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        List<String> ids = all.getList("id", String.class);
        assertThat(ids).containsSubsequence(newer.id().value(), other.id().value(), older.id().value());

        as("vera", "viewer").queryParam("asset", "list-bus-1").get("/api/v1/alerts").then().statusCode(200)
                .body("id", equalTo(List.of(newer.id().value(), older.id().value())))
                .body("[0].state", equalTo("CLEARED"))
                .body("[0].type", equalTo("VOLTAGE_HIGH"))
                .body("[0].kind", equalTo("VOLTAGE"))
                .body("[0].value", equalTo(145.0f))
                .body("[0].time", equalTo(t.toString()))
                .body("[0].acknowledged", equalTo(false))
                .body("[0].acknowledgement", nullValue());
        as("vera", "viewer").queryParam("asset", "list-bus-1").queryParam("state", "RAISED").get("/api/v1/alerts")
                .then().statusCode(200).body("id", equalTo(List.of(older.id().value())));
        as("vera", "viewer").queryParam("state", "SOMETIMES").get("/api/v1/alerts").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:bad-request"))
                .body("detail", containsString("RAISED or CLEARED"))
                .body("instance", equalTo("/api/v1/alerts"));
    }

    @Test
    void anAcknowledgementHoldsOnceAndIsAudited() {
        Alert alert = Alerts.published(Publish.alert("ack-bus-1", AlertState.RAISED, Instant.now()));
        String path = "/api/v1/alerts/" + alert.id().value() + "/ack";
        try (TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT)) {
            as("olga", "operator").contentType("application/json").body("{\"comment\":\"crew dispatched\"}").post(path)
                    .then().statusCode(200)
                    .body("alert.id", equalTo(alert.id().value()))
                    .body("alert.acknowledged", equalTo(true))
                    .body("alert.acknowledgement.by", equalTo("olga"))
                    .body("alert.acknowledgement.comment", equalTo("crew dispatched"));

            // The audit event is on grid.audit when the answer comes (acks=all), in the service's chain.
            List<ConsumerRecord<String, AuditEvent>> records = audit.newRecords();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("operator-api");
            AuditEvent event = records.get(0).value();
            assertThat(event.actorType()).isEqualTo(ActorType.OPERATOR);
            assertThat(event.actor()).isEqualTo("olga");
            assertThat(event.action()).isEqualTo("alert.acknowledge");
            assertThat(event.subject()).isEqualTo(alert.id().value());
            assertThat(event.details()).containsEntry("comment", "crew dispatched").containsEntry("asset", "ack-bus-1");

            // A second acknowledgement, by anyone, is refused and says who acknowledged it and when.
            as("sam", "supervisor").contentType("application/json").body("{\"comment\":\"me too\"}").post(path)
                    .then().statusCode(409)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:alert-already-acknowledged"))
                    .body("status", equalTo(409))
                    .body("acknowledgedBy", equalTo("olga"))
                    .body("acknowledgedAt", equalTo(event.time().toString()))
                    .body("detail", containsString("olga"))
                    .body("instance", equalTo(path));
            assertThat(audit.newRecords()).hasSize(1);

            as("vera", "viewer").queryParam("asset", "ack-bus-1").get("/api/v1/alerts").then().statusCode(200)
                    .body("[0].acknowledged", equalTo(true))
                    .body("[0].acknowledgement.by", equalTo("olga"))
                    .body("[0].acknowledgement.at", equalTo(event.time().toString()))
                    .body("[0].acknowledgement.auditSequence", equalTo((int) event.sequence()));
        }
    }

    @Test
    void anAcknowledgementWithoutABodyIsAllowed() {
        Alert alert = Alerts.published(Publish.alert("ack-bus-2", AlertState.RAISED, Instant.now()));
        as("olga", "operator").contentType("application/json").post("/api/v1/alerts/" + alert.id().value() + "/ack")
                .then().statusCode(200).body("alert.acknowledgement.comment", equalTo(""));
    }

    @Test
    void unknownMalformedAndInvalidRequestsAreProblems() {
        String unknown = "/api/v1/alerts/no-such-alert/ack";
        as("olga", "operator").contentType("application/json").body("{\"comment\":\"x\"}").post(unknown).then()
                .statusCode(404).contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:not-found"))
                .body("instance", equalTo(unknown));
        as("olga", "operator").contentType("application/json").body("{}").post("/api/v1/alerts/_bad/ack").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("detail", containsString("not an alert id"));

        Alert alert = Alerts.published(Publish.alert("ack-bus-3", AlertState.RAISED, Instant.now()));
        String path = "/api/v1/alerts/" + alert.id().value() + "/ack";
        as("olga", "operator").contentType("application/json").body("{\"comment\": ").post(path).then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:bad-request"));
        as("olga", "operator").contentType("application/json")
                .body("{\"comment\":\"" + "x".repeat(1001) + "\"}").post(path).then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("detail", containsString("at most 1000"));
        // A body that is not JSON is refused as a problem too.
        as("olga", "operator").contentType("text/plain").body("ok").post(path).then().statusCode(415)
                .contentType(containsString("application/problem+json"));
        // Nothing was acknowledged by the refused requests.
        as("vera", "viewer").queryParam("asset", "ack-bus-3").get("/api/v1/alerts").then()
                .body("[0].acknowledged", equalTo(false));
        // A path that is no endpoint is a problem too.
        as("vera", "viewer").get("/api/v1/nothing-here").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void theServiceAuditChainIsIntact() {
        Alert alert = Alerts.published(Publish.alert("chain-bus", AlertState.RAISED, Instant.now()));
        as("olga", "operator").contentType("application/json").body("{}")
                .post("/api/v1/alerts/" + alert.id().value() + "/ack").then().statusCode(200);
        try (TopicTail<String, AuditEvent> audit = TopicTail.fromBeginning(Topics.GRID_AUDIT)) {
            List<AuditEvent> chain = audit.newRecords().stream().filter(r -> "operator-api".equals(r.key()))
                    .map(ConsumerRecord::value).sorted(java.util.Comparator.comparingLong(AuditEvent::sequence)).toList();
            assertThat(chain).isNotEmpty();
            assertThat(chain.get(0).sequence()).isZero();
            assertThat(AuditEvent.verify(chain).intact()).as(AuditEvent.verify(chain).reason()).isTrue();
            assertThat(chain.get(chain.size() - 1).subject()).isEqualTo(alert.id().value());
        }
    }

    @Test
    void meSaysWhoTheTokenNames() {
        as("sam", "supervisor").get("/api/v1/me").then().statusCode(200)
                .body("subject", equalTo("sam"))
                .body("name", equalTo("sam"))
                .body("grantedRoles", equalTo(List.of("supervisor")))
                .body("effectiveRoles", equalTo(List.of("viewer", "operator", "supervisor")))
                .body("issuer", equalTo("gridai"));
    }

    @Test
    void theOpenApiDocumentNamesTheBearerScheme() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/alerts'.get.security[0].bearer", equalTo(List.of("viewer")))
                .body("paths.'/api/v1/alerts/{id}/ack'.post.security[0].bearer", equalTo(List.of("operator")))
                .body("paths.'/api/v1/me'.get.security[0].bearer", equalTo(List.of("viewer")))
                .body("paths.'/api/v1/alerts/{id}/ack'.post.responses.'409'.content.'application/problem+json'",
                        notNullValue());
    }
}
