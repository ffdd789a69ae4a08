package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: multipart uploads to every route that reads a body. Vert.x's default body handler writes
 * each file to {@code ./file-uploads} before any answer, and leaves it there. Nothing is ever written.
 */
@ExtendWith(VertxExtension.class)
class UploadToDiskTest {
  static final Path UPLOADS = Path.of("file-uploads");

  @TempDir
  Path files;

  static long filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.count();
    }
  }

  MultipartForm upload(int size) throws IOException {
    Path payload = files.resolve("payload.bin");
    Files.write(payload, new byte[size]);
    return MultipartForm.create().attribute("query", "{ me { userId } }")
      .binaryFileUpload("file", "payload.bin", payload.toString(), "application/octet-stream");
  }

  void sendUploads(Service service, HttpRequest<Buffer> request, int size, int expectedStatus) throws IOException {
    for (int i = 0; i < 60; i++) {
      assertThat(Service.await(request.sendMultipartForm(upload(size))).statusCode()).isEqualTo(expectedStatus);
    }
  }

  @Test
  void uploadsToGraphQLAreAnsweredAndNeverWritten(Vertx vertx) throws IOException {
    long before = filesUnder(UPLOADS);
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    sendUploads(service, service.client.post("/graphql").bearerTokenAuthentication(world.token()), 32 * 1024, 415);
    assertThat(filesUnder(UPLOADS)).isEqualTo(before);
  }

  @Test
  void uploadsToDevTokenMintingAreNeverWritten(Vertx vertx) throws IOException {
    long before = filesUnder(UPLOADS);
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    sendUploads(service, service.client.post("/dev/token"), 8 * 1024, 415);
    assertThat(filesUnder(UPLOADS)).isEqualTo(before);
  }

  @Test
  void uploadsToApiRoutesWithABodyAreAnsweredAndNeverWritten(Vertx vertx) throws IOException {
    long before = filesUnder(UPLOADS);
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    String writer = world.orgToken("org_1", "org:notes:write");
    sendUploads(service, service.client.post("/api/notes").bearerTokenAuthentication(writer), 32 * 1024, 415);
    sendUploads(service, service.client.put("/api/notes/1").bearerTokenAuthentication(writer), 32 * 1024, 415);
    assertThat(filesUnder(UPLOADS)).isEqualTo(before);
  }
}
