/**
 * Power networks from standard case files and AC power flow with MATPOWER's conventions.
 *
 * <ul>
 *   <li>{@link io.gridai.network.MatpowerCaseReader} reads MATPOWER {@code .m} text cases, {@code gencost}
 *       included, into the immutable {@link io.gridai.network.MatpowerCase}.</li>
 *   <li>{@link io.gridai.network.MatpowerNetwork} turns a case into a PowSyBl IIDM
 *       {@link com.powsybl.iidm.network.Network} through PowSyBl's own MATPOWER importer, keeping the mapping
 *       between MATPOWER numbers and IIDM ids, and moves it in place to a new operating point for a fast re-solve
 *       ({@link io.gridai.network.MatpowerNetwork#withOperatingPoint}); {@link io.gridai.network.IeeeCdfNetworks}
 *       loads IEEE CDF cases; {@link io.gridai.network.MatpowerCase#fromIidm} turns any IIDM network into a case
 *       through PowSyBl's MATPOWER exporter.</li>
 *   <li>{@link io.gridai.network.AcPowerFlow} solves the AC power flow with OpenLoadFlow the way MATPOWER's
 *       {@code runpf} does; {@link io.gridai.network.PowerMismatch} checks any solution against an admittance
 *       matrix built here, independently of OpenLoadFlow; {@link io.gridai.network.PowerFlowCsv} writes
 *       bus voltages as CSV.</li>
 * </ul>
 *
 * <p>Units everywhere: active power in MW, reactive power in Mvar, apparent power in MVA, voltage magnitude in
 * per unit of the bus's base voltage, angles in degrees, impedances in per unit of the case's base MVA, cost in
 * $/h. Sign convention: generator convention, a positive bus injection flows from the bus into the network;
 * a positive branch flow leaves the bus at that end of the branch.
 */
package io.gridai.network;
