package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The guest answers, then panics on request; the test waits until it is gone and passes: stop must fail. */
class GuestPanicIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base = "http://127.0.0.1:" + System.getProperty("guest.port");

    @Test
    void theGuestPanicsWhileTheTestsRun() throws Exception {
        assertEquals(200, get("/version").statusCode());
        try {
            get("/cgi-bin/panic"); // never answers: the CGI panics the kernel
        } catch (IOException expected) {
            // the connection dies with the guest
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        boolean gone = false;
        while (!gone && System.nanoTime() < deadline) {
            try {
                get("/version");
                Thread.sleep(500);
            } catch (IOException down) {
                gone = true;
            }
        }
        assertTrue(gone, "the guest still answers after the panic was triggered");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
