package io.gridai.protocols.points;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A station's points by common address and information object address. Two points at the same address are a
 * configuration error: the outstation sends one value there, and it cannot be two measurements.
 */
public final class Iec104PointMap {

    private final Map<Iec104Point.Address, Iec104Point> byAddress;

    private Iec104PointMap(Map<Iec104Point.Address, Iec104Point> byAddress) {
        this.byAddress = Map.copyOf(byAddress);
    }

    /**
     * @throws IllegalArgumentException when the map is empty or two points share an address, naming both
     */
    public static Iec104PointMap of(Collection<Iec104Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the point map is empty; map at least one information object to an"
                    + " asset and kind");
        }
        Map<Iec104Point.Address, Iec104Point> byAddress = new HashMap<>();
        for (Iec104Point point : points) {
            Iec104Point previous = byAddress.putIfAbsent(point.address(), point);
            if (previous != null) {
                throw new IllegalArgumentException("points " + previous.name() + " and " + point.name()
                        + " both map " + point.address() + "; keep one point per address");
            }
        }
        return new Iec104PointMap(byAddress);
    }

    public Optional<Iec104Point> find(int commonAddress, int ioa) {
        return Optional.ofNullable(byAddress.get(new Iec104Point.Address(commonAddress, ioa)));
    }

    /** The common addresses the points use, in ascending order: the ones a general interrogation goes to. */
    public Set<Integer> commonAddresses() {
        Set<Integer> addresses = new TreeSet<>();
        byAddress.keySet().forEach(a -> addresses.add(a.commonAddress()));
        return addresses;
    }

    public List<Iec104Point> points() {
        return new ArrayList<>(byAddress.values());
    }

    public int size() {
        return byAddress.size();
    }
}
