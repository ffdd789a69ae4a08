import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds the self-contained distribution (run by `./mvnw package`, plain JDK, single-file program):
 *   java src/dist/Distribution.java JAR DIR
 * DIR/bin/clerk-vertx (the launcher), DIR/lib/clerk-vertx.jar and the Corretto provider's native library
 * beside it, DIR/conf/config.json, DIR/runtime (jlink:
 * the modules jdeps finds plus those used at run time only), then DIR/lib/clerk-vertx.jsa: an AppCDS
 * archive written at the exit of a training run of the launcher against a local JWKS.
 */
public class Distribution {
  /** Reached at run time only, which jdeps cannot see: TLS key exchange with the JWKS host (EC). */
  static final List<String> RUNTIME_MODULES = List.of("jdk.crypto.ec", "jdk.unsupported", "java.management");
  static final String NATIVE_LIBRARY = "com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so";
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** The whole build may take this long; then the program halts, so that it never holds the build (and its lock). */
  static final Duration WHOLE_BUILD = Duration.ofMinutes(4);
  /** The training run must get ready within this, and exit within {@link #EXIT} of SIGTERM. */
  static final Duration READY = Duration.ofSeconds(90);
  static final Duration EXIT = Duration.ofSeconds(30);

  public static void main(String[] args) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(WHOLE_BUILD.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("[dist] not done after " + WHOLE_BUILD.toMinutes() + " min: giving up");
      Runtime.getRuntime().halt(2);
    }, "dist-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int status = 0;
    try {
      build(Path.of(args[0]), Path.of(args[1]));
    } catch (Throwable e) {
      System.err.println("[dist] failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    // whatever thread is left (an HTTP client's, a server's), the program ends here
    System.exit(status);
  }

  static void build(Path jar, Path dir) throws Exception {
    long start = System.nanoTime();
    deleteTree(dir);
    Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("bin"));
    Files.copy(jar, dir.resolve("lib/clerk-vertx.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    unpackNativeLibrary(jar, dir.resolve("lib"));
    Files.copy(Path.of("conf/config.json"), dir.resolve("conf/config.json"));
    Path launcher = dir.resolve("bin/clerk-vertx");
    Files.copy(Path.of("src/dist/bin/clerk-vertx"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

    TreeSet<String> modules = new TreeSet<>(Arrays.asList(run("jdeps", "--ignore-missing-deps", "--multi-release", "17",
      "--print-module-deps", jar.toString()).strip().split(",")));
    modules.addAll(RUNTIME_MODULES);
    System.out.println("[dist] runtime modules: " + String.join(",", modules));
    run("jlink", "--add-modules", String.join(",", modules), "--strip-debug", "--no-man-pages", "--no-header-files",
      "--generate-cds-archive", "--output", dir.resolve("runtime").toString());
    train(dir);
    System.out.printf("[dist] %s built in %.1f s%n", dir, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The Corretto provider's native library, out of the jar into lib/, where the launcher points the
   * provider at it ({@code useExternalLib}): otherwise the provider copies its 9 MiB out of the jar into a
   * temporary directory at every start (about a tenth of a second of a cold start, and a write outside
   * /tmp's tmpfs on some hosts). Skipped when the jar holds none (a build without the Linux x86-64 jar).
   */
  static void unpackNativeLibrary(Path jar, Path lib) throws IOException {
    try (FileSystem zip = FileSystems.newFileSystem(jar)) {
      Path so = zip.getPath(NATIVE_LIBRARY);
      if (Files.isRegularFile(so)) {
        Path target = lib.resolve(so.getFileName().toString());
        Files.copy(so, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        System.out.printf("[dist] Corretto's native library: %s (%d MiB)%n", target, Files.size(target) >> 20);
      } else {
        System.out.println("[dist] no Corretto native library in the jar: the provider loads as the jar has it");
      }
    }
  }

  /** Runs a JDK tool in this JVM; its output, or an exception with it when the tool fails. */
  static String run(String tool, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = ToolProvider.findFirst(tool).orElseThrow().run(print, print, args);
    String text = out.toString(StandardCharsets.UTF_8);
    if (status != 0) {
      throw new IllegalStateException(tool + " failed (" + status + "): " + text);
    }
    return text;
  }

  /**
   * The training run: the launcher, as a user starts it, with {@code -XX:ArchiveClassesAtExit}, serving
   * the requests of a normal day (a JWKS fetch, valid and invalid tokens, REST, GraphQL, probes, metrics)
   * until SIGTERM; the JVM writes the classes it loaded into the archive as it exits.
   */
  static void train(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"ins_training\",\"n\":\""
      + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}").getBytes(StandardCharsets.UTF_8);
    HttpServer keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    // its handlers on a daemon thread; the dispatcher thread ends with stop() below (and System.exit after)
    keyServer.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dist-jwks");
      t.setDaemon(true);
      return t;
    }));
    keyServer.createContext("/.well-known/jwks.json", ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, jwks.length);
      ex.getResponseBody().write(jwks);
      ex.close();
    });
    keyServer.start();
    String issuer = "http://127.0.0.1:" + keyServer.getAddress().getPort();
    int port = freePort();
    Path archive = dir.resolve("lib/clerk-vertx.jsa").toAbsolutePath();
    Path log = dir.getParent().resolve("cds-training.log");
    ProcessBuilder pb = new ProcessBuilder(dir.resolve("bin/clerk-vertx").toAbsolutePath().toString());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("CLERK_ISSUER_URL", issuer);
    pb.environment().put("PORT", String.valueOf(port));
    int managementPort = freePort();
    pb.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
    pb.environment().put("SHUTDOWN_DELAY_SECONDS", "0");
    pb.environment().put("ACCESS_LOG", "true");
    pb.environment().put("JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + archive + " -Xlog:cds=error");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process service = pb.start();
    try {
      trainingDay(service, log, port, managementPort, keys, issuer);
    } finally {
      service.destroy();
      boolean exited = service.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS);
      if (!exited) {
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      keyServer.stop(0);
      if (!exited || service.exitValue() != 0 || !Files.isRegularFile(archive)) {
        throw new IllegalStateException("training run failed (" + (exited ? "exit " + service.exitValue()
          : "no exit within " + EXIT.toSeconds() + " s of SIGTERM, killed") + "): " + Files.readString(log));
      }
    }
    System.out.printf("[dist] AppCDS archive: %s (%d MiB)%n", archive, Files.size(archive) >> 20);
  }

  /** What the service does on a normal day, until it has loaded the classes such a day loads. */
  static void trainingDay(Process service, Path log, int port, int managementPort, KeyPair keys, String issuer)
    throws Exception {
    {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      long deadline = System.nanoTime() + READY.toNanos();
      while (status(http, base + "/ready", null, null) != 200) {
        if (!service.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("training run did not get ready: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
      String token = token(keys, issuer);
      for (int i = 0; i < 200; i++) {
        expect(http, base + "/rest-endpoints/" + i, token, null, 200);
        expect(http, base + "/graphql", token, "{\"query\":\"{ pingOne(id: \\\"" + i + "\\\") me { userId } }\"}", 200);
        expect(http, base + "/rest-endpoints/" + i, "x.y.z", null, 401);
        expect(http, base + "/org-endpoints/" + i, token, null, 403);
        expect(http, base + "/health", null, null, 200);
        expect(http, base + "/nowhere", null, null, 404);
      }
      status(http, base + "/graphiql/", null, null);
      expect(http, "http://127.0.0.1:" + managementPort + "/metrics", null, null, 200);
    }
  }

  static void expect(HttpClient http, String url, String token, String body, int expected) throws Exception {
    int got = status(http, url, token, body);
    if (got != expected) {
      throw new IllegalStateException(url + " answered " + got + ", expected " + expected);
    }
  }

  static int status(HttpClient http, String url, String token, String body) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    }
  }

  /** A Clerk v2 session token, RS256, valid for an hour. */
  static String token(KeyPair keys, String issuer) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"RS256\",\"kid\":\"ins_training\",\"typ\":\"JWT\"}";
    String payload = "{\"azp\":\"http://localhost:3000\",\"exp\":" + (now + 3600) + ",\"fva\":[0,-1],\"iat\":" + now
      + ",\"iss\":\"" + issuer + "\",\"nbf\":" + (now - 10) + ",\"sid\":\"sess_training\",\"sts\":\"active\","
      + "\"sub\":\"user_training\",\"v\":2}";
    String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
      + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(keys.getPrivate());
    rsa.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(rsa.sign());
  }

  static String b64(BigInteger v) {
    byte[] b = v.toByteArray();
    return B64.encodeToString(b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
