package io.gridai.sim.twin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;

/**
 * Turns exact readings into what a field feed delivers: noise, drops, stuck sensors, spikes, duplicates and
 * late (out-of-order) messages, as {@link ImperfectionSettings} says. Readings keep their event time and id;
 * nothing is flagged (finding these is the cleaning job's work). Not thread-safe.
 */
final class TelemetryImperfections {

    private record SensorKey(AssetId asset, MeasurementKind kind) {
    }

    private record Stuck(double value, int ticksLeft) {
    }

    private record Held(Measurement measurement, int ticksLeft) {
    }

    private final ImperfectionSettings settings;
    private final SplittableRandom random;
    private final Map<SensorKey, Stuck> stuck = new HashMap<>();
    private final List<Held> held = new ArrayList<>();

    TelemetryImperfections(ImperfectionSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    List<Measurement> apply(List<Measurement> exact) {
        if (settings.isNone()) {
            return exact;
        }
        List<Measurement> out = new ArrayList<>(exact.size() + held.size());
        for (Iterator<Held> it = held.iterator(); it.hasNext();) {
            Held h = it.next();
            if (h.ticksLeft() <= 1) {
                out.add(h.measurement());
                it.remove();
            }
        }
        held.replaceAll(h -> new Held(h.measurement(), h.ticksLeft() - 1));

        for (Measurement m : exact) {
            if (chance(settings.dropProbability())) {
                continue;
            }
            double value = m.value();
            SensorKey key = new SensorKey(m.asset(), m.kind());
            Stuck s = stuck.get(key);
            if (s != null) {
                value = s.value();
                if (s.ticksLeft() <= 1) {
                    stuck.remove(key);
                } else {
                    stuck.put(key, new Stuck(s.value(), s.ticksLeft() - 1));
                }
            } else {
                if (settings.noiseRelative() > 0) {
                    value += nextGaussian() * settings.noiseRelative() * noiseScale(m.kind(), value);
                }
                if (chance(settings.stuckProbability())) {
                    stuck.put(key, new Stuck(value, settings.stuckTicks()));
                }
                if (chance(settings.spikeProbability())) {
                    value *= settings.spikeFactor();
                }
            }
            Measurement sent = value == m.value() ? m
                    : new Measurement(m.id(), m.source(), m.asset(), m.kind(), value, m.quality(), m.eventTime(), m.ingestTime());
            if (chance(settings.lateProbability())) {
                held.add(new Held(sent, 1 + random.nextInt(settings.lateMaxTicks())));
                continue;
            }
            out.add(sent);
            if (chance(settings.duplicateProbability())) {
                out.add(sent);
            }
        }
        return out;
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    /**
     * What the relative noise is relative to: the value's magnitude, except for frequency, whose meter error does not
     * grow with the nominal 50 or 60 Hz: there it is relative to 1 Hz (0.5 % noise: 5 mHz, a SCADA transducer's error;
     * relative to 60 Hz it would be 0.3 Hz, a grid emergency in every reading).
     */
    private static double noiseScale(MeasurementKind kind, double value) {
        return kind == MeasurementKind.FREQUENCY ? 1.0 : Math.abs(value);
    }

    private double nextGaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
