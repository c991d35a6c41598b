package io.github.kvmboot.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestRecord;
import io.github.kvmboot.testing.InstalledPluginMaven;
import io.github.kvmboot.testing.TestGuests;

/**
 * No orphan across the start/stop pair: {@code kill -9} of the Maven JVM after kvmboot:start
 * returned, while the build is in integration-test (an antrun sleep stands for the tests),
 * leaves no QEMU (and no virtiofsd of a rootfs=host guest) within 5 s. Runs the installed plugin in a real Maven on a generated project.
 */
class MavenStartKillIT {

    @TempDir
    Path workDir;

    @Test
    void qemuOfAStartedGuestDiesWithTheMavenJvm() throws Exception {
        killMavenBetweenStartAndStop(TestGuests.kernel(), "", 0);
    }

    /** Issue 12: the guest's root is the host's / over virtiofs; its virtiofsd dies with Maven too. */
    @Test
    void qemuAndVirtiofsdOfAStartedHostRootGuestDieWithTheMavenJvm() throws Exception {
        killMavenBetweenStartAndStop(TestGuests.hostRootKernelTreeImage(),
                "<rootfs>host</rootfs><rootfsShare>virtiofs</rootfsShare>", 1);
    }

    private void killMavenBetweenStartAndStop(Path kernel, String moreConfiguration, int helpers) throws Exception {
        Files.writeString(workDir.resolve("pom.xml"), pom(kernel, moreConfiguration));
        List<String> command = InstalledPluginMaven.command(workDir);
        command.add("verify");
        Process maven = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> sleeping = CompletableFuture.supplyAsync(
                () -> MavenSignalIT.waitFor(maven, output, "the tests run now"));
        try {
            if (!sleeping.get(300, TimeUnit.SECONDS)) {
                fail("the build never reached integration-test; Maven said:\n" + output);
            }
            synchronized (output) {
                assertTrue(output.toString().contains("guest 'web' ready after"), output::toString);
            }
            Path guest = workDir.resolve("target/kvmboot/web");
            long qemuPid = Long.parseLong(Files.readString(guest.resolve("qemu.pid")).trim());
            assertTrue(GuestRecord.find(guest).isPresent(), "the started guest should be recorded in guest.json");
            List<GuestRecord.Helper> daemons = GuestRecord.find(guest).get().helpers();
            assertEquals(helpers, daemons.size(), "helper daemons in guest.json: " + daemons);

            new ProcessBuilder("kill", "-KILL", Long.toString(maven.pid())).inheritIO().start().waitFor();

            MavenSignalIT.assertGoneWithin(qemuPid, 5_000, "KILL", output);
            for (GuestRecord.Helper daemon : daemons) {
                MavenSignalIT.assertGoneWithin(daemon.pid(), 5_000, "KILL", output);
            }
            assertTrue(GuestRecord.find(guest).isEmpty(), "a dead guest's guest.json must not be found as running");
        } finally {
            maven.destroyForcibly();
        }
    }

    private static String pom(Path kernel, String moreConfiguration) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it.kvmboot</groupId>
                  <artifactId>start-kill</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.kvmboot</groupId>
                        <artifactId>kvmboot-maven-plugin</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution><id>web</id><goals><goal>start</goal></goals></execution>
                          <execution><id>web-down</id><goals><goal>stop</goal></goals></execution>
                        </executions>
                        <configuration>
                          <kernel>%s</kernel>
                          <exec>sleep 600</exec>
                          <network>none</network>
                          <accel>tcg</accel>
                          <memory>256</memory>
                          <timeout>240</timeout>
                          %s
                        </configuration>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-antrun-plugin</artifactId>
                        <version>3.1.0</version>
                        <executions>
                          <execution>
                            <phase>integration-test</phase>
                            <goals><goal>run</goal></goals>
                            <configuration>
                              <target><echo message="the tests run now"/><sleep seconds="600"/></target>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(System.getProperty("kvmboot.it.pluginVersion"), kernel, moreConfiguration);
    }
}
