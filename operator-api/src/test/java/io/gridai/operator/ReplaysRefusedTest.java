package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The replays' refusals, with replays not configured (no {@code gridai.operator.replay.class-path}, as when the
 * replay module is not built): starting one answers 503 saying how to enable them; a bad sandbox name, date or speed
 * 400 naming what is wrong; a viewer may not start one (403); steering or reading a sandbox with no replay 404.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class ReplaysRefusedTest {

    private static RequestSpecification as(String subject, String role) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, role)).contentType("application/json");
    }

    private static RequestSpecification operator() {
        return as("olga", "operator");
    }

    @Test
    void withoutTheReplayModuleAStartAnswers503SayingHowToEnableReplays() {
        operator().body("{\"sandbox\":\"week-1\",\"from\":\"2020-07-06\",\"to\":\"2020-07-13\"}")
                .post("/api/v1/replays").then().statusCode(503)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:unavailable"))
                .body("detail", containsString("replays are not configured"))
                .body("detail", containsString("gridai.operator.replay.class-path"))
                .body("detail", containsString("./mvnw -pl replay -am package"));
    }

    @Test
    void badRequestsAreRefusedWithWhatIsWrong() {
        operator().body("{\"sandbox\":\"Week 1\",\"from\":\"2020-07-06\",\"to\":\"2020-07-13\"}")
                .post("/api/v1/replays").then().statusCode(400)
                .body("type", equalTo("urn:gridai:problem:bad-request"))
                .body("detail", containsString("sandbox name 'Week 1' may hold only lower-case letters"));
        operator().body("{\"sandbox\":\"week-1\",\"from\":\"2020-13-06\",\"to\":\"2020-07-13\"}")
                .post("/api/v1/replays").then().statusCode(400)
                .body("detail", containsString("from '2020-13-06' is neither a date (2020-07-06, UTC) nor an instant"));
        operator().body("{\"sandbox\":\"week-1\",\"from\":\"2020-07-13\",\"to\":\"2020-07-06\"}")
                .post("/api/v1/replays").then().statusCode(400)
                .body("detail", containsString("the replay window is empty"));
        operator().body("{\"sandbox\":\"week-1\",\"from\":\"2020-07-06\",\"to\":\"2020-07-13\",\"speed\":\"-3\"}")
                .post("/api/v1/replays").then().statusCode(400)
                .body("detail", containsString("speed '-3' is not a speed; give a positive factor"));
        operator().body("{\"sandbox\":\"week-1\",\"to\":\"2020-07-13\"}")
                .post("/api/v1/replays").then().statusCode(400)
                .body("detail", containsString("from and to are required"));
        operator().post("/api/v1/replays/Not_A_Sandbox/pause").then().statusCode(400)
                .body("detail", containsString("sandbox name 'Not_A_Sandbox'"));
    }

    @Test
    void aViewerMayLookButNotStartOrSteer() {
        as("vera", "viewer").body("{\"sandbox\":\"week-1\",\"from\":\"2020-07-06\",\"to\":\"2020-07-13\"}")
                .post("/api/v1/replays").then().statusCode(403)
                .body("type", equalTo("urn:gridai:problem:forbidden"));
        as("vera", "viewer").post("/api/v1/replays/week-1/stop").then().statusCode(403);
        as("vera", "viewer").get("/api/v1/replays").then().statusCode(200);
        given().get("/api/v1/replays").then().statusCode(401);
    }

    @Test
    void theOpenApiDocumentNamesTheRolesAndProblems() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/replays'.post.security[0].bearer", equalTo(java.util.List.of("operator")))
                .body("paths.'/api/v1/replays'.get.security[0].bearer", equalTo(java.util.List.of("viewer")))
                .body("paths.'/api/v1/replays/{sandbox}'.get.security[0].bearer", equalTo(java.util.List.of("viewer")))
                .body("paths.'/api/v1/replays/{sandbox}/stop'.post.security[0].bearer",
                        equalTo(java.util.List.of("operator")))
                .body("paths.'/api/v1/replays'.post.responses.'503'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/replays'.post.responses.'409'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void steeringOrReadingASandboxWithNoReplayIsNotFound() {
        operator().post("/api/v1/replays/nobody-here/pause").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:not-found"))
                .body("detail", containsString("no replay of sandbox nobody-here is running"))
                .body("sandbox", equalTo("nobody-here"));
        operator().post("/api/v1/replays/nobody-here/resume").then().statusCode(404);
        as("vera", "viewer").get("/api/v1/replays/nobody-here").then().statusCode(404)
                .body("detail", containsString("no replay of sandbox nobody-here is known"));
    }
}
