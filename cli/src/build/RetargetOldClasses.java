/*
 * Run by the cli module's build (a single-file program, `java -cp asm.jar RetargetOldClasses.java
 * JAR`), after the shade step: rewrites, in place, every class file of the jar older than Java 6
 * (class file major version below 50) as a Java 8 class file, with the stack map frames newer
 * class files carry. Why: Java's class-data archive (AppCDS, which the release launcher keeps so
 * that a start on a small board is fast) cannot hold such old class files, so they were read and
 * verified by the old verifier on every start. picocli ships Java 5 class files; its first command
 * model took 70 to 110 ms of every start. The bytecode itself is unchanged: only the version and
 * the frames computed from it.
 */
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

public final class RetargetOldClasses {
  private static final int JAVA_6 = 50;

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RetargetOldClasses JAR");
      System.exit(64);
    }
    Path jar = Path.of(args[0]);
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".retargeted");
    int count = 0;
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        JarFile in = new JarFile(jar.toFile());
        OutputStream file = Files.newOutputStream(rewritten);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream stream = in.getInputStream(entry)) {
          bytes = stream.readAllBytes();
        }
        if (entry.getName().endsWith(".class") && major(bytes) < JAVA_6) {
          bytes = retarget(bytes, classes);
          count++;
        }
        JarEntry copy = new JarEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("retargeted " + count + " class files older than Java 6 to Java 8 in " + jar);
  }

  private static int major(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static byte[] retarget(byte[] classFile, ClassLoader classes) {
    ClassWriter writer =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          // frames need the common superclass of two types: look them up in the jar itself
          @Override
          protected ClassLoader getClassLoader() {
            return classes;
          }
        };
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9, writer) {
              @Override
              public void visit(
                  int version,
                  int access,
                  String name,
                  String signature,
                  String superName,
                  String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
              }
            },
            ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
