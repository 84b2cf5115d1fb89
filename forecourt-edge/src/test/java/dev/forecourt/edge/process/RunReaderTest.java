package dev.forecourt.edge.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code services.NAME.run} as the reader judges it: the defaults, and each problem at its line. */
class RunReaderTest {
    @TempDir
    Path dir;

    private String file(String run) {
        return "ingress: {listen: 127.0.0.1:9000}\nservices:\n  web:\n    domains: [web.internal]\n" + run;
    }

    private List<String> problems(String run) throws Exception {
        try {
            ConfigReader.read(dir.resolve("f.yaml"), file(run));
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void aRunBlockHasAppRunnersDefaultsAndRunsInTheFilesDirectory() throws Exception {
        var c = ConfigReader.read(dir.resolve("f.yaml"), file("    run: {command: [python3, app.py], env: {MODE: prod}}\n"));
        var instances = IngressRole.ROLE.of(c).services().get("web").instances();
        assertThat(instances).containsExactly(new InstanceConfig.Run(new RunConfig(List.of("python3", "app.py"),
                Map.of("MODE", "prod"), dir.toAbsolutePath(), RunConfig.AUTO_PORT, 1, 25, 100, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60))));
    }

    @Test
    void eachProblemIsNamedAtItsLine() throws Exception {
        Files.createDirectory(dir.resolve("app"));
        List<String> p = problems("""
                    run:
                      command: python3 app.py
                      env: {PORT: '80', 1X: y}
                      workingDir: nowhere
                      port: 8080
                      max: 3
                      min: 0
                      startTimeout: 0s
                      queue: 5
                """);
        String all = String.join("\n", p);
        assertThat(all)
                .contains("f.yaml:6: services.web.run.command: write the command as a list, one argument each (no shell splits it): [python3, app.py]")
                .contains("f.yaml:7: services.web.run.env.PORT: PORT is set by Forecourt")
                .contains("f.yaml:7: services.web.run.env.1X: '1X' is no environment variable name")
                .contains("f.yaml:8: services.web.run.workingDir: " + dir.toAbsolutePath().resolve("nowhere") + " is not a directory")
                .contains("f.yaml:10: services.web.run.port: a fixed port fits one instance at a time, but max is 3")
                .contains("f.yaml:11: services.web.run.min: 0 is out of range; allowed: 1 to 100")
                .contains("f.yaml:12: services.web.run.startTimeout: 0s is too short")
                .contains("f.yaml:13: services.web.run.queue: unknown key 'queue'");
        assertThat(p).hasSize(8);
    }

    @Test
    void theProgramMustBeThereAndRunIsTheServicesOnlyInstances() throws Exception {
        assertThat(problems("    run: {command: [no-such-program-here], workingDir: .}\n")).singleElement().asString()
                .contains("f.yaml:5: services.web.run.command: 'no-such-program-here' is no executable file on the PATH");
        assertThat(problems("    run: {command: [./app.sh]}\n")).singleElement().asString()
                .contains("'./app.sh' is not an executable file in " + dir.toAbsolutePath());
        assertThat(problems("    instances: [127.0.0.1:8080]\n    run: {command: [python3]}\n")).singleElement().asString()
                .contains("f.yaml:6: services.web.run: a service with run: has only the instances Forecourt starts; remove 'instances'");
        assertThat(problems("    run: {min: 2, max: 1}\n")).satisfiesExactly(
                a -> assertThat(a).endsWith("f.yaml:5: services.web.run: 'command' is missing: what starts one instance, e.g. [python3, app.py]"),
                b -> assertThat(b).endsWith("f.yaml:5: services.web.run.max: 1 is less than min 2"));
    }
}
