package eu.billing.customers.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks the manifests under {@code k8s/} without kubectl: every file parses into the typed
 * fabric8 Kubernetes model (with no field the model does not know, so a typo fails), every
 * {@code kustomization.yaml} lists exactly the files beside it, and the workloads have what
 * issue 6 asks for: probes on /q/health/*, non-root, read-only root file system with /tmp on an
 * emptyDir, requests and limits, graceful shutdown, the migrate-only Job, the demotion CronJob,
 * and the Knative Service scaling to zero.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "batch/v1/Job", Job.class,
            "batch/v1/CronJob", CronJob.class,
            "serving.knative.dev/v1/Service", GenericKubernetesResource.class);

    @Test
    void kustomizationsListExactlyTheirFiles() throws IOException {
        for (String dir : List.of("base", "knative")) {
            Path root = K8S.resolve(dir);
            JsonNode kustomization = YAML.readTree(root.resolve("kustomization.yaml").toFile());
            assertEquals("Kustomization", kustomization.path("kind").asText());
            Set<String> keys = new TreeSet<>();
            kustomization.fieldNames().forEachRemaining(keys::add);
            assertEquals(Set.of("apiVersion", "kind", "resources"), keys, dir + ": only resources are listed");
            List<String> listed = new ArrayList<>();
            kustomization.path("resources").forEach(r -> listed.add(r.asText()));
            assertEquals(listed.size(), new TreeSet<>(listed).size(), dir + ": listed twice");
            assertEquals(new TreeSet<>(listed), manifestFiles(root), dir + ": kustomization.yaml vs files");
        }
        try (Stream<Path> dirs = Files.list(K8S)) {
            assertEquals(Set.of("base", "knative"), new TreeSet<>(dirs.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void everyManifestParsesIntoTheTypedModel() throws Exception {
        for (String dir : List.of("base", "knative")) {
            for (String file : manifestFiles(K8S.resolve(dir))) {
                HasMetadata resource = load(dir, file, HasMetadata.class);
                assertNotNull(resource.getMetadata().getName(), file);
                assertEquals("customers-service", resource.getMetadata().getLabels().get("app.kubernetes.io/name"),
                        dir + "/" + file + ": label");
                if (!(resource instanceof GenericKubernetesResource)) {
                    assertNoUnknownFields(resource, dir + "/" + file);
                }
            }
        }
    }

    @Test
    void deploymentIsProbedSizedNonRootAndShutsDownGracefully() throws Exception {
        Deployment deployment = load("base", "deployment.yaml", Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = single(pod.getContainers());
        assertProbes(app, true);
        assertHardened(pod, app);
        assertEquals(8080, app.getPorts().get(0).getContainerPort());
        assertConfiguredFrom(app, "base");

        ConfigMap config = load("base", "configmap.yaml", ConfigMap.class);
        assertEquals("false", config.getData().get("QUARKUS_LIQUIBASE_MIGRATE_AT_START"), "serving pods never migrate");
        Duration drain = Duration.parse("PT" + config.getData().get("QUARKUS_SHUTDOWN_TIMEOUT"));
        long preStop = app.getLifecycle().getPreStop().getSleep().getSeconds();
        assertTrue(pod.getTerminationGracePeriodSeconds() >= preStop + drain.toSeconds() + 5,
                "grace period covers the preStop pause and Quarkus's shutdown timeout");

        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), labels);
        Service service = load("base", "service.yaml", Service.class);
        assertEquals(labels, service.getSpec().getSelector());
        assertEquals(app.getPorts().get(0).getName(), service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        PodDisruptionBudget pdb = load("base", "pdb.yaml", PodDisruptionBudget.class);
        assertEquals(labels, pdb.getSpec().getSelector().getMatchLabels());
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < deployment.getSpec().getReplicas());
        HorizontalPodAutoscaler hpa = load("base", "hpa.yaml", HorizontalPodAutoscaler.class);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() > pdb.getSpec().getMinAvailable().getIntVal());
        assertTrue(hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());
    }

    /**
     * Issue 16: the JVM memory settings are explicit in the Deployment, the same as the image's
     * options file (which bench/run.sh measures), with the serial collector, two malloc arenas and
     * the AppCDS archive; the memory limit leaves headroom over the heap and the measured RSS.
     */
    @Test
    void deploymentSetsTheJvmMemoryOfTheImageExplicitly() throws Exception {
        Container app = single(load("base", "deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec()
                .getContainers());
        Map<String, String> env = new java.util.HashMap<>();
        app.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        List<String> options = List.of(env.getOrDefault("JAVA_OPTS_APPEND", "").trim().split("\\s+"));
        List<String> file = Files.readAllLines(Path.of("src/main/docker/jvm.options")).stream().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
        assertTrue(options.containsAll(file), "the Deployment sets every option of jvm.options: " + options);
        for (String kind : List.of("-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=", "-Xss",
                "-XX:MaxDirectMemorySize=")) {
            assertTrue(file.stream().anyMatch(o -> o.startsWith(kind)), "jvm.options sets " + kind);
        }
        assertTrue(options.contains("-XX:SharedArchiveFile=/deployments/app-cds.jsa"), "AppCDS");
        assertEquals("-XX:+UseSerialGC", env.get("GC_CONTAINER_OPTIONS"));
        assertEquals("2", env.get("MALLOC_ARENA_MAX"));
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertTrue(dockerfile.contains("COPY --chown=185 src/main/docker/jvm.options /deployments/jvm.options")
                && dockerfile.contains("@/deployments/jvm.options") && dockerfile.contains("-XX:ArchiveClassesAtExit=/deployments/app-cds.jsa")
                && dockerfile.contains("GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC\""), "the image uses the same file");
        long heapMb = Long.parseLong(file.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElseThrow()
                .replaceAll("[^0-9]", ""));
        long limitMb = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(app.getResources().getLimits().get("memory"))
                .longValue() >> 20;
        assertTrue(limitMb >= 2 * heapMb + 64, "the limit (" + limitMb + " MiB) leaves room for native memory and headroom");
    }

    @Test
    void secretTemplatesHoldNoValues() throws Exception {
        for (String dir : List.of("base", "knative")) {
            Secret secret = load(dir, "secret.yaml", Secret.class);
            assertTrue(secret.getData() == null || secret.getData().isEmpty());
            assertEquals(Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "CUSTOMERS_ADMIN_TOKEN"),
                    secret.getStringData().keySet());
            secret.getStringData().forEach((k, v) -> assertEquals("", v, dir + ": " + k + " must stay empty"));
        }
    }

    @Test
    void migrationJobRunsTheMigrateCommandOnce() throws Exception {
        for (String dir : List.of("base", "knative")) {
            Job job = load(dir, "migration-job.yaml", Job.class);
            PodSpec pod = job.getSpec().getTemplate().getSpec();
            Container migrate = single(pod.getContainers());
            assertEquals(List.of(MigrateOnly.COMMAND), migrate.getArgs());
            assertEquals("Never", pod.getRestartPolicy());
            assertTrue(job.getSpec().getBackoffLimit() <= 3);
            assertNotNull(job.getSpec().getActiveDeadlineSeconds());
            assertHardened(pod, migrate);
            assertConfiguredFrom(migrate, dir);
        }
        assertEquals(image("base", "deployment.yaml"), single(load("base", "migration-job.yaml", Job.class)
                .getSpec().getTemplate().getSpec().getContainers()).getImage());
    }

    @Test
    void cronJobCallsTheDemotionEndpointWithTheAdminToken() throws Exception {
        for (String dir : List.of("base", "knative")) {
            CronJob cron = load(dir, "vat-demotion-cronjob.yaml", CronJob.class);
            assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
            assertEquals(5, cron.getSpec().getSchedule().split(" ").length);
            PodSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
            Container curl = single(pod.getContainers());
            List<String> command = new ArrayList<>(curl.getCommand());
            command.addAll(curl.getArgs());
            assertEquals("curl", command.get(0));
            assertTrue(command.contains("--fail-with-body"), "a failed call fails the Job");
            assertEquals("POST", command.get(command.indexOf("-X") + 1));
            assertEquals("Authorization: Bearer $(CUSTOMERS_ADMIN_TOKEN)", command.get(command.indexOf("-H") + 1));
            assertEquals("http://customers-service/v1/admin/jobs/vat-override-demotion", command.get(command.size() - 1));
            var token = single(curl.getEnv());
            assertEquals("CUSTOMERS_ADMIN_TOKEN", token.getName());
            assertEquals("customers-service-secrets", token.getValueFrom().getSecretKeyRef().getName());
            assertEquals("CUSTOMERS_ADMIN_TOKEN", token.getValueFrom().getSecretKeyRef().getKey());
            assertEquals("Never", pod.getRestartPolicy());
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertTrue(curl.getSecurityContext().getReadOnlyRootFilesystem());
            assertNotNull(curl.getResources().getLimits().get("memory"));
        }
    }

    @Test
    void knativeServiceScalesToZeroWithTheNativeImage() throws Exception {
        GenericKubernetesResource ksvc = load("knative", "knative-service.yaml", GenericKubernetesResource.class);
        assertEquals("serving.knative.dev/v1", ksvc.getApiVersion());
        JsonNode template = YAML.valueToTree(ksvc.getAdditionalProperties()).path("spec").path("template");
        JsonNode annotations = template.path("metadata").path("annotations");
        assertEquals("0", annotations.path("autoscaling.knative.dev/min-scale").asText());
        assertTrue(annotations.path("autoscaling.knative.dev/max-scale").asInt() > 0);
        assertTrue(template.path("spec").path("containerConcurrency").asInt() > 0);
        // The pod spec of a revision is a Kubernetes pod spec: read it with the typed model.
        PodSpec pod = YAML.treeToValue(template.path("spec"), PodSpec.class);
        Container app = single(pod.getContainers());
        assertTrue(app.getImage().endsWith(":native"), app.getImage());
        assertEquals(8080, app.getPorts().get(0).getContainerPort());
        assertProbes(app, false);
        assertHardened(pod, app);
        assertConfiguredFrom(app, "knative");
        assertEquals("false", load("knative", "configmap.yaml", ConfigMap.class).getData()
                .get("QUARKUS_LIQUIBASE_MIGRATE_AT_START"));
    }

    private static void assertProbes(Container app, boolean namedPort) {
        Map<String, Probe> probes = Map.of(
                "/q/health/started", app.getStartupProbe(),
                "/q/health/ready", app.getReadinessProbe(),
                "/q/health/live", app.getLivenessProbe());
        probes.forEach((path, probe) -> {
            assertNotNull(probe, path);
            assertEquals(path, probe.getHttpGet().getPath());
            if (namedPort) {
                assertEquals(app.getPorts().get(0).getName(), probe.getHttpGet().getPort().getStrVal());
            }
        });
        assertTrue(app.getStartupProbe().getFailureThreshold() * app.getStartupProbe().getPeriodSeconds() >= 30,
                "start-up gets at least 30 s before liveness takes over");
    }

    private static void assertHardened(PodSpec pod, Container container) {
        String name = container.getName();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name + ": pod runAsNonRoot");
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name + ": a numeric non-root user");
        assertTrue(container.getSecurityContext().getRunAsNonRoot(), name + ": runAsNonRoot");
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem(), name + ": readOnlyRootFilesystem");
        assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation(), name + ": privilege escalation");
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        var tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no /tmp mount"));
        var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getEmptyDir(), name + ": /tmp is an emptyDir");
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(container.getResources().getRequests().get(resource), name + ": request " + resource);
            assertNotNull(container.getResources().getLimits().get(resource), name + ": limit " + resource);
        }
    }

    private static void assertConfiguredFrom(Container container, String dir) throws Exception {
        List<String> sources = new ArrayList<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            sources.add(source.getConfigMapRef() != null ? "configmap:" + source.getConfigMapRef().getName()
                    : "secret:" + source.getSecretRef().getName());
        }
        assertEquals(List.of(
                "configmap:" + load(dir, "configmap.yaml", ConfigMap.class).getMetadata().getName(),
                "secret:" + load(dir, "secret.yaml", Secret.class).getMetadata().getName()), sources);
    }

    private static String image(String dir, String file) throws Exception {
        return single(load(dir, file, Deployment.class).getSpec().getTemplate().getSpec().getContainers()).getImage();
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size());
        return items.get(0);
    }

    /** Parses one manifest into the model class of its apiVersion and kind. */
    static <T> T load(String dir, String file, Class<T> as) throws IOException {
        JsonNode tree = YAML.readTree(K8S.resolve(dir).resolve(file).toFile());
        String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
        Class<? extends HasMetadata> model = KINDS.get(type);
        assertNotNull(model, dir + "/" + file + ": unexpected " + type);
        return as.cast(YAML.treeToValue(tree, model));
    }

    private static Set<String> manifestFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("kustomization.yaml")).toList());
        }
    }

    /**
     * The fabric8 models keep fields they do not know in {@code additionalProperties} instead of
     * failing; any such field anywhere in the tree is a typo or a wrong level of indentation.
     */
    private static void assertNoUnknownFields(Object node, String where) throws Exception {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            for (Object item : items) {
                assertNoUnknownFields(item, where);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                assertNoUnknownFields(value, where);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertTrue(((Map<?, ?>) value).isEmpty(),
                        where + ": unknown fields " + ((Map<?, ?>) value).keySet() + " in " + node.getClass().getSimpleName());
            } else {
                assertNoUnknownFields(value, where);
            }
        }
    }
}
