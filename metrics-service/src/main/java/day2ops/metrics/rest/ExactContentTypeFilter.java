package day2ops.metrics.rest;

import day2ops.metrics.prometheus.Exposition;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes the Content-Type exactly as DC/OS clients and Prometheus document it
 * ({@code application/json; charset=UTF-8}); the REST layer would otherwise print the media
 * type in its own spelling ({@code application/json;charset=UTF-8}).
 */
public class ExactContentTypeFilter {

    @ServerResponseFilter
    public void exactContentType(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null) {
            return;
        }
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && type.getSubtype().equals("json")) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, V0Format.JSON_UTF8);
        } else if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE) && "0.0.4".equals(type.getParameters().get("version"))) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Exposition.CONTENT_TYPE);
        }
    }
}
