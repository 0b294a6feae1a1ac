package dev.calibration.loader;

import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The built-in {@link ConfigSource}s. Implement {@code ConfigSource} for anything else. */
public final class ConfigSources {
  private ConfigSources() {}

  /** The default time-out of {@link #url(URI)}: 5 seconds. */
  public static final Duration DEFAULT_URL_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A file, watched through its parent directory so that atomic renames, editors that replace
   * files and Kubernetes ConfigMap ({@code ..data} symlink) updates are all seen. A missing file is
   * reported as missing, not as an error.
   */
  public static ConfigSource file(Path file) {
    Objects.requireNonNull(file, "file must not be null");
    return new FileConfigSource(file);
  }

  /**
   * A class path resource, e.g. {@code "calibration/active.json"}, read with this library's class
   * loader. It never changes, so it is read once and then only polled cheaply.
   */
  public static ConfigSource classpath(String resource) {
    return classpath(resource, ConfigSources.class.getClassLoader());
  }

  /** A class path resource read with {@code loader}. */
  public static ConfigSource classpath(String resource, ClassLoader loader) {
    Objects.requireNonNull(resource, "resource must not be null");
    Objects.requireNonNull(loader, "loader must not be null");
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    return new ConfigSource() {
      @Override
      public ConfigFetch fetch(Optional<String> knownTag, long maxBytes) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
          if (in == null) {
            return ConfigFetch.missing();
          }
          return ConfigFetch.of(Limits.readAtMost(in, maxBytes, "classpath:" + name));
        }
      }

      @Override
      public String description() {
        return "classpath:" + name;
      }
    };
  }

  /** An in-memory source with no document yet. */
  public static InMemoryConfigSource memory() {
    return new InMemoryConfigSource(ConfigFetch.missing());
  }

  /** An in-memory source holding {@code document} (copied). */
  public static InMemoryConfigSource memory(byte[] document) {
    return new InMemoryConfigSource(ConfigFetch.of(document));
  }

  /**
   * A config served over HTTP(S), polled with {@code If-None-Match} so an unchanged document costs
   * a {@code 304}. 404 means missing; any other status, a time-out or a refused connection is a
   * failed read (the loader keeps its last good config). Time-out {@link #DEFAULT_URL_TIMEOUT}.
   */
  public static ConfigSource url(URI uri) {
    return url(uri, DEFAULT_URL_TIMEOUT);
  }

  /**
   * As {@link #url(URI)} with a connect and read time-out.
   *
   * @throws IllegalArgumentException when the scheme is not http or https, or the time-out is not
   *     positive
   */
  public static ConfigSource url(URI uri, Duration timeout) {
    Objects.requireNonNull(uri, "uri must not be null");
    Objects.requireNonNull(timeout, "timeout must not be null");
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("uri must be http or https but was " + uri);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "timeout must be > 0 ms but was " + timeout.toMillis() + " ms");
    }
    return new UrlConfigSource(uri, timeout);
  }

  /**
   * The file named by system property {@code property}, read when this is called; when the
   * property is not set, a source that is always missing (no config: the loader's defaults apply,
   * the opt-in style of pricing engines).
   */
  public static ConfigSource systemProperty(String property) {
    Objects.requireNonNull(property, "property must not be null");
    return named("system property " + property, System.getProperty(property));
  }

  /**
   * The file named by environment variable {@code variable}; when it is not set, a source that is
   * always missing.
   */
  public static ConfigSource environment(String variable) {
    return environment(variable, System::getenv);
  }

  /** As {@link #environment(String)}, reading variables through {@code env} (for tests). */
  public static ConfigSource environment(String variable, Function<String, @Nullable String> env) {
    Objects.requireNonNull(variable, "variable must not be null");
    return named("environment variable " + variable, env.apply(variable));
  }

  private static ConfigSource named(String what, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return new ConfigSource() {
        @Override
        public ConfigFetch fetch(Optional<String> knownTag, long maxBytes) {
          return ConfigFetch.missing();
        }

        @Override
        public String description() {
          return what + " (not set)";
        }
      };
    }
    return new FileConfigSource(Path.of(value.strip()));
  }
}
