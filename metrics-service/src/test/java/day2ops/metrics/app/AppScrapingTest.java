package day2ops.metrics.app;

import static day2ops.metrics.testing.Requests.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.testing.RecordedMesosAgent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task "web" labels a port DCOS_METRICS_FORMAT=prometheus; its endpoint runs on loopback. */
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
}
