package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calibration methods available by name, found with {@link ServiceLoader}, and model selection
 * among them.
 *
 * <p>Discovery is forgiving and loud. A provider that fails to load ({@link
 * ServiceConfigurationError}: a missing class, a failing constructor) is logged as CAL-METHOD-003 and
 * skipped; the rest stay usable. Two providers with the same name are an error, CAL-METHOD-002,
 * naming both classes: it is logged at discovery and thrown when that name is looked up. An unknown
 * name fails with CAL-METHOD-001 and the list of known names. All of these are listed by {@link
 * #problems()}.
 *
 * <p>Results belong to the instance: a host calls {@link #discover()} (or {@link #of}) and keeps the
 * instance. The static {@link #byName}, {@link #available} and {@link #find} are conveniences over a
 * default instance discovered lazily, once, from this class's class loader.
 *
 * <p>Concurrency: immutable after construction, so safe to share between threads; the lazily built
 * default instance is published by the class-holder idiom.
 */
public final class CalibrationMethods {
  private static final Logger LOG = LoggerFactory.getLogger(CalibrationMethods.class);
  /** Stops a broken service file from looping forever: it gives up after this many errors. */
  private static final int MAX_LOAD_ERRORS = 100;

  private final Map<String, CalibrationMethod> methods;
  private final Map<String, List<String>> duplicates;
  private final List<String> problems;

  private CalibrationMethods(
      Map<String, CalibrationMethod> methods,
      Map<String, List<String>> duplicates,
      List<String> problems) {
    this.methods = Collections.unmodifiableMap(methods);
    this.duplicates = Collections.unmodifiableMap(duplicates);
    this.problems = List.copyOf(problems);
  }

  /** Discovers the methods visible to the thread's context class loader (or this class's). */
  public static CalibrationMethods discover() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discover(loader != null ? loader : CalibrationMethods.class.getClassLoader());
  }

  /** Discovers the methods registered in {@code META-INF/services} visible to {@code loader}. */
  public static CalibrationMethods discover(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader must not be null");
    return fromProviders(ServiceLoader.load(CalibrationMethod.class, loader).iterator());
  }

  /**
   * The given methods, without discovery (for hosts that wire methods by hand, and for tests).
   *
   * @throws IllegalArgumentException when two methods share a name (CAL-METHOD-002)
   */
  public static CalibrationMethods of(CalibrationMethod... methods) {
    CalibrationMethods m = fromProviders(List.of(methods).iterator());
    if (!m.duplicates.isEmpty()) {
      throw new IllegalArgumentException(m.problems.get(0));
    }
    return m;
  }

  static CalibrationMethods fromProviders(Iterator<CalibrationMethod> providers) {
    Map<String, CalibrationMethod> found = new TreeMap<>();
    Map<String, List<String>> dups = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int errors = 0;
    while (true) {
      CalibrationMethod m;
      try {
        if (!providers.hasNext()) {
          break;
        }
        m = providers.next();
      } catch (ServiceConfigurationError e) {
        String msg =
            "CAL-METHOD-003 a calibration method provider failed to load and was skipped: "
                + e.getMessage();
        LOG.warn(msg, e);
        problems.add(msg);
        if (++errors >= MAX_LOAD_ERRORS) {
          break;
        }
        continue;
      }
      String name;
      try {
        name = m.name();
      } catch (RuntimeException e) {
        String msg =
            "CAL-METHOD-003 calibration method "
                + m.getClass().getName()
                + " failed in name() and was skipped: "
                + e;
        LOG.warn(msg, e);
        problems.add(msg);
        continue;
      }
      if (name == null || name.isBlank()) {
        String msg =
            "CAL-METHOD-003 calibration method "
                + m.getClass().getName()
                + " has a blank name and was skipped";
        LOG.warn(msg);
        problems.add(msg);
        continue;
      }
      CalibrationMethod earlier = found.get(name);
      if (earlier != null || dups.containsKey(name)) {
        List<String> classes =
            dups.computeIfAbsent(
                name, k -> new ArrayList<>(List.of(earlier == null ? "?" : className(earlier))));
        classes.add(className(m));
        found.remove(name);
        continue;
      }
      found.put(name, m);
    }
    for (Map.Entry<String, List<String>> d : dups.entrySet()) {
      String msg = duplicateMessage(d.getKey(), d.getValue());
      LOG.error(msg);
      problems.add(msg);
    }
    return new CalibrationMethods(found, dups, problems);
  }

  private static String className(CalibrationMethod m) {
    return m.getClass().getName();
  }

  private static String duplicateMessage(String name, List<String> classes) {
    return "CAL-METHOD-002 calibration method name \""
        + name
        + "\" is registered by more than one class: "
        + String.join(", ", classes)
        + "; remove one of them from the class path";
  }

  /**
   * The method registered as {@code name}.
   *
   * @throws IllegalArgumentException when no method has that name (CAL-METHOD-001), listing the
   *     known names
   * @throws IllegalStateException when several classes registered that name (CAL-METHOD-002)
   */
  public CalibrationMethod method(String name) {
    Objects.requireNonNull(name, "name must not be null");
    CalibrationMethod m = methods.get(name);
    if (m != null) {
      return m;
    }
    List<String> classes = duplicates.get(name);
    if (classes != null) {
      throw new IllegalStateException(duplicateMessage(name, classes));
    }
    throw new IllegalArgumentException(
        "CAL-METHOD-001 unknown calibration method \"" + name + "\"; known methods: " + known());
  }

  /** The method registered as {@code name}, or empty when none (or several) are. */
  public Optional<CalibrationMethod> lookup(String name) {
    return Optional.ofNullable(methods.get(Objects.requireNonNull(name, "name must not be null")));
  }

  /** The usable method names, sorted. */
  public List<String> names() {
    return List.copyOf(methods.keySet());
  }

  /** Everything that went wrong during discovery, each message with its CAL-METHOD code. */
  public List<String> problems() {
    return problems;
  }

  private String known() {
    return methods.isEmpty()
        ? "(none: is calibration-core or a method module on the class path?)"
        : String.join(", ", methods.keySet());
  }

  /** {@link #select(CalibrationData, List, SelectionOptions)} with the default options. */
  public Selection select(CalibrationData timeOrdered, List<String> candidates) {
    return select(timeOrdered, candidates, SelectionOptions.defaults());
  }

  /**
   * Chooses among {@code candidates} on a time-ordered holdout: each is fitted on all but the last
   * {@code holdoutFraction} of the points (rounded to the nearest point) and scored on that last
   * part by the chosen loss; the lowest loss wins. Losses within a relative 1e-12 of each other are
   * a tie, won by the calibrator with fewer numeric parameters, then by the earlier candidate. The
   * winner is refitted on all points. A candidate that fails to fit (or yields NaN on the holdout)
   * is reported with its reason and cannot win.
   *
   * @param timeOrdered the data, oldest first; labels must be in [0, 1] for scoring
   * @param candidates method names, at least one
   * @throws IllegalArgumentException (CAL-METHOD-001) for an unknown name, (CAL-METHOD-007) when the
   *     holdout or the training part would be empty, a label is outside [0, 1], or every candidate
   *     fails
   */
  public Selection select(
      CalibrationData timeOrdered, List<String> candidates, SelectionOptions options) {
    Objects.requireNonNull(timeOrdered, "timeOrdered must not be null");
    Objects.requireNonNull(options, "options must not be null");
    List<String> names = new ArrayList<>(new LinkedHashSet<>(candidates));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("CAL-METHOD-007 candidates must not be empty");
    }
    List<CalibrationMethod> chosenMethods = new ArrayList<>();
    for (String name : names) {
      chosenMethods.add(method(name));
    }
    int n = timeOrdered.size();
    int holdout = (int) Math.round(n * options.holdoutFraction());
    if (holdout < 1 || holdout >= n) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "CAL-METHOD-007 a holdout of %s of %d points leaves %d to fit and %d to score;"
                  + " both need at least 1 point",
              Double.toString(options.holdoutFraction()),
              n,
              n - holdout,
              holdout));
    }
    for (int i = 0; i < n; i++) {
      double y = timeOrdered.label(i);
      if (!(y >= 0 && y <= 1)) {
        throw new IllegalArgumentException(
            "CAL-METHOD-007 selection scores probabilities, so labels must be in [0, 1] but labels["
                + i
                + "] was "
                + y);
      }
    }
    CalibrationData train = timeOrdered.slice(0, n - holdout);
    CalibrationData test = timeOrdered.slice(n - holdout, n);
    List<Selection.CandidateScore> scores = new ArrayList<>();
    int best = -1;
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c);
      Selection.CandidateScore s;
      try {
        Calibrator cal = chosenMethods.get(c).fit(train);
        double loss = holdoutLoss(cal, test, options.loss());
        if (Double.isNaN(loss)) {
          s = new Selection.CandidateScore(
              name, Double.NaN, -1, Optional.of("gave NaN on a holdout point"));
        } else {
          s = new Selection.CandidateScore(
              name, loss, countNumbers(cal.parameters()), Optional.empty());
        }
      } catch (IllegalArgumentException e) {
        s = new Selection.CandidateScore(name, Double.NaN, -1, Optional.of(e.getMessage()));
      }
      scores.add(s);
      if (s.failure().isEmpty() && (best < 0 || better(s, scores.get(best)))) {
        best = c;
      }
    }
    if (best < 0) {
      StringBuilder why = new StringBuilder("CAL-METHOD-007 every candidate failed:");
      for (Selection.CandidateScore s : scores) {
        why.append(' ').append(s.method()).append(": ").append(s.failure().orElse("")).append(';');
      }
      throw new IllegalArgumentException(why.toString());
    }
    Calibrator refit = chosenMethods.get(best).fit(timeOrdered);
    return new Selection(names.get(best), refit, scores, options, n - holdout, holdout);
  }

  private static boolean better(Selection.CandidateScore a, Selection.CandidateScore b) {
    double tolerance = 1e-12 * Math.max(1.0, Math.max(Math.abs(a.score()), Math.abs(b.score())));
    if (Math.abs(a.score() - b.score()) <= tolerance) {
      return a.parameterCount() < b.parameterCount();
    }
    return a.score() < b.score();
  }

  /** Weighted mean loss of the calibrator on the data. */
  static double holdoutLoss(Calibrator c, CalibrationData d, SelectionOptions.Loss loss) {
    double sum = 0;
    double sumW = 0;
    for (int i = 0; i < d.size(); i++) {
      double w = d.weight(i);
      if (w == 0) {
        continue;
      }
      double p = c.apply(d.score(i));
      double y = d.label(i);
      double l;
      if (loss == SelectionOptions.Loss.BRIER) {
        l = (p - y) * (p - y);
      } else {
        double q = Probability.clip(p);
        l = -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
      }
      sum += w * l;
      sumW += w;
    }
    if (!(sumW > 0)) {
      throw new IllegalArgumentException(
          "CAL-METHOD-007 the holdout's weights are all zero, so no candidate can be scored");
    }
    return sum / sumW;
  }

  /** How many numbers a parameter tree holds: a calibrator's size, for breaking ties. */
  static int countNumbers(Object tree) {
    if (tree instanceof Number) {
      return 1;
    }
    int count = 0;
    if (tree instanceof Map) {
      for (Object v : ((Map<?, ?>) tree).values()) {
        count += countNumbers(v);
      }
    } else if (tree instanceof List) {
      for (Object v : (List<?>) tree) {
        count += countNumbers(v);
      }
    }
    return count;
  }

  /** The default instance, discovered once from this class's class loader on first use. */
  public static CalibrationMethods defaults() {
    return DefaultHolder.INSTANCE;
  }

  /**
   * The method registered as {@code name} in the {@linkplain #defaults() default instance}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones (CAL-METHOD-001)
   */
  public static CalibrationMethod byName(String name) {
    return defaults().method(name);
  }

  /** The method names of the {@linkplain #defaults() default instance}, sorted. */
  public static List<String> available() {
    return defaults().names();
  }

  /**
   * Model selection with the {@linkplain #defaults() default instance}: the static form of {@link
   * #select(CalibrationData, List, SelectionOptions)} with log loss and the given holdout.
   *
   * @param timeOrdered the data, oldest first
   * @param candidates method names, at least one
   * @param holdoutFraction the last fraction of the points held out for scoring, in (0, 1)
   * @return the winner refitted on all points, with every candidate's holdout score
   * @throws IllegalArgumentException as the instance form does
   */
  public static Selection select(
      CalibrationData timeOrdered, List<String> candidates, double holdoutFraction) {
    return defaults()
        .select(
            timeOrdered, candidates, SelectionOptions.defaults().withHoldoutFraction(holdoutFraction));
  }

  /** The method registered as {@code name} in the default instance, if any. */
  public static Optional<CalibrationMethod> find(String name) {
    return defaults().lookup(name);
  }

  @Override
  public String toString() {
    return "CalibrationMethods" + methods.keySet();
  }

  private static final class DefaultHolder {
    static final CalibrationMethods INSTANCE =
        discover(CalibrationMethods.class.getClassLoader());
  }
}
