package io.gridai.gateway.review.study;

import io.gridai.model.id.AssetId;

/**
 * A bus's voltage in a solved state, with the case's limits.
 *
 * @param bus      its asset id ({@code bus-<n>})
 * @param vPu      magnitude, p.u. of its nominal voltage
 * @param angleDeg angle, degrees
 * @param vminPu   VMIN of the case
 * @param vmaxPu   VMAX of the case
 */
public record BusVoltage(AssetId bus, double vPu, double angleDeg, double vminPu, double vmaxPu) {
}
