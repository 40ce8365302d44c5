/**
 * A live IEEE C37.118.2 client ({@link io.gridai.protocols.live.c37118.PmuClient}): connects to a PMU or PDC over
 * TCP, UDP, or TCP commands with UDP data, asks for its configuration, turns data on and hands each data frame's
 * values, as grid-model measurements, to a sink. {@code sim} holds a simulated PMU for tests and the grid twin.
 */
package io.gridai.protocols.live.c37118;
