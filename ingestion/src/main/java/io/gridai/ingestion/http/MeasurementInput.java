package io.gridai.ingestion.http;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The record schema of the HTTP feed, for the OpenAPI document only: the feed reads the body itself so that
 * each record keeps its original bytes and a bad record never fails the batch.
 */
@Schema(name = "MeasurementInput", description = "One reading as a utility sends it. Fields other than these "
        + "are ignored. In CSV the same names form the header line.",
        requiredProperties = {"asset", "kind", "value", "unit", "time"})
public record MeasurementInput(
        @Schema(description = "Asset id ([A-Za-z0-9][A-Za-z0-9._:/-]*, at most 128 characters); the source must "
                + "be approved for it.", examples = "gen-1")
        String asset,
        @Schema(description = "Measurement kind (ACTIVE_POWER, REACTIVE_POWER, VOLTAGE, VOLTAGE_PU, FREQUENCY, "
                + "STATE_OF_CHARGE, …); the source must be approved for it.", examples = "ACTIVE_POWER")
        String kind,
        @Schema(description = "Finite number in `unit`; converted to the kind's canonical unit (MW, Mvar, kV, Hz, "
                + "%, …). Active and reactive power follow the generator convention: positive = injected into the "
                + "bus.", examples = "12.5")
        double value,
        @Schema(description = "Unit symbol, case-sensitive: W, kW, MW, GW, var, kvar, Mvar, V, kV, A, kA, Hz, mHz, "
                + "Wh, kWh, MWh, GWh, p.u., %, deg, rad, °C, m/s, W/m², Hz/s; it must measure the kind's dimension.",
                examples = "kW")
        String unit,
        @Schema(description = "When the value was measured: ISO-8601 with an offset; at most the configured skew "
                + "(default 5 minutes) ahead of the service clock.", examples = "2020-07-01T00:00:00Z")
        String time,
        @Schema(description = "Optional idempotency id, unique per source; the measurement id becomes "
                + "<source>/<id>. Without it the id is derived from source, asset, kind and time.",
                examples = "meter-7-20200701T0000", nullable = true)
        String id) {
}
