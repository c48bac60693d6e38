package io.paydesk.sandbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The sandbox's state on disk: an append-only journal of flat records, one per line, each a
 * URL-encoded {@code k=v&k=v} (so no value can break a line). A record is the whole new state of
 * one order, refund or balance; replay keeps the last one per key. Each append is written and
 * forced before the call that caused it answers. At start the journal is compacted: the current
 * state is written to a temporary file that atomically replaces the journal. A torn last line (a
 * crash mid-write) is ignored. Without a file (in-memory mode) appends are no-ops.
 */
final class Journal implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Journal.class.getName());

  private final Path file;
  private FileChannel channel;

  private Journal(Path file) {
    this.file = file;
  }

  static Journal inMemory() {
    return new Journal(null);
  }

  static Journal onDisk(Path file) {
    return new Journal(file);
  }

  boolean persistent() {
    return file != null;
  }

  /** Every readable record, in file order. */
  List<Map<String, String>> read() {
    List<Map<String, String>> records = new ArrayList<>();
    if (file == null || !Files.exists(file)) {
      return records;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String[] lines = text.split("\n", -1);
      // the last element is "" when the file ends with a newline, else a torn line
      for (int i = 0; i < lines.length - 1; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        try {
          records.add(decode(lines[i]));
        } catch (IllegalArgumentException e) {
          LOG.warning(() -> "journal line skipped, unreadable: file=" + file);
        }
      }
      if (!lines[lines.length - 1].isEmpty()) {
        LOG.warning(() -> "journal ends with a torn line (ignored): file=" + file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file, e);
    }
    return records;
  }

  /** Replaces the journal with {@code records} (atomically) and opens it for appending. */
  synchronized void compact(Collection<Map<String, String>> records) {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out =
          new BufferedWriter(
              Files.newBufferedWriter(
                  tmp,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING))) {
        for (Map<String, String> record : records) {
          out.write(encode(record));
          out.write('\n');
        }
      }
      try (FileChannel sync = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        sync.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      closeChannel();
      channel =
          FileChannel.open(
              file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact the journal " + file, e);
    }
  }

  /** Appends one record and forces it to disk. */
  synchronized void append(Map<String, String> record) {
    if (file == null) {
      return;
    }
    if (channel == null) {
      throw new IllegalStateException("journal not opened: compact() first");
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap((encode(record) + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    closeChannel();
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warning(() -> "closing the journal failed: " + e);
      }
      channel = null;
    }
  }

  static String encode(Map<String, String> record) {
    StringBuilder sb = new StringBuilder(256);
    for (Map.Entry<String, String> e : record.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  static Map<String, String> decode(String line) {
    Map<String, String> record = new LinkedHashMap<>();
    for (String pair : line.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not a record");
      }
      record.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    if (!record.containsKey("type")) {
      throw new IllegalArgumentException("record without type");
    }
    return record;
  }
}
