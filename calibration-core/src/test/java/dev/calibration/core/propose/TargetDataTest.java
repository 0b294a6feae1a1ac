package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.core.run.TargetKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetDataTest {

  static Stream<Arguments> malformed() {
    double[] two = {0.1, 0.2};
    double[] y = {0, 1};
    long[] ts = {1, 2};
    int[] seg = {-1, -1};
    return Stream.of(
        Arguments.of("lengths", "same length", (Supplier<TargetData>) () ->
            TargetData.of("t", TargetKind.PROBABILITY, two, new double[] {0}, ts, seg, List.of(), Map.of())),
        Arguments.of("NaN prediction", "row 1", (Supplier<TargetData>) () ->
            TargetData.of("t", TargetKind.PROBABILITY, new double[] {0.1, Double.NaN}, y, ts, seg, List.of(), Map.of())),
        Arguments.of("time order", "row 1", (Supplier<TargetData>) () ->
            TargetData.of("t", TargetKind.PROBABILITY, two, y, new long[] {5, 4}, seg, List.of(), Map.of())),
        Arguments.of("segment index", "segment index 1", (Supplier<TargetData>) () ->
            TargetData.of("t", TargetKind.PROBABILITY, two, y, ts, new int[] {0, 1}, List.of("a=b"), Map.of())),
        Arguments.of("member rows", "member m", (Supplier<TargetData>) () ->
            TargetData.of("t", TargetKind.PROBABILITY, two, y, ts, seg, List.of(), Map.of("m", new double[] {0.1}))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void of_malformedData_rejectedWithCodeAndPlace(String what, String place, Supplier<TargetData> make) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
    assertTrue(e.getMessage().startsWith("CAL-PROP-002 target t"), e.getMessage());
    assertTrue(e.getMessage().contains(place), e.getMessage());
  }
}
