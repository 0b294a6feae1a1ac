package dev.calibration.core.internal.run;

import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.run.CalibrationRunException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The fast path: a file is read in blocks of 448 KiB cut at line ends; blocks are parsed on the
 * run's threads straight into primitive batches, and merged into the {@link JoinStore} in file
 * order by the calling thread (at most {@code 2 * threads} blocks in flight, so memory stays
 * bounded whatever the file size). Blocks and their batches stay below half a G1 region, so they
 * are ordinary young-generation allocations rather than humongous ones. A block's buffer is reused
 * once its batch has been merged (batches copy the ids they keep), so a 3.5 GB file does not
 * allocate and zero 3.5 GB of blocks.
 *
 * <p>Concurrency: a block and its batch belong to one parsing task until its future completes;
 * the merge (and so every mutable structure of the store) stays on the calling thread. Outcome
 * tasks also probe the store's id table, which no one writes while outcomes are read.
 */
public final class FastPath {
  static final int BLOCK = 448 << 10;

  private FastPath() {}

  /** Reads a prediction log (standard JSONL format) into the store. */
  public static void predictions(JoinStore store, Path file, ExecutorService pool, int threads) {
    RunSpec spec = store.spec();
    PredictionScanner scanner = new PredictionScanner(spec);
    String name = file.toString();
    long[] lineBase = {0};
    blocks(
        file,
        pool,
        threads,
        block -> scanner.parse(block.bytes, block.length, block.last),
        batch -> {
          store.addPredictions(batch, name, lineBase[0]);
          lineBase[0] += batch.lines;
        });
  }

  /** Reads a CSV outcome file into the store. */
  public static void outcomes(
      JoinStore store, Path file, OutcomeMapping mapping, ExecutorService pool, int threads) {
    CsvScanner scanner = CsvScanner.open(file, mapping, store.spec());
    String name = file.toString();
    long[] lineBase = {0};
    blocks(
        file,
        pool,
        threads,
        block -> {
          OutcomeBatch b =
              block.first
                  ? scanner.parse(block.bytes, scanner.headerEnd(), block.length, 1)
                  : scanner.parse(block.bytes, 0, block.length, 0);
          store.lookUp(b); // the id table is read-only while outcomes merge: probe it here
          return b;
        },
        batch -> {
          store.addOutcomes(batch, name, lineBase[0]);
          lineBase[0] += batch.lines;
        });
  }

  private static final class Block {
    final byte[] bytes;
    final int length;
    final boolean first;
    final boolean last;

    Block(byte[] bytes, int length, boolean first, boolean last) {
      this.bytes = bytes;
      this.length = length;
      this.first = first;
      this.last = last;
    }
  }

  /** Reads blocks, parses them in parallel, merges in order. */
  private static <B> void blocks(
      Path file,
      ExecutorService pool,
      int threads,
      Function<Block, B> parse,
      java.util.function.Consumer<B> merge) {
    ArrayDeque<Future<B>> inflight = new ArrayDeque<>();
    ArrayDeque<byte[]> inflightBuffers = new ArrayDeque<>();
    ArrayDeque<byte[]> free = new ArrayDeque<>(); // buffers of merged blocks, ready for reuse
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] carry = new byte[0];
      int carryLen = 0;
      boolean first = true;
      boolean eof = false;
      while (!eof) {
        byte[] buf =
            carryLen * 2 > BLOCK
                ? new byte[carryLen * 2]
                : free.isEmpty() ? new byte[BLOCK] : free.pop();
        System.arraycopy(carry, 0, buf, 0, carryLen);
        int len = carryLen;
        while (len < buf.length) {
          int r = ch.read(ByteBuffer.wrap(buf, len, buf.length - len));
          if (r < 0) {
            eof = true;
            break;
          }
          len += r;
        }
        int end;
        if (eof) {
          end = len;
          carryLen = 0;
        } else {
          int nl = lastNewline(buf, len);
          if (nl < 0) { // one line longer than the block: read on with a bigger block
            carry = buf;
            carryLen = len;
            continue;
          }
          end = nl + 1;
          carryLen = len - end;
          carry = Arrays.copyOfRange(buf, end, len);
        }
        if (end == 0 && !first) {
          break;
        }
        Block block = new Block(buf, end, first, eof);
        first = false;
        inflight.add(pool.submit(() -> parse.apply(block)));
        inflightBuffers.add(buf);
        while (inflight.size() >= 2 * threads) {
          mergeOldest(inflight, inflightBuffers, free, merge);
        }
      }
      while (!inflight.isEmpty()) {
        mergeOldest(inflight, inflightBuffers, free, merge);
      }
    } catch (IOException e) {
      throw new CalibrationRunException(
          "CAL-RUN-001", file.toString(), 0, "", "cannot read the file: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CalibrationRunException("CAL-RUN-001", file.toString(), 0, "", "interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new CalibrationRunException(
          "CAL-RUN-001", file.toString(), 0, "", "parsing failed: " + c, c);
    } finally {
      inflight.forEach(f -> f.cancel(true));
    }
  }

  /** Waits for the oldest block, merges its batch and frees its buffer for the next read. */
  private static <B> void mergeOldest(
      ArrayDeque<Future<B>> inflight,
      ArrayDeque<byte[]> buffers,
      ArrayDeque<byte[]> free,
      java.util.function.Consumer<B> merge)
      throws InterruptedException, ExecutionException {
    B batch = inflight.poll().get();
    byte[] buf = buffers.poll();
    if (buf.length == BLOCK) {
      free.push(buf); // its task has finished: nothing reads the buffer any more
    }
    merge.accept(batch);
  }

  private static int lastNewline(byte[] buf, int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
