package dev.calibration.loader;

import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Optional;

/**
 * A config served over HTTP, read with a conditional GET: the loader passes the {@code ETag} of
 * the last document it accepted as {@code If-None-Match}, and a {@code 304} costs no body.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: it starts no threads
 * of its own, so a closed loader leaves none behind. Stateless; thread-safe.
 */
final class UrlConfigSource implements ConfigSource {

  private final URI uri;
  private final Duration timeout;

  UrlConfigSource(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
  }

  @Override
  public ConfigFetch fetch(Optional<String> knownTag, long maxBytes) throws IOException {
    URLConnection c = uri.toURL().openConnection();
    if (!(c instanceof HttpURLConnection)) {
      throw new IOException(uri + " is not an HTTP URL");
    }
    HttpURLConnection http = (HttpURLConnection) c;
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    http.setConnectTimeout(millis);
    http.setReadTimeout(millis);
    http.setUseCaches(false);
    http.setInstanceFollowRedirects(true);
    http.setRequestProperty("Accept", "application/json");
    knownTag.ifPresent(t -> http.setRequestProperty("If-None-Match", t));
    try {
      int status = http.getResponseCode();
      if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
        return ConfigFetch.notModified();
      }
      if (status == HttpURLConnection.HTTP_NOT_FOUND) {
        return ConfigFetch.missing();
      }
      if (status != HttpURLConnection.HTTP_OK) {
        throw new IOException("HTTP " + status + " from " + uri);
      }
      long declared = http.getContentLengthLong();
      if (declared > maxBytes) {
        throw new Limits.DocumentTooLargeException(uri.toString(), maxBytes);
      }
      byte[] body;
      try (InputStream in = http.getInputStream()) {
        body = Limits.readAtMost(in, maxBytes, uri.toString());
      }
      String etag = http.getHeaderField("ETag");
      return etag == null || etag.isBlank() ? ConfigFetch.of(body) : ConfigFetch.of(body, etag);
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException("no answer from " + uri + " within " + timeout.toMillis() + " ms", e);
    } finally {
      http.disconnect();
    }
  }

  @Override
  public String description() {
    return uri.toString();
  }

  @Override
  public String toString() {
    return "url " + uri;
  }
}
