package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The URL source against a real HTTP server on 127.0.0.1 (the JDK's com.sun.net.httpserver). */
class UrlSourceTest {

  private HttpServer server;
  private URI uri;
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> ifNoneMatch = Collections.synchronizedList(new ArrayList<>());

  /** What the server answers next; volatile because the server's thread reads it. */
  private volatile int status = 200;

  private volatile byte[] body = TestConfigs.bytes(1);
  private volatile @Nullable String etag = "\"v1\"";
  private volatile boolean hang;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/active.json",
        exchange -> {
          try {
            String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(sent == null ? "-" : sent);
            if (hang) {
              release.await(30, TimeUnit.SECONDS);
            }
            String tag = etag;
            if (tag != null) {
              exchange.getResponseHeaders().add("ETag", tag);
            }
            if (status == 200 && tag != null && tag.equals(sent)) {
              exchange.sendResponseHeaders(304, -1);
            } else if (status == 200) {
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            } else {
              exchange.sendResponseHeaders(status, -1);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    server.start();
    uri =
        URI.create(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/active.json");
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private final ManualScheduler time = new ManualScheduler();
  private final List<LoadFailure> failures = new ArrayList<>();

  private CalibrationLoader loader(Duration timeout) {
    return CalibrationLoader.builder()
        .source(ConfigSources.url(uri, timeout))
        .methods(TestConfigs.METHODS)
        .scheduler(time)
        .pollInterval(Duration.ofSeconds(2))
        .onFailure(failures::add)
        .build();
  }

  @Test
  void fetch_200WithETag_thenConditionalGetGets304() throws IOException {
    ConfigSource source = ConfigSources.url(uri);

    ConfigFetch first = source.fetch(Optional.empty(), 1 << 20);
    ConfigFetch second = source.fetch(first.tag(), 1 << 20);

    assertEquals(ConfigFetch.of(TestConfigs.bytes(1), "\"v1\""), first);
    assertSame(ConfigFetch.notModified(), second);
    assertEquals(List.of("-", "\"v1\""), ifNoneMatch);
  }

  @Test
  void poll_unchangedThenChanged_304KeepsSnapshotThen200Swaps() {
    try (CalibrationLoader loader = loader(Duration.ofSeconds(5))) {
      CalibrationSnapshot first = loader.current();
      time.advance(Duration.ofSeconds(2));
      assertSame(first, loader.current());
      assertEquals(List.of("-", "\"v1\""), ifNoneMatch);

      body = TestConfigs.bytes(2);
      etag = "\"v2\"";
      time.advance(Duration.ofSeconds(2));

      assertEquals(Optional.of("v2"), loader.currentVersion());
      assertEquals(List.of(), failures);
    }
  }

  @Test
  void poll_server500_keepsLastGoodAndReportsOnce() {
    try (CalibrationLoader loader = loader(Duration.ofSeconds(5))) {
      status = 500;
      time.advance(Duration.ofSeconds(6)); // three polls

      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertEquals(1, failures.size());
      assertEquals("CAL-LOAD-001", failures.get(0).code());
      assertTrue(failures.get(0).message().contains("HTTP 500"), failures.get(0).message());
    }
  }

  @Test
  void poll_serverTooSlow_timesOutKeepingLastGood() {
    try (CalibrationLoader loader = loader(Duration.ofMillis(200))) {
      hang = true;
      time.advance(Duration.ofSeconds(2));

      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertEquals(1, failures.size());
      assertTrue(failures.get(0).message().contains("within 200 ms"), failures.get(0).message());
    }
  }

  @Test
  void poll_garbageBody_keepsLastGoodAndReportsInvalid() {
    try (CalibrationLoader loader = loader(Duration.ofSeconds(5))) {
      body = "<html>502 Bad Gateway</html>".getBytes(UTF_8);
      etag = "\"garbage\"";
      time.advance(Duration.ofSeconds(4));

      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertEquals(1, failures.size());
      assertEquals("CAL-LOAD-003", failures.get(0).code());
    }
  }

  @Test
  void fetch_404_isMissing() throws IOException {
    status = 404;
    assertSame(ConfigFetch.missing(), ConfigSources.url(uri).fetch(Optional.empty(), 1 << 20));
  }

  @Test
  void fetch_bodyOverTheLimit_fails() {
    body = TestConfigs.bytes(1);
    IOException e =
        assertThrows(IOException.class, () -> ConfigSources.url(uri).fetch(Optional.empty(), 10));
    assertTrue(e.getMessage().contains("larger than the limit of 10 bytes"), e.getMessage());
  }

  @Test
  void url_notHttp_rejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ConfigSources.url(URI.create("file:///x.json")));
    assertEquals("uri must be http or https but was file:///x.json", e.getMessage());
  }
}
