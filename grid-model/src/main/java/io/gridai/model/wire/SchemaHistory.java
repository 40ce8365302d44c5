package io.gridai.model.wire;

import io.gridai.model.GridModelException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The schema versions each wire type has shipped, listed here by hand: type {@code X} with latest version
 * {@code N} has the resources {@code io/gridai/model/schemas/X/v1.avsc} … {@code vN.avsc}, and {@code vN} is
 * the current reader schema. A schema change adds {@code vN+1.avsc}, raises the number here, and keeps
 * every older file, so records written by any shipped version still decode.
 */
public enum SchemaHistory {
    MEASUREMENT("Measurement", 1),
    FORECAST("Forecast", 2),
    SETPOINT("Setpoint", 2),
    SETPOINT_ACK("SetpointAck", 1),
    PROPOSAL("Proposal", 1),
    AUDIT_EVENT("AuditEvent", 1),
    ALERT("Alert", 1),
    REJECTED_RECORD("RejectedRecord", 1),
    AGGREGATE("Aggregate", 1),
    ZONE_LOAD("ZoneLoad", 1),
    PROPOSAL_DECISION("ProposalDecision", 1);

    private static final String ROOT = "/io/gridai/model/schemas/";

    private final String typeName;
    private final int latestVersion;
    private final List<Schema> schemas;

    SchemaHistory(String typeName, int latestVersion) {
        this.typeName = typeName;
        this.latestVersion = latestVersion;
        this.schemas = load(typeName, latestVersion);
    }

    /** The record name, also the resource folder name. */
    public String typeName() {
        return typeName;
    }

    public int latestVersion() {
        return latestVersion;
    }

    /** Every shipped schema, v1 first, the current one last. */
    public List<Schema> schemas() {
        return schemas;
    }

    /** The current reader schema (the highest version). */
    public Schema current() {
        return schemas.get(schemas.size() - 1);
    }

    /** Classpath resource of version {@code version}, e.g. {@code /io/gridai/model/schemas/Measurement/v1.avsc}. */
    public static String resource(String typeName, int version) {
        return ROOT + typeName + "/v" + version + ".avsc";
    }

    private static List<Schema> load(String typeName, int latestVersion) {
        List<Schema> schemas = new ArrayList<>(latestVersion);
        for (int version = 1; version <= latestVersion; version++) {
            String resource = resource(typeName, version);
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new GridModelException("schema resource " + resource + " is missing from grid-model;"
                            + " every version listed in SchemaHistory must ship its .avsc file");
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (SchemaParseException e) {
                throw new GridModelException("schema resource " + resource + " is not a valid Avro schema: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new GridModelException("cannot read schema resource " + resource, e);
            }
        }
        return List.copyOf(schemas);
    }
}
