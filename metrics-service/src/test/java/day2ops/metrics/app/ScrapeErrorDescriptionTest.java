package day2ops.metrics.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one-line error a failing scrape target is labelled with. */
class ScrapeErrorDescriptionTest {

    @Test
    void httpStatusIsReportedAsIs() {
        assertEquals("HTTP 500", AppScrapeService.describe(new CompletionException(new IllegalStateException("HTTP 500"))));
    }

    @Test
    void connectionErrorsNameTheirTypeEvenWithoutMessage() {
        assertEquals("ConnectException", AppScrapeService.describe(new CompletionException(new ConnectException())));
        assertEquals("HttpTimeoutException: request timed out",
                AppScrapeService.describe(new CompletionException(new HttpTimeoutException("request timed out"))));
    }

    @Test
    void descriptionIsOneShortLine() {
        String described = AppScrapeService.describe(new ConnectException("first\nsecond " + "x".repeat(500)));
        assertEquals(200, described.length());
        assertEquals("ConnectException: first second xx", described.substring(0, 33));
    }
}
