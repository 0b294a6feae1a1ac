package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of factor suggestions on random evidence. */
class FactorSuggestionProperties {

  @Property(tries = 500)
  void suggest_anyEvidence_staysInBoundsAndBetweenCurrentAndRaw(
      @ForAll @DoubleRange(min = 0.3, max = 1.5) double current,
      @ForAll @DoubleRange(min = 0.01, max = 1e6) double sumPredicted,
      @ForAll @DoubleRange(min = 0, max = 3) double ratio,
      @ForAll @LongRange(min = 1, max = 100_000) long n,
      @ForAll @DoubleRange(min = 0, max = 200) double k) {
    FactorSuggester s = FactorSuggester.builder().shrinkage(k).build();
    FactorSuggestion f = s.suggest("T", "x", current, ratio * sumPredicted, sumPredicted, n);
    assertTrue(f.suggested() >= 0.5 && f.suggested() <= 1.2, f.reason());
    // unclamped, the suggestion lies between the current factor and the raw one
    double shrunk = current + n / (n + k) * (f.raw() - current);
    assertEquals(Math.min(1.2, Math.max(0.5, shrunk)), f.suggested(), 1e-12);
    double lo = Math.min(current, f.raw());
    double hi = Math.max(current, f.raw());
    assertTrue(shrunk >= lo - 1e-12 && shrunk <= hi + 1e-12);
    // more evidence never moves the suggestion further from the raw factor
    FactorSuggestion more = s.suggest("T", "x", current, ratio * sumPredicted, sumPredicted, n * 2);
    assertTrue(
        Math.abs(more.suggested() - Math.min(1.2, Math.max(0.5, f.raw())))
            <= Math.abs(f.suggested() - Math.min(1.2, Math.max(0.5, f.raw()))) + 1e-12);
  }
}
