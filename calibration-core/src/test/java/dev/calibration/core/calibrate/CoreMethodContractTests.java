package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.testing.CalibrationMethodContract;
import org.junit.jupiter.api.Nested;

/** Every core method, in each of its option variants, against the SPI contract. */
class CoreMethodContractTests {

  @Nested
  class Platt extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return new PlattMethod();
    }
  }

  @Nested
  class PlattLogit extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return PlattMethod.withInput(PlattMethod.Input.LOGIT);
    }
  }

  @Nested
  class Temperature extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return new TemperatureMethod();
    }
  }

  @Nested
  class Beta extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return new BetaMethod();
    }
  }

  @Nested
  class Histogram extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return new HistogramMethod();
    }

    @Override
    protected boolean monotone() {
      return false; // bin means follow the data unless the monotone option is on
    }
  }

  @Nested
  class HistogramMonotoneEqualWidth extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return HistogramMethod.builder()
          .bins(15)
          .binning(HistogramMethod.Binning.EQUAL_WIDTH)
          .monotone(true)
          .build();
    }
  }

  @Nested
  class Identity extends CalibrationMethodContract {
    @Override
    protected CalibrationMethod method() {
      return new IdentityMethod();
    }

    @Override
    protected double minOutput() {
      return Double.NEGATIVE_INFINITY;
    }

    @Override
    protected double maxOutput() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    protected boolean rejectsEmptyData() {
      return false; // learns nothing, so needs nothing
    }

    @Override
    protected boolean rejectsSingleLabel() {
      return false;
    }
  }
}
