package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Talks to busybox httpd in the guest through the host port kvmboot:start forwarded. */
class KernelReleaseIT {

    @Test
    void theGuestRunsTheKernelWeBooted() throws Exception {
        String port = System.getProperty("guest.port");
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String release = System.getProperty("kernel.release");
        assertTrue(page.body().startsWith("Linux version " + release + " "), page.body());
    }
}
