package day2ops.cli.debug;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code day2 app debug APP_ID}: why a deployment is not starting, from Marathon's offer statistics. */
@Command(name = "debug",
        mixinStandardHelpOptions = true,
        description = {"Show why an app or pod is not starting: offer rejection funnel, resources requested vs. matched,",
            "the last unused offers and a one-line diagnosis. Example: day2 app debug /team/app"})
public class AppDebugCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugApiOptions api;

    @Parameters(index = "0", paramLabel = "APP_ID", description = "Marathon app or pod id, e.g. /team/app.")
    String appId;

    @Override
    public Integer call() throws Exception {
        String token = api.token();
        if (token == null) {
            throw new ParameterException(spec.commandLine(), "no token: pass --token or --token-file, or set DAY2OPS_TOKEN or DAY2OPS_TOKEN_FILE");
        }
        String path = appId.startsWith("/") ? appId : "/" + appId;
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/v1/deployments" + path + "/offers"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "token=" + token)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        JsonObject body;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            body = reader.readObject();
        } catch (RuntimeException e) {
            System.err.println("day2: HTTP " + response.statusCode() + " from " + request.uri());
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("day2: HTTP " + response.statusCode() + ": " + body.getString("detail", response.body()));
            return 1;
        }
        System.out.print(OfferTable.render(body));
        return 0;
    }
}
