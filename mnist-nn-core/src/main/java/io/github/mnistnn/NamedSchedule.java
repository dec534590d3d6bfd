package io.github.mnistnn;

import java.util.function.IntToDoubleFunction;

/** A built-in {@link LearningRateSchedule} with a readable name for provenance. */
final class NamedSchedule implements LearningRateSchedule {
    private final String name;
    private final IntToDoubleFunction factor;

    NamedSchedule(String name, IntToDoubleFunction factor) {
        this.name = name;
        this.factor = factor;
    }

    @Override
    public double factor(int epoch) {
        return factor.applyAsDouble(epoch);
    }

    @Override
    public String toString() {
        return name;
    }
}
