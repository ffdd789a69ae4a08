package dev.clerkvertx.support;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service's own {@code Main} in a JVM of its own, with the JVM flags a test chooses (a small heap,
 * SerialGC), on the test classpath: for what the test JVM's heap cannot show. Output goes to a file
 * the test can read; {@link #close()} stops the process by its handle.
 */
public final class ForkedService implements AutoCloseable {
  public final int port;
  private final Process process;
  private final Path log;

  private ForkedService(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  public static ForkedService start(Path dir, List<String> jvmFlags, Map<String, String> env) throws IOException {
    return start(dir, jvmFlags, env, System.getProperty("java.class.path"));
  }

  /** The same on {@code classpath} rather than the test's own. */
  public static ForkedService start(Path dir, List<String> jvmFlags, Map<String, String> env, String classpath)
    throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", classpath, "dev.clerkvertx.Main"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("PORT", String.valueOf(port));
    // a free management port: several builds may share this machine, and a taken one stops start-up at once
    pb.environment().putIfAbsent("MANAGEMENT_PORT", "0");
    pb.directory(dir.toFile());
    Path log = dir.resolve("service.log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return new ForkedService(port, pb.start(), log);
  }

  /** Waits until {@code /ready} answers 200 (the process must stay up meanwhile). */
  public void awaitReady(Vertx vertx) throws Exception {
    WebClient client = WebClient.create(vertx);
    for (int i = 0; i < 600; i++) {
      int status = Service.await(client.get(port, "127.0.0.1", "/ready").send().map(r -> r.statusCode()).otherwise(0));
      if (status == 200) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the service exited: " + output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the service never got ready: " + output());
  }

  /** Waits for the process to exit by itself; its exit status. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the service did not exit");
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
