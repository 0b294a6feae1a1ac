package dev.calibration.loader;

import java.io.IOException;
import java.io.InputStream;

/** Reading a document with the loader's size limit. */
final class Limits {
  private Limits() {}

  /**
   * All bytes of {@code in}, failing as soon as more than {@code maxBytes} arrive.
   *
   * @throws DocumentTooLargeException when the document is larger than {@code maxBytes}
   */
  static byte[] readAtMost(InputStream in, long maxBytes, String what) throws IOException {
    int cap = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
    byte[] data = in.readNBytes(cap);
    if (data.length == cap && in.read() >= 0) {
      throw new DocumentTooLargeException(what, maxBytes);
    }
    return data;
  }

  /** A document over the loader's size limit ({@code CAL-LOAD-002}). */
  static final class DocumentTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    DocumentTooLargeException(String what, long maxBytes) {
      super(what + " is larger than the limit of " + maxBytes + " bytes");
    }
  }
}
