package dev.clerkvertx.ops;

import dev.clerkvertx.config.Setting;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest in deploy/k8s, read with the Kubernetes model, checked against the service itself:
 * probes hit routes it answers, ports are the settings' defaults, every variable is a setting, the
 * termination grace period covers the drain, the heap the launcher picks fits the memory limit.
 */
@ExtendWith(VertxExtension.class)
class K8sManifestsTest {
  static final Path MANIFESTS = Path.of("deploy", "k8s");

  static List<HasMetadata> resources;

  @BeforeAll
  static void readManifests() throws IOException {
    resources = new ArrayList<>();
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          Object parsed = Serialization.unmarshal(in);
          assertThat(parsed).as(f + " is one Kubernetes resource").isInstanceOf(HasMetadata.class);
          resources.add((HasMetadata) parsed);
        }
      }
    }
  }

  static <T extends HasMetadata> List<T> all(Class<T> kind) {
    return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static <T extends HasMetadata> T one(Class<T> kind) {
    assertThat(all(kind)).as("one " + kind.getSimpleName()).hasSize(1);
    return all(kind).get(0);
  }

  static Map<String, String> defaults() {
    Map<String, String> d = new HashMap<>();
    for (Setting s : Setting.values()) {
      d.put(s.name(), s.defaultValue());
    }
    return d;
  }

  static Container container() {
    PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().get(0);
  }

  static int containerPort(String name) {
    return container().getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
      .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
  }

  /** Every variable the container gets, with its value: env entries, then the ConfigMaps and Secrets it reads whole. */
  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    Container c = container();
    for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        String name = from.getConfigMapRef().getName();
        ConfigMap map = all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("ConfigMap " + name + " is not in deploy/k8s"));
        env.putAll(map.getData());
      }
      if (from.getSecretRef() != null) {
        String name = from.getSecretRef().getName();
        Secret secret = all(Secret.class).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("Secret " + name + " is not in deploy/k8s"));
        secret.getStringData().keySet().forEach(k -> env.put(k, secret.getStringData().get(k)));
        if (secret.getData() != null) {
          secret.getData().keySet().forEach(k -> env.put(k, "(base64)"));
        }
      }
    }
    for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      env.put(v.getName(), v.getValue());
    }
    return env;
  }

  static int seconds(Map<String, String> env, String setting) {
    return Integer.parseInt(env.getOrDefault(setting, defaults().get(setting)));
  }

  @Test
  void everyVariableIsASettingAndThePemKeyComesFromASecret() {
    Map<String, String> env = environment();
    assertThat(env).isNotEmpty();
    assertThat(env.keySet()).allSatisfy(name -> assertThat(defaults()).as("known settings").containsKey(name));
    Set<String> secretKeys = all(Secret.class).stream().flatMap(s -> s.getStringData().keySet().stream())
      .collect(Collectors.toSet());
    assertThat(secretKeys).contains(Setting.CLERK_JWT_KEY.name());
    assertThat(env.get(Setting.CLERK_JWT_KEY.name())).startsWith("-----BEGIN PUBLIC KEY-----");
    // nothing secret sits in the ConfigMap
    all(ConfigMap.class).forEach(m -> m.getData().keySet().forEach(k ->
      assertThat(Setting.valueOf(k).secret()).as(k + " in a ConfigMap").isFalse()));
  }

  @Test
  void portsAreTheSettingsDefaultsAndTheServiceReachesThem() {
    Map<String, String> env = environment();
    int http = Integer.parseInt(env.getOrDefault("PORT", defaults().get("PORT")));
    int management = Integer.parseInt(env.getOrDefault("MANAGEMENT_PORT", Setting.MANAGEMENT_PORT.defaultValue()));
    assertThat(containerPort("http")).isEqualTo(http).isEqualTo(Integer.parseInt(Setting.PORT.defaultValue()));
    assertThat(containerPort("management")).isEqualTo(management)
      .isEqualTo(Integer.parseInt(Setting.MANAGEMENT_PORT.defaultValue()));
    var service = one(io.fabric8.kubernetes.api.model.Service.class);
    assertThat(service.getSpec().getSelector()).isEqualTo(one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels());
    for (ServicePort port : service.getSpec().getPorts()) {
      String target = port.getTargetPort().getStrVal();
      int targetNumber = target != null ? containerPort(target) : port.getTargetPort().getIntVal();
      assertThat(List.of(http, management)).contains(targetNumber);
    }
    // the management port is the one scraped
    Map<String, String> annotations = one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
      .containsEntry("prometheus.io/port", String.valueOf(management)).containsEntry("prometheus.io/path", "/metrics");
  }

  @Test
  void probesHitRoutesTheServiceAnswersAndReadinessIsTheOneTheDrainTurnsOff(Vertx vertx) {
    Container c = container();
    Probe readiness = c.getReadinessProbe();
    Probe liveness = c.getLivenessProbe();
    Probe startup = c.getStartupProbe();
    assertThat(List.of(readiness, liveness, startup)).doesNotContainNull()
      .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
    Service service = Fixture.start(vertx, "kid-a").service();
    for (Probe p : List.of(readiness, liveness, startup)) {
      assertThat(service.get(p.getHttpGet().getPath(), null).statusCode()).as(p.getHttpGet().getPath()).isEqualTo(200);
    }
    // what Prometheus scrapes (the annotations' port) is the management listener's /metrics
    assertThat(service.metrics().statusCode()).isEqualTo(200);
    service.running.drain(Duration.ofSeconds(5), Duration.ofSeconds(1));
    // the probes' paths, answered by the public listener while it drains
    // the drain closed the pooled connections: a new one per probe, as the kubelet makes
    WebClient probe = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false)
      .setDefaultHost("127.0.0.1").setDefaultPort(service.running.port()));
    assertThat(Service.await(probe.get(readiness.getHttpGet().getPath()).send()).statusCode()).isEqualTo(503);
    // liveness must not fail during a drain: the kubelet would restart the pod instead of letting it finish
    assertThat(Service.await(probe.get(liveness.getHttpGet().getPath()).send()).statusCode()).isEqualTo(200);
  }

  @Test
  void theGracePeriodCoversThePausePlusTheDrain() {
    PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
    List<String> command = container().getLifecycle().getPreStop().getExec().getCommand();
    assertThat(command).hasSize(2).first().isEqualTo("sleep");
    int pause = Integer.parseInt(command.get(1));
    Map<String, String> env = environment();
    int drain = seconds(env, "SHUTDOWN_DELAY_SECONDS") + seconds(env, "SHUTDOWN_GRACE_SECONDS");
    assertThat(pause).isPositive();
    assertThat(pod.getTerminationGracePeriodSeconds()).as("preStop %d s + drain %d s", pause, drain)
      .isGreaterThan(pause + drain);
  }

  @Test
  void theHeapTheLauncherPicksFitsTheMemoryLimit() throws Exception {
    var resources = container().getResources();
    Quantity limit = resources.getLimits().get("memory");
    long limitBytes = Quantity.getAmountInBytes(limit).longValueExact();
    assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")).longValueExact())
      .as("memory request (the scheduler reserves it)").isEqualTo(limitBytes);
    assertThat(resources.getRequests()).as("the autoscaler needs a CPU request").containsKey("cpu");
    Process p = new ProcessBuilder("sh", "src/dist/bin/clerk-vertx", "--jvm-flags", String.valueOf(limitBytes))
      .redirectErrorStream(true).start();
    String flags = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    long heap = megabytes(flags, "-Xmx");
    long direct = megabytes(flags, "-XX:MaxDirectMemorySize=");
    long codeCache = megabytes(flags, "-XX:ReservedCodeCacheSize=");
    // metaspace, thread stacks, GC and malloc: about 60 MiB measured with the README's flags
    long rest = 64;
    assertThat((heap + direct + codeCache + rest) << 20).as(flags).isLessThanOrEqualTo(limitBytes);
    assertThat(heap).as("a heap worth having").isGreaterThanOrEqualTo(64);
  }

  static long megabytes(String flags, String flag) {
    Matcher m = Pattern.compile(Pattern.quote(flag) + "(\\d+)m").matcher(flags);
    assertThat(m.find()).as(flag + " in " + flags).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void rolloutsAndDisruptionsKeepCapacityAndTheAutoscalerScalesOnCpu() {
    Deployment d = one(Deployment.class);
    assertThat(d.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(d.getMetadata().getName());
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
      assertThat(m.getResource().getName()).isEqualTo("cpu");
      assertThat(m.getResource().getTarget().getType()).isEqualTo("Utilization");
    });
  }

  @Test
  void thePodRunsAsNonRootOnAReadOnlyRootWithNoCapabilities() {
    PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
    Container c = container();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
    // the only place written to (the JVM's perf data) is a volume
    assertThat(c.getVolumeMounts()).anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo("/tmp"));
  }
}
