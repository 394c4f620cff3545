package gg.kalico.telemetry.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that readers see either the old bytes or the new ones, never a torn file:
 * the new bytes go to a temporary file in the same folder, are forced to disk, and are renamed
 * over the target. A symbolic link is followed, so the link stays a link. An existing file keeps
 * its permissions.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target} atomically.
   *
   * @return the real path written (the link's target when {@code target} is a symbolic link)
   * @throws IOException if the folder is not writable or the disk is full; the target is then
   *     unchanged and no temporary file is left behind
   */
  public static Path write(Path target, byte[] bytes) throws IOException {
    return write(target, bytes, null);
  }

  /**
   * As {@link #write(Path, byte[])}, for a new file that takes its mode and owner from
   * {@code modeFrom} (a backup takes its source's: a 0600 config never yields a 0644 backup).
   */
  public static Path write(Path target, byte[] bytes, Path modeFrom) throws IOException {
    Prepared prepared = prepare(target, bytes, modeFrom);
    try {
      return prepared.commit();
    } finally {
      prepared.discard();
    }
  }

  /**
   * First half of {@link #write}: the new bytes are on disk, forced, beside the target, and the
   * target is untouched until {@link Prepared#commit()}. Lets a caller prepare several files
   * before replacing any.
   */
  public static Prepared prepare(Path target, byte[] bytes) throws IOException {
    return prepare(target, bytes, null);
  }

  private static Prepared prepare(Path target, byte[] bytes, Path modeFrom) throws IOException {
    Path real = resolveLinks(target);
    Path dir = real.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + real.getFileName() + ".tmp-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    // the file keeps its own mode and owner; a new one takes them from modeFrom
    Path model = Files.exists(real) ? real : modeFrom;
    Set<PosixFilePermission> perms = model == null ? null : permissions(model);
    boolean done = false;
    try {
      Set<java.nio.file.OpenOption> open = Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      // created with the final mode from the start (the umask can only narrow it), never
      // readable by others for a moment and then narrowed
      try (FileChannel ch = perms == null ? FileChannel.open(temp, open)
          : FileChannel.open(temp, open,
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(perms))) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (model != null) {
        copyPermissions(model, temp);
        copyOwner(model, temp);
      }
      done = true;
      return new Prepared(real, temp);
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** New bytes waiting beside their target. */
  public static final class Prepared {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private Prepared(Path target, Path temp) {
      this.target = target;
      this.temp = temp;
    }

    /** The real file that {@link #commit()} replaces. */
    public Path target() {
      return target;
    }

    /** Renames the new bytes over the target, then syncs the folder. */
    public Path commit() throws IOException {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
      syncDirectory(target.toAbsolutePath().getParent());
      return target;
    }

    /** Removes the temporary file if it was not committed; safe to call twice. */
    public void discard() {
      if (!committed) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a leftover hidden temporary file is harmless and never read
        }
      }
    }
  }

  private static Path resolveLinks(Path target) throws IOException {
    Path p = target;
    for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
      Path link = Files.readSymbolicLink(p);
      p = p.toAbsolutePath().getParent().resolve(link);
    }
    return p;
  }

  private static Set<PosixFilePermission> permissions(Path from) {
    try {
      return Files.getPosixFilePermissions(from);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Keeps the owner (when this process may: a root process writing a user's file). */
  private static void copyOwner(Path from, Path to) {
    try {
      java.nio.file.attribute.UserPrincipal owner = Files.getOwner(from);
      if (!owner.equals(Files.getOwner(to))) {
        Files.setOwner(to, owner);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // not allowed or not supported: the file belongs to whoever writes it
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
      Files.setPosixFilePermissions(to, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform default applies
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the rename itself is still atomic
    }
  }
}
