package io.gridai.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The role of a bus in an AC power flow, decided from the case as MATPOWER's {@code ext2int} and
 * {@code bustypes} do:
 * <ul>
 *   <li>a bus of type 4 is {@link #ISOLATED} (out of service, with its branches and generators);</li>
 *   <li>the first bus of type 3 with an in-service generator is the {@link #SLACK}; when there is none, the
 *       first bus of type 2 with an in-service generator is;</li>
 *   <li>another bus of type 2 or 3 with an in-service generator is {@link #PV};</li>
 *   <li>every other in-service bus is {@link #PQ}, including PV or REF buses whose generators are all out of
 *       service.</li>
 * </ul>
 * MATPOWER would hold the angle of a second type-3 bus too; here it is solved as a PV bus (single slack). A case
 * with no in-service generator at a bus of type 2 or 3 has no slack (and cannot be solved).
 */
public enum PowerFlowBusType {
    /** Reference bus: |V| from its generators' VG, angle held at the case's VA; P and Q free. */
    SLACK,
    /** P from PG - PD, |V| from VG; Q free. */
    PV,
    /** P and Q given (generation PG, QG minus demand PD, QD). */
    PQ,
    /** Out of service (type 4): not solved. */
    ISOLATED;

    /** The role of every bus of a case, in case order; no bus is {@link #SLACK} when none can be. */
    public static List<PowerFlowBusType> of(MatpowerCase matpowerCase) {
        List<MatpowerBus> buses = matpowerCase.buses();
        var index = matpowerCase.busIndexByNumber();
        boolean[] hasGenerator = new boolean[buses.size()];
        for (MatpowerGenerator generator : matpowerCase.generators()) {
            int i = index.get(generator.busNumber());
            if (generator.inService() && buses.get(i).type() != BusType.ISOLATED) {
                hasGenerator[i] = true;
            }
        }
        int slack = -1;
        for (int i = 0; i < buses.size() && slack < 0; i++) {
            if (buses.get(i).type() == BusType.REF && hasGenerator[i]) {
                slack = i;
            }
        }
        for (int i = 0; i < buses.size() && slack < 0; i++) {
            if (buses.get(i).type() == BusType.PV && hasGenerator[i]) {
                slack = i;
            }
        }
        List<PowerFlowBusType> types = new ArrayList<>(buses.size());
        for (int i = 0; i < buses.size(); i++) {
            BusType type = buses.get(i).type();
            if (type == BusType.ISOLATED) {
                types.add(ISOLATED);
            } else if (i == slack) {
                types.add(SLACK);
            } else if ((type == BusType.PV || type == BusType.REF) && hasGenerator[i]) {
                types.add(PV);
            } else {
                types.add(PQ);
            }
        }
        return List.copyOf(types);
    }
}
