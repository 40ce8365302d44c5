package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.UTILITY_A_KEY;
import static io.gridai.ingestion.http.Feed.array;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A source may authenticate with a client certificate on the HTTPS port instead of an API key. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(ClientCertificateResource.class)
class ClientCertificateTest {

    @TestHTTPResource(value = "/v1/measurements", tls = true)
    URL https;

    @Test
    void aRegisteredCertificateIsTheSourcesCredential() throws Exception {
        String body = array(json("gen-1", "ACTIVE_POWER", "5", "MW", freshTime(), "cert-1"));
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            HttpResponse<String> answer = post(ClientCertificateResource.registeredClient(), null, body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"source\":\"" + ClientCertificateResource.SOURCE + "\"")
                    .contains("\"accepted\":1");
            assertThat(raw.newValues()).singleElement().satisfies(m -> {
                assertThat(m.source()).isEqualTo(SourceId.of(ClientCertificateResource.SOURCE));
                assertThat(m.id().value()).isEqualTo(ClientCertificateResource.SOURCE + "/cert-1");
            });
        }
    }

    @Test
    void aTrustedButUnregisteredCertificateIsAnUnknownSource() throws Exception {
        String body = array(json("gen-1", "ACTIVE_POWER", "5", "MW", freshTime(), "cert-2"));
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            HttpResponse<String> answer = post(ClientCertificateResource.unregisteredClient(), null, body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).contains("client certificate").contains("CN=someone-else");
            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newValues()).singleElement()
                    .satisfies(l -> assertThat(l.reason()).isEqualTo(RejectionReason.UNKNOWN_SOURCE));
        }
    }

    @Test
    void aCertificateAndAnotherSourcesKeyAreRefused() throws Exception {
        String body = array(json("gen-1", "ACTIVE_POWER", "5", "MW", freshTime(), "cert-3"));
        HttpResponse<String> answer = post(ClientCertificateResource.registeredClient(), UTILITY_A_KEY, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.body()).contains("the client certificate is source utility-cert's but the X-Api-Key is not");
    }

    /** A plain JDK HTTPS client presenting the certificate of {@code clientKeyStore}. */
    private HttpResponse<String> post(Path clientKeyStore, String apiKey, String body) throws Exception {
        char[] password = ClientCertificateResource.PASSWORD.toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(clientKeyStore)) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(ClientCertificateResource.clientTrust())) {
            trust.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        HttpRequest.Builder request = HttpRequest.newBuilder(https.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header(MeasurementResource.API_KEY_HEADER, apiKey);
        }
        return HttpClient.newBuilder().sslContext(tls).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
