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
 * The hostile-traffic drill, against a running jar, plain JDK, run as a single-file program:
 *   java bench/Hostile.java PORT MANAGEMENT_PORT DIR SERVICE_PID SERVICE_WORKDIR SERVICE_LOG
 * DIR holds token.txt (one session token) and manyorgs.txt (tokens of distinct organisations with 250
 * permissions each), both minted by BenchKeys. The attacks of the later kinds are sent from 127.0.0.2
 * while /health and an authenticated ping are probed from 127.0.0.1 every 50 ms; each attack reports
 * the slowest probe, the probes that were not a 200 within 1 s during it, the probes after it (20, all
 * must be 200 within 1 s), and its own figures.
 */
public class Hostile {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static int port;
  static int managementPort;
  static String token;
  static Path dir;
  static long pid;
  static Path workDir;
  static Path serviceLog;
  /** The largest answer any attack received, in bytes. */
  static final AtomicLong LARGEST_ANSWER = new AtomicLong();

  public static void main(String[] args) throws Exception {
    port = Integer.parseInt(args[0]);
    managementPort = Integer.parseInt(args[1]);
    dir = Path.of(args[2]);
    token = Files.readString(dir.resolve("token.txt")).strip();
    pid = Long.parseLong(args[3]);
    workDir = Path.of(args[4]);
    serviceLog = Path.of(args[5]);
    java.util.Set<String> only = args.length > 6 ? java.util.Set.of(args[6].split(",")) : null;
    System.out.println("| attack | figures | slowest probe | probes not 200 within 1 s | probes after, 200 within 1 s |");
    System.out.println("| --- | --- | ---: | ---: | ---: |");
    List<Object[]> attacks = List.of(
      new Object[] {"methods", "20,000 distinct unknown methods", (Attack) Hostile::methods},
      new Object[] {"cost", "two senders of cost documents, 15 s", (Attack) Hostile::costDocuments},
      new Object[] {"large", "150 distinct 250 KB documents", (Attack) Hostile::largeDocuments},
      new Object[] {"uploads", "120 multipart uploads", (Attack) Hostile::uploads},
      new Object[] {"idle", "15,000 idle connections held for 20 s, no token (from 127.0.0.2)", (Attack) Hostile::idleConnections},
      new Object[] {"amplify", "three senders of 220 echoing aliases with a 61 KB variable, 15 s", (Attack) Hostile::amplification},
      new Object[] {"bodies", "40 declared-but-unsent and 20 trickled 64 KiB bodies, signed in, 30 s", (Attack) Hostile::declaredBodies},
      new Object[] {"orgs", "6,000 sessions of distinct organisations with 250 permissions each", (Attack) Hostile::manyPermissionOrgs},
      new Object[] {"metrics", "four connections scraping /metrics on the management port, 10 s", (Attack) Hostile::metricsFlood},
      new Object[] {"ready", "four connections looping on /ready, 10 s", (Attack) Hostile::readyFlood},
      new Object[] {"long", "5,000 documents with an out-of-range Long literal", (Attack) Hostile::longLiterals});
    for (Object[] a : attacks) {
      if (only == null || only.contains((String) a[0])) {
        probed((String) a[1], (Attack) a[2]);
      }
    }
    System.out.printf("%nLargest answer any attack received: %,d bytes%n", LARGEST_ANSWER.get());
  }

  interface Attack {
    String run() throws Exception;
  }

  interface Step {
    void run() throws Exception;
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
    AtomicLong afterSlowest = new AtomicLong();
    AtomicLong afterBad = new AtomicLong();
    AtomicLong afterCount = new AtomicLong();
    for (int i = 0; i < 10; i++) {
      probe("/health", null, afterSlowest, afterBad, afterCount);
      probe("/rest-endpoints/1", token, afterSlowest, afterBad, afterCount);
      Thread.sleep(50);
    }
    System.out.printf("| %s | %s | %d ms | %d of %d | %d of %d |%n", name, figures, slowest.get(), bad.get(), count.get(),
      afterCount.get() - afterBad.get(), afterCount.get());
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

  static HttpResponse<String> graphql(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
      .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  static String json(String query) {
    return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
  }

  static HttpResponse<String> metrics() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
      HttpResponse.BodyHandlers.ofString());
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

  // ---- attacks sent from 127.0.0.2 -------------------------------------------------------------

  static final String ATTACKER = "127.0.0.2";

  /** A keep-alive HTTP/1.1 connection from the attacker's address; reads Content-Length and chunked answers. */
  static final class Raw implements AutoCloseable {
    final Socket socket = new Socket();
    final java.io.BufferedInputStream in;
    final OutputStream out;
    int status;
    long length;
    final StringBuilder head = new StringBuilder();

    Raw(int port) throws Exception {
      socket.bind(new java.net.InetSocketAddress(ATTACKER, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
      out = socket.getOutputStream();
    }

    /** Sends one request and reads its answer; returns the status, or -1 when the server closed. */
    int send(String method, String path, String headers, byte[] body) throws Exception {
      String h = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
        + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
      out.write(h.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read();
    }

    int read() throws Exception {
      head.setLength(0);
      String line;
      String status = readLine();
      if (status == null) {
        return -1;
      }
      this.status = Integer.parseInt(status.split(" ")[1]);
      long contentLength = 0;
      boolean chunked = false;
      while ((line = readLine()) != null && !line.isEmpty()) {
        String lower = line.toLowerCase();
        if (lower.startsWith("content-length:")) {
          contentLength = Long.parseLong(line.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      length = 0;
      if (chunked) {
        long size;
        while ((size = Long.parseLong(readLine().split(";")[0].strip(), 16)) > 0) {
          skip(size);
          readLine();
        }
        readLine();
      } else {
        skip(contentLength);
      }
      LARGEST_ANSWER.accumulateAndGet(length, Math::max);
      return this.status;
    }

    void skip(long n) throws Exception {
      byte[] buf = new byte[8192];
      while (n > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, n));
        if (r < 0) {
          throw new java.io.EOFException();
        }
        if (head.length() < 512) {
          head.append(new String(buf, 0, Math.min(r, 512), StandardCharsets.ISO_8859_1));
        }
        n -= r;
        length += r;
      }
    }

    String readLine() throws Exception {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return c < 0 && b.length() == 0 ? null : b.toString();
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }

  static String tally(java.util.Map<Integer, AtomicLong> byStatus) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(byStatus).forEach((k, v) -> b.append(String.format("%,d x %s ", v.get(), k < 0 ? "closed" : k)));
    return b.toString().strip();
  }

  static long liveHeap() throws Exception {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    long total = -1;
    for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("Total")) {
        total = Long.parseLong(line.trim().split("\\s+")[2]);
      }
    }
    p.waitFor();
    return total;
  }

  static String metric(String body, String name) {
    for (String line : body.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return "?";
  }

  /** Runs {@code work} on {@code threads} threads until {@code seconds} pass. */
  static void forSeconds(int threads, int seconds, Step work) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            work.run();
          } catch (Exception e) {
            // counted by the attack itself where it matters; a refused connection is an answer too
          }
        }
      });
      th.start();
      all.add(th);
    }
    for (Thread th : all) {
      th.join();
    }
  }

  static String idleConnections() throws Exception {
    int target = 15_000;
    java.nio.channels.Selector selector = java.nio.channels.Selector.open();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long opened = 0;
    long closedByServer = 0;
    long failed = 0;
    int open = 0;
    int mostOpen = 0;
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1024);
    while (System.nanoTime() < end) {
      while (open < target && System.nanoTime() < end) {
        try {
          java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
          ch.bind(new java.net.InetSocketAddress(ATTACKER, 0));
          ch.connect(new java.net.InetSocketAddress("127.0.0.1", port));
          ch.configureBlocking(false);
          ch.register(selector, java.nio.channels.SelectionKey.OP_READ);
          opened++;
          open++;
        } catch (java.io.IOException e) {
          failed++;
          break;
        }
      }
      mostOpen = Math.max(mostOpen, open);
      selector.select(200);
      for (var key : selector.selectedKeys()) {
        var ch = (java.nio.channels.SocketChannel) key.channel();
        buf.clear();
        int n;
        try {
          n = ch.read(buf);
        } catch (java.io.IOException e) {
          n = -1;
        }
        if (n < 0) {
          key.cancel();
          ch.close();
          open--;
          closedByServer++;
        }
      }
      selector.selectedKeys().clear();
    }
    for (var key : selector.keys()) {
      key.channel().close();
    }
    selector.close();
    return String.format("%,d connections opened, at most %,d open at once, %,d closed by the service, %,d connects failed",
      opened, mostOpen, closedByServer, failed);
  }

  static String amplification() throws Exception {
    StringBuilder q = new StringBuilder("query($v:String!){");
    for (int i = 0; i < 220; i++) {
      q.append("a").append(i).append(":pingOne(id:$v) ");
    }
    q.append('}');
    String prefix = "{\"query\":\"" + q + "\",\"variables\":{\"v\":\"";
    String suffix = "\"}}";
    byte[] body = (prefix + "v".repeat(65_520 - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
    java.util.Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Set<String> codes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicLong largest = new AtomicLong();
    forSeconds(3, 15, () -> {
      try (Raw c = new Raw(port)) {
        for (int i = 0; i < 20; i++) {
          int status = c.send("POST", "/graphql", "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n", body);
          byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
          largest.accumulateAndGet(c.length, Math::max);
          java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(c.head);
          codes.add(code.find() ? code.group(1) : "data");
          if (status < 0) {
            break;
          }
        }
      }
    });
    return String.format("body %,d bytes; answers %s, codes %s; largest answer %,d bytes", body.length, tally(byStatus),
      new java.util.TreeSet<>(codes), largest.get());
  }

  static String declaredBodies() throws Exception {
    AtomicLong attackerConnections = new AtomicLong();
    AtomicLong attackerBytes = new AtomicLong();
    java.util.Map<Integer, AtomicLong> honest = new java.util.concurrent.ConcurrentHashMap<>();
    String head = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
      + "\r\nContent-Type: application/json\r\nContent-Length: 65536\r\n\r\n";
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<Thread> attackers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean trickle = i >= 40;
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          try (Raw c = new Raw(port)) {
            attackerConnections.incrementAndGet();
            c.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            c.out.flush();
            attackerBytes.addAndGet(head.length());
            // stalled: nothing more; trickled: one byte a second; either until the service closes it
            c.socket.setSoTimeout(1_000);
            while (System.nanoTime() < end) {
              try {
                c.in.read();
                break; // an answer (408, 503, ...) or the end of the stream: the service let go
              } catch (java.net.SocketTimeoutException stillOpen) {
                if (trickle) {
                  c.out.write(' ');
                  c.out.flush();
                  attackerBytes.incrementAndGet();
                }
              }
            }
          } catch (Exception e) {
            // closed by the service: open another
          }
        }
      });
      t.start();
      attackers.add(t);
    }
    Thread.sleep(1_000);
    forSeconds(2, 28, () -> {
      int status;
      try {
        status = graphql(json("{ pingOne(id: \"1\") }")).statusCode();
      } catch (Exception e) {
        status = -1;
      }
      honest.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    });
    for (Thread t : attackers) {
      t.join();
    }
    long ok = honest.getOrDefault(200, new AtomicLong()).get();
    long all = honest.values().stream().mapToLong(AtomicLong::get).sum();
    return String.format("honest POST /graphql from 127.0.0.1: %s (%.1f %% 200); the attacker opened %,d connections and sent %,d bytes",
      tally(honest), 100.0 * ok / Math.max(1, all), attackerConnections.get(), attackerBytes.get());
  }

  static String manyPermissionOrgs() throws Exception {
    List<String> tokens = Files.readAllLines(dir.resolve("manyorgs.txt"));
    long heapBefore = liveHeap();
    String before = metrics().body();
    long rssBefore = rssKb();
    java.util.Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        Raw c = null;
        int i;
        while ((i = next.getAndIncrement()) < tokens.size()) {
          try {
            if (c == null) {
              c = new Raw(port);
            }
            int status = c.send("GET", "/rest-endpoints/1", "Authorization: Bearer " + tokens.get(i) + "\r\n", null);
            byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            if (status < 0) {
              c.close();
              c = null;
            }
          } catch (Exception e) {
            byStatus.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
            c = null;
          }
        }
      });
      th.start();
      senders.add(th);
    }
    for (Thread th : senders) {
      th.join();
    }
    String after = metrics().body();
    long heapAfter = liveHeap();
    return String.format("answers %s; cache %s then %s sessions, clerk_token_cache_bytes %s then %s; live heap %.1f then %.1f MB; RSS %d then %d MB",
      tally(byStatus), metric(before, "clerk_token_cache_size"), metric(after, "clerk_token_cache_size"),
      metric(before, "clerk_token_cache_bytes"), metric(after, "clerk_token_cache_bytes"), heapBefore / 1048576.0,
      heapAfter / 1048576.0, rssBefore / 1024, rssKb() / 1024);
  }

  static String loop(int targetPort, String path, int seconds) throws Exception {
    java.util.Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
    forSeconds(4, seconds, () -> {
      try (Raw c = new Raw(targetPort)) {
        for (int i = 0; i < 1_000; i++) {
          int status = c.send("GET", path, "", null);
          byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
          if (status < 0) {
            break;
          }
        }
      }
    });
    return tally(byStatus);
  }

  static String metricsFlood() throws Exception {
    int publicStatus = get("/metrics").statusCode();
    String answers = loop(managementPort, "/metrics", 10);
    return String.format("public /metrics %d; scrapes answered %s", publicStatus, answers);
  }

  static String readyFlood() throws Exception {
    long before = liveHeap();
    String answers = loop(port, "/ready", 10);
    return String.format("answers %s; live heap %.1f MB before, %.1f MB after", answers, before / 1048576.0,
      liveHeap() / 1048576.0);
  }

  static String longLiterals() throws Exception {
    long logBefore = Files.size(serviceLog);
    byte[] body = json("query($x: Long = 99999999999999999999){pingOne(id:\"1\")}").getBytes(StandardCharsets.UTF_8);
    java.util.Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
    try (Raw c = new Raw(port)) {
      for (int i = 0; i < 5_000; i++) {
        int status = c.send("POST", "/graphql", "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n", body);
        byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
      }
    }
    return String.format("answers %s; service log grew by %,d bytes", tally(byStatus), Files.size(serviceLog) - logBefore);
  }
}
