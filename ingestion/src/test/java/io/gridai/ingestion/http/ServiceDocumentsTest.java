package io.gridai.ingestion.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, health and metrics endpoints of the running service. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ServiceDocumentsTest {

    @Test
    void openApiDocumentsTheFeedWithBothMediaTypesAndTheSchemas() {
        given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/v1/measurements'.post.requestBody.content.'application/json'.schema.items.'$ref'",
                        equalTo("#/components/schemas/MeasurementInput"))
                .body("paths.'/v1/measurements'.post.requestBody.content.'text/csv'", notNullValue())
                .body("paths.'/v1/measurements'.post.responses.keySet()",
                        hasItems("200", "400", "401", "403", "413", "429", "503"))
                .body("paths.'/v1/measurements'.post.responses.'503'.headers.'Retry-After'", notNullValue())
                .body("paths.'/v1/measurements'.post.responses.'429'.headers.'Retry-After'", notNullValue())
                .body("components.schemas.MeasurementInput.required", hasItems("asset", "kind", "value", "unit",
                        "time"))
                .body("components.schemas.BatchReport.properties.results.items.'$ref'",
                        equalTo("#/components/schemas/RecordResult"))
                .body("components.schemas.RecordResult.properties.keySet()", hasItems("index", "status",
                        "measurementId", "reason", "message"));
    }

    @Test
    void readinessIsUpWhenTheBrokerHasTheTopics() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka topics of ingestion"));
    }

    @Test
    void metricsCountRecordsPerSourceForPrometheus() {
        Feed.postJson(Feed.UTILITY_A_KEY, Feed.array(Feed.json("gen-1", "ACTIVE_POWER", "1", "MW", Feed.freshTime(),
                null))).statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("gridai_ingestion_records_total{outcome=\"accepted\",reason=\"none\","
                        + "source=\"utility-a\"}"))
                .body(containsString("gridai_ingestion_kafka_ack_seconds_count"));
    }
}
