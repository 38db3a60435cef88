package dev.switchboard.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A directory holding one folder of the classpath's static files: the folder itself when the
 * classes are on disk, else a copy taken out of the jar into a private temporary directory once at
 * start. Served from the jar, the web server mounts the whole jar as a zip file system and keeps an
 * index of its 26,000 entries for the life of the process (tens of MB of heap and seconds of start)
 * for a few dozen files.
 */
final class ConsoleFiles {
  // Once per process: consoles started again in one JVM (tests) reuse the copy.
  private static final Map<String, Path> DIRECTORIES = new ConcurrentHashMap<>();

  private ConsoleFiles() {}

  /**
   * The directory for classpath folder {@code folder} (e.g. {@code web}), found through {@code
   * marker}, a file inside it.
   */
  static Path directory(String folder, String marker) {
    return DIRECTORIES.computeIfAbsent(folder + "|" + marker, k -> locate(folder, marker));
  }

  private static Path locate(String folder, String marker) {
    URL url = ConsoleFiles.class.getResource("/" + folder + "/" + marker);
    if (url == null) {
      throw new IllegalStateException("/" + folder + "/" + marker + " is not on the classpath");
    }
    try {
      if (url.getProtocol().equals("file")) {
        Path file = Path.of(url.toURI());
        Path dir = file;
        for (int i = 0; i < marker.split("/").length; i++) {
          dir = dir.getParent();
        }
        return dir;
      }
      if (url.getProtocol().equals("jar") && url.openConnection() instanceof JarURLConnection jar) {
        jar.setUseCaches(false);
        return extract(Path.of(jar.getJarFileURL().toURI()), folder + "/");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the console's files from " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the console's files at " + url, e);
    }
    throw new IllegalStateException("the console's files are at an unsupported URL: " + url);
  }

  private static Path extract(Path jarPath, String prefix) throws IOException {
    // A fresh directory only this user can read (no name another local user could plant first).
    Path root = Files.createTempDirectory("switchboard-console-");
    Path target = root.resolve(prefix).normalize();
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (!e.getName().startsWith(prefix) || e.isDirectory()) {
          continue;
        }
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(target)) {
          continue; // a name with ".." would leave the folder
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> deleteTree(root), "console-files-cleanup"));
    return target;
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Best effort at exit: a temporary directory left behind is the OS's to clear.
    }
  }
}
