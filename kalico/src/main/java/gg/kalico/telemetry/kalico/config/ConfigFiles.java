package gg.kalico.telemetry.kalico.config;

import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads config files the way Kalico does (strict UTF-8, universal newlines, BOM kept), refusing
 * what would harm the host: files over {@link #MAX_FILE_BYTES}, directories, FIFOs and devices.
 * Each file is read once per {@link KalicoConfigReader#read} even though Kalico parses it three
 * times.
 */
final class ConfigFiles {
  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private final Path baseDir;
  private final Map<Path, String> cache = new HashMap<>();

  ConfigFiles(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Makes later reads of {@code file} return {@code text}, as if it were on disk. */
  void override(Path file, String text) {
    cache.put(file.toAbsolutePath().normalize(), text);
  }

  /** The file as shown in messages: relative to the main config's folder when inside it. */
  String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(baseDir) && !abs.equals(baseDir)
        ? baseDir.relativize(abs).toString()
        : abs.toString();
  }

  /**
   * The file's text with newlines translated.
   *
   * @param includedFrom where the include that names this file stands, for messages
   */
  String read(Path file, String includedFrom) {
    Path key = file.toAbsolutePath().normalize();
    String cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    String shown = display(file);
    String prefix = includedFrom == null ? "" : " (included from " + includedFrom + ")";
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ConfigFileException(
          shown,
          0,
          "no such file"
              + prefix
              + (Files.isSymbolicLink(file) ? " (it is a broken symbolic link)" : "")
              + "; create it or correct the name");
    } catch (IOException e) {
      throw new ConfigFileException(
          shown, 0, "cannot be read (" + e.getClass().getSimpleName() + ")" + prefix);
    }
    if (attributes.isDirectory()) {
      throw new ConfigFileException(
          shown,
          0,
          "is a directory, not a config file"
              + prefix
              + "; make the include name files, for example 'dir/*.cfg'");
    }
    if (!attributes.isRegularFile()) {
      throw new ConfigFileException(
          shown,
          0,
          "is not a regular file (a FIFO, socket or device)"
              + prefix
              + "; it was not read. Include only regular files");
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw new ConfigFileException(
          shown,
          0,
          "is "
              + (attributes.size() / (1024 * 1024))
              + " MiB; config files above 16 MiB are refused to protect the host"
              + prefix
              + ". Is this really a config file?");
    }
    byte[] bytes;
    try {
      // opened once, checked again on opening, and read with a bound
      bytes = SmallFiles.read(file, (int) MAX_FILE_BYTES, SmallFiles.Links.FOLLOW);
    } catch (UnsafeFileException e) {
      throw new ConfigFileException(
          shown,
          0,
          "changed while being read (it grew above 16 MiB"
              + " or was replaced)"
              + prefix
              + "; run again");
    } catch (AccessDeniedException e) {
      throw new ConfigFileException(
          shown,
          0,
          "cannot be read: permission denied"
              + prefix
              + "; let the user running this program read it");
    } catch (NoSuchFileException e) {
      throw new ConfigFileException(shown, 0, "no such file" + prefix);
    } catch (IOException e) {
      throw new ConfigFileException(
          shown, 0, "cannot be read (" + e.getClass().getSimpleName() + ")" + prefix);
    }
    String text = decode(bytes, shown);
    if (text.indexOf('\r') >= 0) {
      text = text.replace("\r\n", "\n").replace('\r', '\n');
    }
    cache.put(key, text);
    return text;
  }

  private static String decode(byte[] bytes, String shown) {
    // the JDK's lenient decoder is much faster than a strict CharsetDecoder; it only differs
    // when it had to insert U+FFFD, and then the strict one decides
    String fast = new String(bytes, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int line = 1;
      int bad = firstInvalidUtf8(bytes);
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      boolean binary = bad >= 0 && looksBinary(bytes);
      throw new ConfigFileException(
          shown,
          line,
          binary
              ? "is a binary file, not a text config; include only text files"
              : "is not valid UTF-8 text; save the file as UTF-8 (Kalico reads config files as"
                  + " UTF-8)");
    }
  }

  private static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 4096);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static int firstInvalidUtf8(byte[] b) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    var out = CharBuffer.allocate(b.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : b.length;
  }
}
