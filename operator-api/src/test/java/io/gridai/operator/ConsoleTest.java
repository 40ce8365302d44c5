package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The console's files are served to anyone at /console/, with a policy that lets the page load nothing from elsewhere,
 * while every /api/v1 endpoint still wants a token. (The browser test in the cli module drives the page itself.)
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class ConsoleTest {

    @Test
    void thePageAndItsScriptsAreServedWithoutAToken() {
        given().when().get("/console/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("id=\"sign-in\""))
                .body(containsString("src=\"js/main.js\""))
                // nothing from another origin (the policy would refuse it anyway)
                .body(not(containsString("src=\"http")), not(containsString("href=\"http")),
                        not(containsString("src=\"//")), not(containsString("href=\"//")));
        for (String file : new String[] {"js/main.js", "js/api.js", "js/sse.js", "js/chart.js", "js/network.js",
                "js/alarms.js", "js/proposals.js", "js/setpoints.js"}) {
            given().when().get("/console/" + file).then().statusCode(200)
                    .contentType(containsString("javascript"))
                    .body(not(containsString("from 'http")), not(containsString("from '//")),
                            not(containsString("fetch('http")), not(containsString("url(http")));
        }
        given().when().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void theApiBehindItStillWantsAToken() {
        given().when().get("/api/v1/me").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        given().when().get("/api/v1/alerts").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.token("console-viewer", "viewer"))
                .when().get("/api/v1/me").then().statusCode(200).body("subject", equalTo("console-viewer"));
    }
}
