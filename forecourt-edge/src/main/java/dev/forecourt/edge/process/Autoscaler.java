package dev.forecourt.edge.process;

/**
 * How many instances a revision should run, App Runner's way: by concurrency. Demand is the requests in flight
 * plus those waiting for an instance. When it exceeds what the instances can take ({@code maxConcurrency} each),
 * the count goes up at once to what the demand needs (at most {@code max}); it comes down to what the highest demand
 * of the last {@code cooldown} needs (at least {@code min}) only once that whole cool-down has passed below the
 * current count. Pure arithmetic over what it is told: the fleet calls it under its lock and acts on the answer.
 */
final class Autoscaler {
    private final RunConfig run;
    private int cooldownPeak;       // the highest demand since the count last changed or was last needed whole
    private long fullNanos;         // when the current count was last needed whole
    private int lastCooldownPeak;

    Autoscaler(RunConfig run, long nowNanos) {
        this.run = run;
        this.fullNanos = nowNanos;
    }

    /** The count {@code demand} needs, within min and max. */
    int needed(int demand) {
        int n = (demand + run.maxConcurrency() - 1) / run.maxConcurrency();
        return Math.max(run.min(), Math.min(run.max(), n));
    }

    /** A request arrived with {@code demand}: the count to run now ({@code target} unless it must grow). */
    int onArrival(int demand, int target, long nowNanos) {
        int needed = needed(demand);
        if (needed > target) {
            grew(nowNanos);
            return needed;
        }
        return target;
    }

    /**
     * A periodic look, with the highest demand {@code seen} since the last: the count to run now, lower than
     * {@code target} once a whole cool-down did not need it.
     */
    int onTick(int seen, int target, long nowNanos) {
        int needed = needed(seen);
        if (needed > target) {
            grew(nowNanos);
            return needed;
        }
        if (needed == target) {
            grew(nowNanos); // the count is still needed whole: the cool-down starts again
            return target;
        }
        cooldownPeak = Math.max(cooldownPeak, seen);
        if (nowNanos - fullNanos < run.cooldown().toNanos()) {
            return target;
        }
        int lower = needed(cooldownPeak);
        lastCooldownPeak = cooldownPeak;
        grew(nowNanos);
        return lower;
    }

    /** The highest demand of the cool-down that just ended, for the log. */
    int cooldownPeak() {
        return lastCooldownPeak;
    }

    private void grew(long nowNanos) {
        fullNanos = nowNanos;
        cooldownPeak = 0;
    }
}
