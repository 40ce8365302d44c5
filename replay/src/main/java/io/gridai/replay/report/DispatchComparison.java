package io.gridai.replay.report;

import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/** Shadow against actual setpoints per asset over the window (see {@link DispatchRow} for the rules). */
final class DispatchComparison {

    record Compared(List<DispatchRow> rows, boolean compared, List<String> notes) {
    }

    /** The last issued wins; on equal issue times the later validFrom, then the later in the input. */
    private record Ranked(Setpoint setpoint, int position) {
    }

    private static final Comparator<Ranked> PRECEDENCE = Comparator
            .comparing((Ranked r) -> r.setpoint().issuedAt())
            .thenComparing(r -> r.setpoint().validFrom())
            .thenComparingInt(Ranked::position);

    private DispatchComparison() {
    }

    static Compared compare(Instant from, Instant to, List<Setpoint> shadow, List<Setpoint> actual) {
        List<String> notes = new ArrayList<>();
        Map<AssetId, List<Ranked>> shadowByAsset = inWindow(from, to, shadow, "shadow", notes);
        Map<AssetId, List<Ranked>> actualByAsset = inWindow(from, to, actual, "actual", notes);
        int shadowCount = shadowByAsset.values().stream().mapToInt(List::size).sum();
        int actualCount = actualByAsset.values().stream().mapToInt(List::size).sum();
        boolean compared = shadowCount > 0 && actualCount > 0;
        if (!compared) {
            notes.add(0, nothingToCompare(shadow, actual, shadowCount, actualCount));
        }
        TreeSet<AssetId> assets = new TreeSet<>(Comparator.comparing(AssetId::value));
        assets.addAll(shadowByAsset.keySet());
        assets.addAll(actualByAsset.keySet());
        List<DispatchRow> rows = new ArrayList<>();
        double overlapTotal = 0;
        for (AssetId asset : assets) {
            List<Ranked> s = shadowByAsset.getOrDefault(asset, List.of());
            List<Ranked> a = actualByAsset.getOrDefault(asset, List.of());
            TreeMap<Instant, Double> shadowProfile = profile(from, to, s);
            TreeMap<Instant, Double> actualProfile = profile(from, to, a);
            TreeSet<Instant> edges = new TreeSet<>(shadowProfile.keySet());
            edges.addAll(actualProfile.keySet());
            edges.add(to);
            double shadowMwh = 0;
            double actualMwh = 0;
            double absDeltaMwh = 0;
            double overlapH = 0;
            Instant previous = null;
            for (Instant edge : edges) {
                if (previous != null) {
                    double hours = hours(previous, edge);
                    Double sv = valueAt(shadowProfile, previous);
                    Double av = valueAt(actualProfile, previous);
                    shadowMwh += sv == null ? 0 : sv * hours;
                    actualMwh += av == null ? 0 : av * hours;
                    if (sv != null && av != null) {
                        absDeltaMwh += Math.abs(sv - av) * hours;
                        overlapH += hours;
                    }
                }
                previous = edge;
            }
            overlapTotal += overlapH;
            rows.add(new DispatchRow(asset, s.isEmpty() ? Double.NaN : shadowMwh, a.isEmpty() ? Double.NaN : actualMwh,
                    overlapH > 0 ? absDeltaMwh / overlapH : Double.NaN, overlapH, s.size(), a.size()));
        }
        if (compared && overlapTotal == 0) {
            notes.add("No asset had a shadow and an actual setpoint in effect at the same time, so there is no"
                    + " mean |ΔMW|; only the energies can be compared.");
        }
        return new Compared(rows, compared, notes);
    }

    private static String nothingToCompare(List<Setpoint> shadow, List<Setpoint> actual, int shadowCount,
            int actualCount) {
        String why;
        if (shadowCount == 0 && actualCount == 0) {
            why = (shadow.isEmpty() ? "no shadow optimiser setpoints" : "no shadow optimiser setpoint inside the window")
                    + " and " + (actual.isEmpty() ? "no actual setpoints" : "no actual setpoint inside the window")
                    + " in this replay";
        } else if (shadowCount == 0) {
            why = (shadow.isEmpty()
                    ? "no shadow optimiser setpoints in this replay (the sandbox optimiser issued none)"
                    : "no shadow optimiser setpoint of active power inside the replay window")
                    + ", so the " + actualCount + " actual setpoint(s) have no counterpart";
        } else {
            why = (actual.isEmpty()
                    ? "no actual setpoints in this replay (none were given for the window)"
                    : "no actual setpoint of active power inside the replay window")
                    + ", so the " + shadowCount + " shadow setpoint(s) have no counterpart";
        }
        return "Nothing to compare: " + why + ".";
    }

    /** The ACTIVE_POWER setpoints that reach into [from, to), per asset, with their input positions. */
    private static Map<AssetId, List<Ranked>> inWindow(Instant from, Instant to, List<Setpoint> setpoints, String side,
            List<String> notes) {
        Map<AssetId, List<Ranked>> out = new TreeMap<>(Comparator.comparing(AssetId::value));
        int otherKinds = 0;
        for (int i = 0; i < setpoints.size(); i++) {
            Setpoint sp = setpoints.get(i);
            if (sp.kind() != MeasurementKind.ACTIVE_POWER) {
                otherKinds++;
                continue;
            }
            if (sp.validUntil().isAfter(from) && sp.validFrom().isBefore(to)) {
                out.computeIfAbsent(sp.asset(), a -> new ArrayList<>()).add(new Ranked(sp, i));
            }
        }
        if (otherKinds > 0) {
            notes.add(otherKinds + " " + side + " setpoint(s) of a kind other than ACTIVE_POWER were left out.");
        }
        return out;
    }

    /**
     * The MW in effect from each edge on (a {@code null} value: none), clipped to [from, to): at any time the setpoint
     * valid then that ranks highest in {@link #PRECEDENCE}.
     */
    private static TreeMap<Instant, Double> profile(Instant from, Instant to, List<Ranked> setpoints) {
        TreeSet<Instant> edges = new TreeSet<>();
        edges.add(from);
        for (Ranked r : setpoints) {
            edges.add(max(from, r.setpoint().validFrom()));
            edges.add(min(to, r.setpoint().validUntil()));
        }
        edges.removeIf(t -> !t.isBefore(to));
        List<Ranked> byStart = new ArrayList<>(setpoints);
        byStart.sort(Comparator.comparing(r -> r.setpoint().validFrom()));
        PriorityQueue<Ranked> valid = new PriorityQueue<>(PRECEDENCE.reversed());
        TreeMap<Instant, Double> out = new TreeMap<>();
        int next = 0;
        for (Instant t : edges) {
            while (next < byStart.size() && !byStart.get(next).setpoint().validFrom().isAfter(t)) {
                valid.add(byStart.get(next++));
            }
            while (!valid.isEmpty() && !valid.peek().setpoint().validUntil().isAfter(t)) {
                valid.poll(); // expired; one expired below the top leaves when it reaches the top
            }
            out.put(t, valid.isEmpty() ? null : valid.peek().setpoint().target());
        }
        return out;
    }

    private static Double valueAt(TreeMap<Instant, Double> profile, Instant t) {
        Map.Entry<Instant, Double> e = profile.floorEntry(t);
        return e == null ? null : e.getValue();
    }

    private static double hours(Instant a, Instant b) {
        Duration d = Duration.between(a, b);
        return d.getSeconds() / 3600.0 + d.getNano() / 3.6e12;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
