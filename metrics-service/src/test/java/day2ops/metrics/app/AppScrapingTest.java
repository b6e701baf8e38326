package day2ops.metrics.app;

import static day2ops.metrics.testing.Requests.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.testing.RecordedMesosAgent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The task "web" labels a port DCOS_METRICS_FORMAT=prometheus, its endpoint runs on loopback; the
 * task "db" asks for scraping too, and its endpoint answers HTTP 500.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(RecordedMesosAgent.class)
class AppScrapingTest {

    static final String WEB = "f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b";

    @Inject
    AppScrapeService scraper;

    @Inject
    ContainerMetricsService containers;

    @BeforeEach
    void scrape() {
        containers.collectNow();
        scraper.scrapeNow();
    }

    @Test
    void scrapedSamplesAppearUnderTheContainersApp() {
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team/web")).get("/v0/containers/" + WEB + "/app")
                .then().statusCode(200)
                .body("datapoints.find { it.name == 'orders_total' }.value", equalTo(42))
                .body("datapoints.find { it.name == 'orders_total' }.tags.shop", equalTo("eu"))
                .body("datapoints.find { it.name == 'queue_depth' }.value", equalTo(7))
                .body("dimensions.task_name", equalTo("web"));
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team/web"))
                .get("/v0/containers/" + WEB + "/app/request_seconds_count").then().statusCode(200)
                .body("datapoints[0].value", equalTo(5));
    }

    @Test
    void scrapedSeriesAreReexposedWithTheirTypesAndContainerLabels() {
        as(Permissions.SUPERUSER).get("/metrics").then().statusCode(200)
                .body(containsString("# TYPE orders_total counter\n"))
                .body(containsString("exported_container_id=\"spoofed\""))
                .body(containsString("# TYPE request_seconds histogram\n"))
                .body(containsString("request_seconds_bucket{container_id=\"" + WEB))
                .body(containsString("day2ops_collector_success{collector=\"apps\"} 0\n"));
    }

    private static final String DB = "0a1b2c3d-0000-4000-8000-00000000db01";

    /** The exposition line of {@code family} for container {@code id}, or null. */
    private static String line(String exposition, String family, String id) {
        return exposition.lines().filter(l -> l.startsWith(family + "{") && l.contains("container_id=\"" + id + "\""))
                .findFirst().orElse(null);
    }

    @Test
    void failingTargetIsReportedDownWithItsErrorWhileTheOthersAreServed() {
        String body = as(Permissions.SUPERUSER).get("/metrics").then().statusCode(200).extract().asString();
        String dbUp = line(body, "day2ops_app_scrape_up", DB);
        assertNotNull(dbUp, body);
        assertTrue(dbUp.endsWith(" 0") && dbUp.contains("target=\"http://127.0.0.3:"), dbUp);
        String dbError = line(body, "day2ops_app_scrape_error_info", DB);
        assertNotNull(dbError, body);
        assertTrue(dbError.contains("error=\"HTTP 500\"") && dbError.endsWith(" 1"), dbError);
        assertNotNull(line(body, "day2ops_app_scrape_duration_seconds", DB), body);

        String webUp = line(body, "day2ops_app_scrape_up", WEB);
        assertNotNull(webUp, body);
        assertTrue(webUp.endsWith(" 1") && webUp.contains("/custom/metrics"), webUp);
        assertTrue(line(body, "day2ops_app_scrape_samples", WEB).endsWith(" 6"), line(body, "day2ops_app_scrape_samples", WEB));
        assertNull(line(body, "day2ops_app_scrape_error_info", WEB), "no error for a target that is up");
        as(Permissions.SUPERUSER).get("/v0/containers/" + WEB + "/app").then().statusCode(200);
    }

    @Test
    void callerWithoutTheAppPermissionSeesNoneOfItsAppMetrics() {
        String other = Permissions.appSandbox("/other");
        as(Permissions.SYSTEM_METRICS, other).get("/v0/containers/" + WEB + "/app").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(Permissions.appSandbox("/team/web")));
        as(Permissions.SYSTEM_METRICS, other).get("/v0/containers/" + WEB + "/app/orders_total").then().statusCode(403);

        String body = as(Permissions.SYSTEM_METRICS, other).get("/metrics").then().statusCode(200).extract().asString();
        assertTrue(!body.contains("orders_total") && !body.contains("queue_depth"), "another app's samples leaked");
        assertNull(line(body, "day2ops_app_scrape_up", WEB), "another app's scrape status leaked");
        assertNotNull(line(body, "day2ops_app_scrape_up", DB), "own app's scrape status shown");

        String routeOnly = as(Permissions.SYSTEM_METRICS).get("/metrics").then().statusCode(200).extract().asString();
        assertTrue(!routeOnly.contains("day2ops_app_scrape_up{") && !routeOnly.contains("orders_total"), routeOnly);
    }
}
