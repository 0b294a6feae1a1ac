package dev.calibration.core.outcome;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Outcomes held in memory, for tests and for hosts that already have them.
 *
 * <p>Concurrency: {@link #add} and {@link #open} synchronize on this source; a stream sees the
 * outcomes added before it was opened.
 */
public final class InMemoryOutcomeSource implements OutcomeSource {
  // guarded by this
  private final List<Outcome> outcomes = new ArrayList<>();

  private InMemoryOutcomeSource() {}

  /** A source holding these outcomes, in this order. */
  public static InMemoryOutcomeSource of(Outcome... outcomes) {
    InMemoryOutcomeSource s = new InMemoryOutcomeSource();
    for (Outcome o : outcomes) {
      s.add(o);
    }
    return s;
  }

  /** A source holding these outcomes, in this order. */
  public static InMemoryOutcomeSource of(List<Outcome> outcomes) {
    return of(outcomes.toArray(new Outcome[0]));
  }

  /** Appends one outcome. */
  public synchronized InMemoryOutcomeSource add(Outcome outcome) {
    outcomes.add(Objects.requireNonNull(outcome, "outcome must not be null"));
    return this;
  }

  /** How many outcomes the source holds. */
  public synchronized int size() {
    return outcomes.size();
  }

  @Override
  public synchronized Stream<Outcome> open() {
    return List.copyOf(outcomes).stream();
  }
}
