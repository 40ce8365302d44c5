package io.gridai.sim.twin;

/**
 * System frequency from an aggregate swing equation, so that an imbalance between mechanical power and
 * electrical demand shows up as a frequency deviation, is arrested by governor droop and removed by AGC.
 *
 * <p>In per unit of the system base S (MW) and nominal frequency f0, with Δf in p.u.:
 * <pre>
 *   2H · dΔf/dt  = Pm − Pe − D·Δf                      (swing, with load damping)
 *   Tg · dPm/dt  = Pref − Δf/R − Pm                     (governor and turbine, first order)
 *        dPref/dt = −Ki · Δf                             (AGC, integral)
 * </pre>
 * Pe is the electrical power the balancing (slack) machines must deliver, as the AC power flow computes
 * it each tick. The power flow's slack takes any imbalance electrically at once; this model says what it
 * costs in frequency: when a unit is raised by 50 MW, the slack's Pe drops, Pm is briefly too high,
 * frequency rises, the governors back off and AGC brings frequency back to f0 with Pm = Pe.
 *
 * <p>Integrated with explicit Euler sub-steps of at most {@link #MAX_SUBSTEP_S}; Pe is linearly
 * interpolated across a tick. Not thread-safe.
 */
public final class FrequencyModel {

    /** Largest integration sub-step (s); stable for Tg ≥ 0.1 s and H ≥ 0.5 s. */
    public static final double MAX_SUBSTEP_S = 0.01;

    private final FrequencyParameters parameters;
    private double systemBaseMw;
    private double deltaFPu;
    private double pmPu;
    private double prefPu;
    private double lastPePu;
    private boolean initialised;

    public FrequencyModel(FrequencyParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Starts in equilibrium at nominal frequency with the balancing machines delivering {@code peMw}.
     *
     * @param systemBaseMw S (MW), the sum of the online units' ratings
     * @param peMw         electrical power of the balancing machines now (MW)
     */
    public void initialise(double systemBaseMw, double peMw) {
        if (!(systemBaseMw > 0)) {
            throw new IllegalArgumentException("system base must be positive, was " + systemBaseMw + " MW");
        }
        this.systemBaseMw = systemBaseMw;
        this.deltaFPu = 0;
        this.lastPePu = peMw / systemBaseMw;
        this.pmPu = lastPePu;
        this.prefPu = lastPePu;
        this.initialised = true;
    }

    public boolean isInitialised() {
        return initialised;
    }

    /**
     * Advances the model by {@code dtSeconds} while the balancing machines' electrical power moves
     * linearly from its previous value to {@code peMw}.
     *
     * @return frequency at the end of the step (Hz)
     */
    public double advance(double dtSeconds, double peMw) {
        if (!initialised) {
            throw new IllegalStateException("initialise the frequency model before advancing it");
        }
        double peEnd = peMw / systemBaseMw;
        int steps = Math.max(1, (int) Math.ceil(dtSeconds / MAX_SUBSTEP_S));
        double h = dtSeconds / steps;
        double twoH = 2 * parameters.inertiaSeconds();
        for (int i = 1; i <= steps; i++) {
            double pe = lastPePu + (peEnd - lastPePu) * i / steps;
            double dDf = (pmPu - pe - parameters.dampingPu() * deltaFPu) / twoH;
            double dPm = (prefPu - deltaFPu / parameters.droopPu() - pmPu) / parameters.governorSeconds();
            double dPref = -parameters.agcGainPerSecond() * deltaFPu;
            deltaFPu += h * dDf;
            pmPu += h * dPm;
            prefPu += h * dPref;
        }
        lastPePu = peEnd;
        return frequencyHz();
    }

    public double frequencyHz() {
        return parameters.nominalHz() * (1 + deltaFPu);
    }

    /** Rate of change of frequency right now (Hz/s). */
    public double rocofHzPerSecond() {
        return parameters.nominalHz() * (pmPu - lastPePu - parameters.dampingPu() * deltaFPu)
                / (2 * parameters.inertiaSeconds());
    }

    /** Mechanical power of the balancing machines (MW). */
    public double mechanicalPowerMw() {
        return pmPu * systemBaseMw;
    }
}
