import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile-traffic drill of issue 8, against a running jar, plain JDK, run as a single-file program:
 *   java bench/Hostile.java PORT TOKEN_FILE SERVICE_PID SERVICE_WORKDIR MANAGEMENT_PORT
 * While it attacks, /health and an authenticated ping are probed every 50 ms; each attack reports the
 * slowest probe, the probes that were not a 200 within 1 s, and its own figures.
 */
public class Hostile {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static int port;
  static String token;
  static long pid;
  static Path workDir;
  static int managementPort;

  public static void main(String[] args) throws Exception {
    port = Integer.parseInt(args[0]);
    token = Files.readString(Path.of(args[1])).strip();
    pid = Long.parseLong(args[2]);
    workDir = Path.of(args[3]);
    managementPort = Integer.parseInt(args[4]);
    System.out.println("| attack | figures | slowest probe | probes not 200 within 1 s |");
    System.out.println("| --- | --- | ---: | ---: |");
    probed("20,000 distinct unknown methods", Hostile::methods);
    probed("two senders of cost documents, 15 s", Hostile::costDocuments);
    probed("150 distinct 250 KB documents", Hostile::largeDocuments);
    probed("120 multipart uploads", Hostile::uploads);
  }

  interface Attack {
    String run() throws Exception;
  }

  static void probed(String name, Attack attack) throws Exception {
    ScheduledExecutorService probes = Executors.newScheduledThreadPool(4);
    AtomicLong slowest = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    AtomicLong count = new AtomicLong();
    probes.scheduleAtFixedRate(() -> probe("/health", null, slowest, bad, count), 0, 50, TimeUnit.MILLISECONDS);
    probes.scheduleAtFixedRate(() -> probe("/rest-endpoints/1", token, slowest, bad, count), 25, 50, TimeUnit.MILLISECONDS);
    String figures = attack.run();
    probes.shutdown();
    probes.awaitTermination(5, TimeUnit.SECONDS);
    System.out.printf("| %s | %s | %d ms | %d of %d |%n", name, figures, slowest.get(), bad.get(), count.get());
  }

  static void probe(String path, String bearer, AtomicLong slowest, AtomicLong bad, AtomicLong count) {
    long start = System.nanoTime();
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      int status = HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      long ms = (System.nanoTime() - start) / 1_000_000;
      slowest.accumulateAndGet(ms, Math::max);
      if (status != 200 || ms > 1_000) {
        bad.incrementAndGet();
      }
    } catch (Exception e) {
      slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
      bad.incrementAndGet();
    }
    count.incrementAndGet();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  /** {@code /metrics}, on the management port, after the second its scrape is cached for. */
  static HttpResponse<String> metrics() throws Exception {
    Thread.sleep(1_100);
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> graphql(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
      .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  static String json(String query) {
    return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
  }

  static String methods() throws Exception {
    HttpResponse<String> before = metrics();
    long answered501 = 0;
    for (int batch = 0; batch < 100; batch++) {
      StringBuilder requests = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        requests.append("M").append(UUID.randomUUID().toString().replace("-", "").toUpperCase())
          .append(" /health HTTP/1.1\r\nHost: x\r\n\r\n");
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[65536];
        while (count(got, "HTTP/1.1 501") < 200) {
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        answered501 += count(got, "HTTP/1.1 501");
      }
    }
    HttpResponse<String> after = metrics();
    return String.format("%,d answered 501; /metrics %d then %d, %,d then %,d bytes (x%.2f)", answered501,
      before.statusCode(), after.statusCode(), before.body().length(), after.body().length(),
      after.body().length() / (double) before.body().length());
  }

  static int count(CharSequence s, String needle) {
    int n = 0;
    String text = s.toString();
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static String repeat(String unit, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(unit.replace("#", Integer.toString(i)));
    }
    return b.toString();
  }

  /** Fragments F1..Fn, each spreading the next ten times; the last selects one field. */
  static String nestedFragments(int n) {
    StringBuilder b = new StringBuilder();
    for (int level = 1; level < n; level++) {
      b.append(" fragment F").append(level).append(" on Identity {").append((" ...F" + (level + 1)).repeat(10)).append(" }");
    }
    return b.append(" fragment F").append(n).append(" on Identity { userId }").toString();
  }

  static final List<String> COST_DOCUMENTS = List.of(
    "{" + repeat(" a#: me{userId}", 300) + "}",
    "{ me {" + repeat(" ...F", 600) + "} } fragment F on Identity {" + repeat(" userId", 600) + "}",
    "{ me { ...F1 } }" + nestedFragments(12),
    "{ __schema { types { " + "ofType { ".repeat(40) + "name" + " }".repeat(40) + " } } }",
    "{ me {" + repeat(" a:userId", 1_700) + "} }",
    "{" + repeat(" me{userId}", 240) + "}",
    "{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }");

  static String costDocuments() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    AtomicLong sent = new AtomicLong();
    AtomicLong slowest = new AtomicLong();
    AtomicLong fiveXx = new AtomicLong();
    java.util.Set<String> codes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread sender = new Thread(() -> {
        int i = 0;
        while (System.nanoTime() < end) {
          String doc = "# " + UUID.randomUUID() + "\n" + COST_DOCUMENTS.get(i++ % COST_DOCUMENTS.size());
          long start = System.nanoTime();
          try {
            HttpResponse<String> r = graphql(json(doc));
            if (r.statusCode() >= 500) {
              fiveXx.incrementAndGet();
            }
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(r.body());
            java.util.regex.Matcher kind = java.util.regex.Pattern.compile("\"classification\":\"(\\w+)\"").matcher(r.body());
            codes.add(r.statusCode() + " " + (code.find() ? code.group(1) : kind.find() ? kind.group(1) : "data"));
          } catch (Exception e) {
            fiveXx.incrementAndGet();
          }
          slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
          sent.incrementAndGet();
        }
      });
      sender.start();
      senders.add(sender);
    }
    for (Thread s : senders) {
      s.join();
    }
    return String.format("%,d documents, slowest answer %d ms, %d 5xx; answers seen %s", sent.get(), slowest.get(),
      fiveXx.get(), new java.util.TreeSet<>(codes));
  }

  static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static String largeDocuments() throws Exception {
    long rssBefore = rssKb();
    int[] byStatus = new int[600];
    for (int i = 0; i < 150; i++) {
      String doc = "# " + UUID.randomUUID() + " " + "x".repeat(250 * 1024) + "\n{ me { userId } }";
      byStatus[graphql(json(doc)).statusCode()]++;
    }
    int stillAnswers = graphql(json("{ me { userId } }")).statusCode();
    StringBuilder statuses = new StringBuilder();
    for (int s = 0; s < byStatus.length; s++) {
      if (byStatus[s] > 0) {
        statuses.append(byStatus[s]).append(" x ").append(s).append(' ');
      }
    }
    return String.format("answers %s; GraphQL afterwards %d; RSS %d MB then %d MB", statuses.toString().strip(),
      stillAnswers, rssBefore / 1024, rssKb() / 1024);
  }

  static String uploads() throws Exception {
    // small enough for the body limit, so the multipart body is read (and answered 415), not refused unread
    byte[] file = new byte[16 * 1024];
    int[] byStatus = new int[600];
    for (int i = 0; i < 120; i++) {
      String boundary = "b" + UUID.randomUUID();
      byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f" + i
        + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
      byte[] body = new byte[head.length + file.length + tail.length];
      System.arraycopy(head, 0, body, 0, head.length);
      System.arraycopy(file, 0, body, head.length, file.length);
      System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
      byStatus[HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()]++;
    }
    long files;
    try (var walk = Files.walk(workDir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".log")).count();
    }
    StringBuilder statuses = new StringBuilder();
    for (int s = 0; s < byStatus.length; s++) {
      if (byStatus[s] > 0) {
        statuses.append(byStatus[s]).append(" x ").append(s).append(' ');
      }
    }
    return String.format("answers %s; files in the service's working directory afterwards: %d", statuses.toString().strip(), files);
  }
}
