package io.gridai.ingestion.source;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The approved feeds ({@code gridai.ingestion.sources}), checked once at start-up. API keys are kept as
 * SHA-256 digests and compared in constant time against every source, so neither the answer time nor an
 * early exit tells a caller how close a guess was.
 */
@Startup
@ApplicationScoped
public class SourceRegistry {

    /** Shortest API key accepted in configuration. */
    public static final int MIN_API_KEY_LENGTH = 16;

    private static final Logger LOG = Logger.getLogger(SourceRegistry.class);

    private final Map<SourceId, ApprovedSource> sources;
    private final List<KeyedSource> keyed;
    private final Map<String, ApprovedSource> byMqttUsername;
    private final Map<String, ApprovedSource> byCertificate;

    public SourceRegistry(IngestionConfig config) {
        Map<SourceId, ApprovedSource> byId = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        List<KeyedSource> withKeys = new ArrayList<>();
        Map<String, SourceId> keyOwners = new HashMap<>();
        Map<String, ApprovedSource> mqttOwners = new HashMap<>();
        Map<String, ApprovedSource> certificateOwners = new HashMap<>();
        config.sources().forEach((name, source) -> {
            SourceId id = sourceId(name);
            if (source.allowedAssets().isEmpty() || source.allowedKinds().isEmpty()) {
                throw new ConfigurationException("gridai.ingestion.sources." + name + " allows no assets or no kinds;"
                        + " set allowed-assets (ids or prefix*) and allowed-kinds, or remove the source");
            }
            ApprovedSource approved = new ApprovedSource(id, source.utility(), source.allowedAssets(),
                    source.allowedKinds(), source.revoked(), source.kafkaDirect());
            if (source.kafkaDirect()) {
                try {
                    Topics.sourceInbound(id);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("gridai.ingestion.sources." + name + ".kafka-direct is true but "
                            + e.getMessage());
                }
            }
            source.clientCertificateSha256().orElse(List.of()).forEach(fingerprint -> {
                String normalised = fingerprint.replace(":", "").strip().toLowerCase(java.util.Locale.ROOT);
                if (!normalised.matches("[0-9a-f]{64}")) {
                    throw new ConfigurationException("gridai.ingestion.sources." + name + ".client-certificate-sha256"
                            + " has '" + fingerprint + "', which is not a SHA-256 fingerprint; give the 64 hex digits"
                            + " that openssl x509 -noout -fingerprint -sha256 -in client.pem prints");
                }
                ApprovedSource previous = certificateOwners.putIfAbsent(normalised, approved);
                if (previous != null) {
                    throw new ConfigurationException("sources " + previous.id() + " and " + id + " list the same client"
                            + " certificate; give each source its own");
                }
            });
            source.mqttUsername().ifPresent(username -> {
                if (username.isBlank() || username.contains("/") || username.contains("+")
                        || username.contains("#")) {
                    throw new ConfigurationException("gridai.ingestion.sources." + name + ".mqtt-username '"
                            + username + "' cannot be an MQTT topic level; use a name without / + # or blanks");
                }
                ApprovedSource previous = mqttOwners.putIfAbsent(username, approved);
                if (previous != null) {
                    throw new ConfigurationException("sources " + previous.id() + " and " + id + " have the same"
                            + " mqtt-username; give each source its own");
                }
            });
            byId.put(id, approved);
            source.apiKey().ifPresent(key -> {
                if (key.length() < MIN_API_KEY_LENGTH) {
                    throw new ConfigurationException("gridai.ingestion.sources." + name + ".api-key is "
                            + key.length() + " characters long; use a random key of at least " + MIN_API_KEY_LENGTH
                            + " characters (e.g. openssl rand -hex 24)");
                }
                SourceId previous = keyOwners.putIfAbsent(key, id);
                if (previous != null) {
                    throw new ConfigurationException("sources " + previous + " and " + id + " have the same api-key;"
                            + " give each source its own key");
                }
                withKeys.add(new KeyedSource(sha256(key), approved));
            });
        });
        this.sources = Map.copyOf(byId);
        this.keyed = List.copyOf(withKeys);
        this.byMqttUsername = Map.copyOf(mqttOwners);
        this.byCertificate = Map.copyOf(certificateOwners);
        if (sources.isEmpty()) {
            LOG.warn("source registry is empty: every feed will be refused; configure gridai.ingestion.sources");
        }
        byId.values().forEach(s -> LOG.infof("approved source id=%s utility=\"%s\" assets=%s kinds=%s revoked=%s "
                + "httpKey=%s certificates=%d mqtt=%s kafkaDirect=%s", s.id(), s.utility(), s.allowedAssets(),
                s.allowedKinds(),
                s.revoked(), keyOwners.containsValue(s.id()),
                certificateOwners.values().stream().filter(c -> c.id().equals(s.id())).count(),
                mqttOwners.values().stream().anyMatch(m -> m.id().equals(s.id())), s.kafkaDirect()));
    }

    /** The source whose API key this is; compares against every configured key in constant time. */
    public Authentication authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return new Authentication.Unknown("the request has no X-Api-Key header");
        }
        byte[] presented = sha256(apiKey);
        ApprovedSource match = null;
        for (KeyedSource candidate : keyed) {
            if (MessageDigest.isEqual(presented, candidate.keyDigest()) && match == null) {
                match = candidate.source();
            }
        }
        return match == null
                ? new Authentication.Unknown("the X-Api-Key is not registered for any source")
                : new Authentication.Known(match);
    }

    /**
     * The source that owns this client certificate (the leaf of the chain the TLS handshake verified), compared
     * by its SHA-256 fingerprint.
     */
    public Authentication authenticateCertificate(X509Certificate certificate) {
        String fingerprint;
        try {
            fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return new Authentication.Unknown("the client certificate could not be read: " + e.getMessage());
        }
        ApprovedSource source = byCertificate.get(fingerprint);
        return source == null
                ? new Authentication.Unknown("the client certificate (SHA-256 " + fingerprint + ", subject "
                        + certificate.getSubjectX500Principal().getName() + ") is not registered for any source")
                : new Authentication.Known(source);
    }

    /** The source whose devices connect to the MQTT broker with this username. */
    public Authentication authenticateMqtt(String username) {
        ApprovedSource source = username == null ? null : byMqttUsername.get(username);
        return source == null
                ? new Authentication.Unknown("no source is registered with MQTT username '" + username + "'")
                : new Authentication.Known(source);
    }

    /**
     * The source owning this Kafka-direct inbound topic. Only sources with {@code kafka-direct=true} own one;
     * a topic of another source is unknown.
     */
    public Authentication authenticateInbound(String topic) {
        return Topics.sourceOfInbound(topic)
                .map(sources::get)
                .filter(ApprovedSource::kafkaDirect)
                .<Authentication>map(Authentication.Known::new)
                .orElseGet(() -> new Authentication.Unknown("topic " + topic + " is not the inbound topic of a source"
                        + " with kafka-direct=true"));
    }

    /**
     * The source a field station or device is configured as ({@code gridai.ingestion.field.*.<id>}: its key is the
     * source id). A station whose id no source has is unknown: everything it sends is refused.
     *
     * @param what the station for people, e.g. {@code iec104 station rtu-7 at 10.0.0.7:2404}
     */
    public Authentication authenticateStation(SourceId id, String what) {
        ApprovedSource source = sources.get(id);
        return source == null
                ? new Authentication.Unknown(what + " is not a registered source; add gridai.ingestion.sources." + id
                        + ".utility, .allowed-assets and .allowed-kinds, or remove the station from the configuration")
                : new Authentication.Known(source);
    }

    /** The sources with {@code kafka-direct=true}, revoked ones included (their records are refused). */
    public List<ApprovedSource> kafkaDirectSources() {
        return sources.values().stream().filter(ApprovedSource::kafkaDirect).toList();
    }

    public Optional<ApprovedSource> byId(SourceId id) {
        return Optional.ofNullable(sources.get(id));
    }

    public int size() {
        return sources.size();
    }

    private static SourceId sourceId(String name) {
        if (name.equals(IngestionMetrics.UNKNOWN_SOURCE)) {
            throw new ConfigurationException("gridai.ingestion.sources has a source named '" + name + "', which the"
                    + " metrics use for unidentified senders; choose another id");
        }
        try {
            return SourceId.of(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("gridai.ingestion.sources has a source named '" + name
                    + "' that is not a valid source id: " + e.getMessage());
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    private record KeyedSource(byte[] keyDigest, ApprovedSource source) {
    }
}
