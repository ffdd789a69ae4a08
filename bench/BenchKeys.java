import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Benchmark helper, plain JDK, run as a single-file program:
 *   java bench/BenchKeys.java mint DIR ISSUER COUNT LIFETIME_S NAME [org]
 *       -> DIR/NAME.txt, COUNT tokens, one per line (the RSA key is made once per DIR: DIR/key.der,
 *          DIR/jwks.json); with "org", each token is an admin of org_bench granted org:pings:read; with
 *          "manyorgs", each token is a member of its own organisation org_many_<i> with 10 organisation
 *          features of 25 permissions each (250 org:<feature>:<permission> permissions)
 *   java bench/BenchKeys.java serve DIR PORT   -> serves DIR/jwks.json, counts fetches at /count
 *   java [-cp target/clerk-vertx.jar] bench/BenchKeys.java verify DIR SECONDS [jdk|corretto]
 *       -> single-thread RS256 verifications per second of DIR/token.txt's signature, the JCA call
 *          vertx-auth-jwt makes (after a warm-up); with "corretto" the Amazon Corretto Crypto Provider
 *          (from the classpath) is installed first, as the service does with RSA_PROVIDER=auto
 */
public class BenchKeys {
  static final String KID = "ins_bench";
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "mint" -> mint(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]), args[5],
        args.length > 6 ? args[6] : "");
      case "serve" -> serve(Path.of(args[1]), Integer.parseInt(args[2]));
      case "verify" -> {
        if (args.length > 3 && args[3].equals("corretto")) {
          Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider").getMethod("install").invoke(null);
        }
        verify(Path.of(args[1]), Integer.parseInt(args[2]));
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static PrivateKey key(Path dir) throws Exception {
    Path der = dir.resolve("key.der");
    if (!Files.exists(der)) {
      Files.createDirectories(dir);
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
      Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
        + KID + "\",\"n\":\"" + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}");
      Files.write(der, kp.getPrivate().getEncoded());
    }
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(der)));
  }

  static void mint(Path dir, String issuer, int count, long lifetime, String name, String kind) throws Exception {
    PrivateKey key = key(dir);
    String header = B64.encodeToString(("{\"alg\":\"RS256\",\"cat\":\"cl_B7d4PD111AAA\",\"kid\":\"" + KID
      + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
    long now = System.currentTimeMillis() / 1000;
    String features = IntStream.range(0, 10).mapToObj(f -> "o:feature" + f).collect(java.util.stream.Collectors.joining(","));
    String permissions = IntStream.range(0, 25).mapToObj(p -> "permission" + p).collect(java.util.stream.Collectors.joining(","));
    String masks = String.join(",", java.util.Collections.nCopies(10, Integer.toString((1 << 25) - 1)));
    java.util.function.IntFunction<String> orgClaimsOf = i -> switch (kind) {
      case "org" -> ",\"fea\":\"o:pings\",\"o\":{\"fpm\":\"1\",\"id\":\"org_bench\",\"per\":\"read\",\"rol\":\"admin\",\"slg\":\"bench\"}";
      case "manyorgs" -> ",\"fea\":\"" + features + "\",\"o\":{\"fpm\":\"" + masks + "\",\"id\":\"org_many_" + i
        + "\",\"per\":\"" + permissions + "\",\"rol\":\"member\",\"slg\":\"many" + i + "\"}";
      default -> "";
    };
    // both cores: one RS256 signature takes about a millisecond
    List<String> tokens = IntStream.range(0, count).parallel().mapToObj(i -> {
      String payload = "{\"azp\":\"http://localhost:3000\",\"exp\":" + (now + lifetime) + orgClaimsOf.apply(i) + ",\"fva\":[0,-1],\"iat\":"
        + now + ",\"iss\":\"" + issuer + "\",\"nbf\":" + (now - 10) + ",\"sid\":\"sess_" + name + "_" + i
        + "\",\"sts\":\"active\",\"sub\":\"user_" + name + "_" + i + "\",\"v\":2}";
      String input = header + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(rsa.sign());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    Files.write(dir.resolve(name + ".txt"), tokens);
  }

  static void verify(Path dir, int seconds) throws Exception {
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) key(dir);
    PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
    String token = Files.readAllLines(dir.resolve("token.txt")).get(0);
    int dot = token.lastIndexOf('.');
    byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    long end = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < end) {
      check(rsa, pub, input, signature);
    }
    long n = 0;
    long start = System.nanoTime();
    end = start + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      check(rsa, pub, input, signature);
      n++;
    }
    System.out.printf("%.0f %s%n", n / ((System.nanoTime() - start) / 1e9), rsa.getProvider().getName());
  }

  static void check(Signature rsa, PublicKey pub, byte[] input, byte[] signature) throws Exception {
    rsa.initVerify(pub);
    rsa.update(input);
    if (!rsa.verify(signature)) {
      throw new IllegalStateException("bad signature");
    }
  }

  static void serve(Path dir, int port) throws Exception {
    byte[] jwks = Files.readAllBytes(dir.resolve("jwks.json"));
    AtomicLong fetches = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/.well-known/jwks.json", ex -> {
      fetches.incrementAndGet();
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, jwks.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(jwks);
      }
    });
    server.createContext("/count", ex -> {
      byte[] body = String.valueOf(fetches.get()).getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("JWKS on http://127.0.0.1:" + port + "/.well-known/jwks.json");
  }

  static String b64(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      b = Arrays.copyOfRange(b, 1, b.length);
    }
    return B64.encodeToString(b);
  }
}
