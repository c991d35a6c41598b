package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Talks to busybox httpd in the guest through the port kvmboot:start forwarded and published. */
class GuestWebIT {

    @Test
    void theGuestServesItsOwnProcVersion() throws Exception {
        String port = System.getProperty("guest.port");
        assertTrue(port != null && port.matches("\\d+"), "kvmboot.port.8080 not published: " + port);
        HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("Linux version "), page.body());
        // verify.groovy compares it with the release read from the kernel image on the host
        Files.writeString(Path.of(System.getProperty("guest.versionFile")), page.body());
    }
}
