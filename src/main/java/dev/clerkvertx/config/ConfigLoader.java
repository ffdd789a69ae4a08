package dev.clerkvertx.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Layers the configuration: the defaults of the {@link Setting} table < the working directory's
 * {@code conf/config.json} < {@code .env} < environment variables. Only the table's names are taken
 * from the environment.
 */
public final class ConfigLoader {
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

  /** Reads and merges the layers; called once at start-up, before any verticle serves traffic. */
  public Future<JsonObject> load(Vertx vertx) {
    JsonObject dotEnv;
    try {
      dotEnv = Files.isRegularFile(dotEnvFile) ? DotEnv.parse(Files.readAllLines(dotEnvFile)) : new JsonObject();
    } catch (IOException e) {
      return Future.failedFuture(new ConfigException(".env", "cannot be read: " + e.getMessage()));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(-1);
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(SettingValues.defaults()));
    if (Files.isRegularFile(configFile)) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", configFile.toString())));
    }
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(dotEnv));
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(knownEnvironment()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .recover(err -> Future.failedFuture(new ConfigException(configFile.toString(), "cannot be read: " + err.getMessage())))
      .andThen(ar -> retriever.close());
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
}
