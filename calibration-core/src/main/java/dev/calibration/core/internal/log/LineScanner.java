package dev.calibration.core.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines in constant memory.
 *
 * <p>A line longer than the limit is not kept: its bytes are counted and skipped up to the next
 * {@code '\n'}, and {@link #tooLong()} says so. A line that fits is exposed in place, without a
 * copy when it lies within the read buffer: {@link #array()} from {@link #offset()} for {@link
 * #length()} bytes, excluding the {@code '\n'} (a {@code '\r'} before it is kept). The exposed bytes
 * are valid until the next call to {@link #next()}.
 *
 * <p>Not thread-safe.
 */
public final class LineScanner implements Closeable {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] readBuf;
  private int pos;
  private int limit;
  private boolean eof;

  private byte[] lineBuf = new byte[256];
  private byte[] array = lineBuf;
  private int offset;
  private int length;
  private long lineBytes;
  private boolean terminated;
  private boolean tooLong;
  private long lineNumber;
  private long lineStart;
  private long consumed;

  /** A scanner over {@code in} that rejects lines longer than {@code maxLineBytes}. */
  public LineScanner(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1 but was " + maxLineBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.readBuf = new byte[64 * 1024];
  }

  /** Advances to the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    lineStart = consumed;
    length = 0;
    lineBytes = 0;
    terminated = false;
    tooLong = false;
    boolean copying = false;
    while (true) {
      if (pos == limit) {
        if (!fill()) {
          if (lineBytes == 0) {
            return false;
          }
          lineNumber++;
          array = lineBuf; // at the end of the stream a partial line was always copied
          offset = 0;
          return true;
        }
      }
      int i = pos;
      byte[] b = readBuf;
      int end = limit;
      while (i < end && b[i] != '\n') {
        i++;
      }
      int chunk = i - pos;
      lineBytes += chunk;
      if (lineBytes > maxLineBytes) {
        tooLong = true;
      }
      if (i < end) {
        // Found the end of the line.
        consumed += chunk + 1;
        terminated = true;
        lineNumber++;
        if (tooLong) {
          length = 0;
        } else if (copying) {
          append(pos, chunk);
        } else {
          array = readBuf;
          offset = pos;
          length = chunk;
        }
        if (copying || tooLong) {
          array = lineBuf;
          offset = 0;
        }
        pos = i + 1;
        return true;
      }
      consumed += chunk;
      if (!tooLong) {
        if (!copying) {
          copying = true;
          length = 0;
        }
        append(pos, chunk);
      } else {
        copying = true;
        length = 0;
      }
      pos = end;
    }
  }

  private void append(int from, int n) {
    if (length + n > lineBuf.length) {
      lineBuf = Arrays.copyOf(lineBuf, Math.min(Math.max(lineBuf.length * 2, length + n), maxLineBytes));
    }
    System.arraycopy(readBuf, from, lineBuf, length, n);
    length += n;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(readBuf, 0, readBuf.length);
    while (n == 0) {
      n = in.read(readBuf, 0, readBuf.length);
    }
    if (n < 0) {
      eof = true;
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** The array holding the current line. */
  public byte[] array() {
    return array;
  }

  /** Where the current line starts in {@link #array()}. */
  public int offset() {
    return offset;
  }

  /** The current line's length without its {@code '\n'}; 0 when {@link #tooLong()}. */
  public int length() {
    return length;
  }

  /** The current line's full length in the file without its {@code '\n'}, even when too long. */
  public long lineBytes() {
    return lineBytes;
  }

  /** Whether the current line ended with {@code '\n'} (false only for the last line). */
  public boolean terminated() {
    return terminated;
  }

  /** Whether the current line exceeded the limit (its bytes were skipped, not kept). */
  public boolean tooLong() {
    return tooLong;
  }

  /** The 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The byte offset in the stream where the current line starts. */
  public long byteOffset() {
    return lineStart;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
