package dev.clerkvertx.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Layers the configuration: the defaults of the {@link Setting} table < the working directory's
 * {@code conf/config.json} < {@code .env} < environment variables. Both files are this service's
 * alone: a name in them that is no setting stops start-up, naming the closest setting. From the
 * environment only the table's names are taken; a variable with one of the service's prefixes that
 * is no setting gets a warning.
 *
 * <p>A plain merge, on the calling thread, before Vert.x exists: the configuration is the first thing a
 * cold start needs (it chooses the RS256 provider, whose loading then runs beside Vert.x's creation), and
 * vertx-config's retriever took a tenth of a second of that start for four in-memory layers.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  private final Path configFile;
  private final Path dotEnvFile;
  private final Map<String, String> environment;

  public ConfigLoader(Path configFile, Path dotEnvFile, Map<String, String> environment) {
    this.configFile = configFile;
    this.dotEnvFile = dotEnvFile;
    this.environment = environment;
  }

  /** The loader the process uses: files relative to the working directory and the real environment. */
  public static ConfigLoader standard() {
    return new ConfigLoader(Path.of("conf", "config.json"), Path.of(".env"), System.getenv());
  }

  /**
   * Reads and merges the layers, then warns about stray environment variables ({@link #read} and
   * {@link #warnAboutStrayEnvironment}).
   *
   * @throws ConfigException naming the file and what is wrong with it
   */
  public JsonObject load() {
    JsonObject merged = read();
    warnAboutStrayEnvironment();
    return merged;
  }

  /**
   * Reads and merges the layers (later ones win, nested objects merged), logging nothing; called once at
   * start-up, off any event loop (it reads two small files with blocking I/O). The process logs
   * {@link #warnAboutStrayEnvironment} once the merged {@code LOG_LEVEL} and {@code LOG_FORMAT} apply:
   * they may come from {@code .env} or {@code conf/config.json}.
   *
   * @throws ConfigException naming the file and what is wrong with it
   */
  public JsonObject read() {
    JsonObject file = configFile();
    String text = read(dotEnvFile);
    JsonObject dotEnv = text == null ? new JsonObject() : DotEnv.parse(dotEnvFile.toString(), text);
    JsonObject merged = new JsonObject();
    for (JsonObject layer : List.of(SettingValues.defaults(), file, dotEnv, knownEnvironment())) {
      merged.mergeIn(layer.copy(), true);
    }
    return merged;
  }

  private JsonObject configFile() {
    String text = read(configFile);
    if (text == null) {
      return new JsonObject();
    }
    // a byte order mark, as some Windows editors save UTF-8: skipped, as in .env
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(configFile.toString(), "is not a JSON object: " + firstLine(e.getMessage()));
    }
    for (String name : json.fieldNames()) {
      if (!SettingNames.known(name)) {
        throw new ConfigException(configFile.toString(), SettingNames.notASetting(name));
      }
    }
    // "NAME": null is no value: the setting is left to its default (it replaced the default, and a
    // setting with one then said it was required)
    json.fieldNames().removeIf(name -> json.getValue(name) == null);
    return json;
  }

  /** The file's text, or null when there is no such file. */
  private static String read(Path path) {
    if (!Files.exists(path)) {
      return null;
    }
    try {
      return Files.readString(path);
    } catch (AccessDeniedException e) {
      throw new ConfigException(path.toString(), "cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      throw new ConfigException(path.toString(), "cannot be read: it is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(path.toString(), "cannot be read: " + firstLine(String.valueOf(e.getMessage())));
    }
  }

  /** One warning for each environment variable with one of the service's prefixes that is no setting. */
  public void warnAboutStrayEnvironment() {
    new TreeMap<>(environment).forEach((name, value) -> {
      String setting = SettingNames.frontendNameOf(name);
      // the frontend's name beside the service's own: each program reads its own, nothing is ignored by mistake
      if (SettingNames.strayInEnvironment(name, value) && (setting == null || !environment.containsKey(setting))) {
        LOG.warn("Environment variable {} is ignored: {}", name, SettingNames.notASetting(name));
      }
    });
  }

  private JsonObject knownEnvironment() {
    JsonObject env = new JsonObject();
    for (Setting setting : Setting.values()) {
      String value = environment.get(setting.name());
      if (value != null) {
        env.put(setting.name(), value);
      }
    }
    return env;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
