package dev.calibration.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file channel whose writes fail while {@link #failing} is set, as a full or broken disk's
 * would; optionally after writing part of the data first, like a short write before ENOSPC.
 */
final class FlakyChannel extends FileChannel {
  private final FileChannel real;
  volatile boolean failing;
  volatile int partialBytes;

  FlakyChannel(FileChannel real) {
    this.real = real;
  }

  private void maybeFail(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (failing) {
      int n = partialBytes;
      for (int i = offset; i < offset + length && n > 0; i++) {
        ByteBuffer part = srcs[i].duplicate();
        part.limit(part.position() + Math.min(n, part.remaining()));
        n -= real.write(part);
      }
      throw new IOException("No space left on device (injected)");
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    maybeFail(new ByteBuffer[] {src}, 0, 1);
    return real.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    maybeFail(srcs, offset, length);
    return real.write(srcs, offset, length);
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (failing) {
      throw new IOException("Input/output error (injected)");
    }
    real.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    real.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return real.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return real.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    maybeFail(new ByteBuffer[] {src}, 0, 1);
    return real.write(src, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return real.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return real.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return real.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
