import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark helper, plain JDK, run as a single-file program:
 *   java bench/BenchKeys.java mint DIR ISSUER COUNT LIFETIME_S  -> DIR/jwks.json, DIR/token.txt, DIR/tokens.txt
 *   java bench/BenchKeys.java serve DIR PORT                     -> serves DIR/jwks.json, counts fetches at /count
 */
public class BenchKeys {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("mint")) {
      mint(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
    } else {
      serve(Path.of(args[1]), Integer.parseInt(args[2]));
    }
  }

  static void mint(Path dir, String issuer, int count, long lifetime) throws Exception {
    Files.createDirectories(dir);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
    String kid = "ins_bench";
    Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
      + kid + "\",\"n\":\"" + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}");
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    String header = enc.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
    long now = System.currentTimeMillis() / 1000;
    List<String> tokens = new ArrayList<>();
    Signature rsa = Signature.getInstance("SHA256withRSA");
    for (int i = 0; i < count; i++) {
      String payload = "{\"azp\":\"http://localhost:3000\",\"exp\":" + (now + lifetime) + ",\"iat\":" + now + ",\"iss\":\""
        + issuer + "\",\"nbf\":" + (now - 10) + ",\"sid\":\"sess_" + i + "\",\"sts\":\"active\",\"sub\":\"user_" + i + "\",\"v\":2}";
      String input = header + "." + enc.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
      rsa.initSign(kp.getPrivate());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      tokens.add(input + "." + enc.encodeToString(rsa.sign()));
    }
    Files.writeString(dir.resolve("token.txt"), tokens.get(0));
    Files.write(dir.resolve("tokens.txt"), tokens);
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
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
