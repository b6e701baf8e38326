package day2ops.metrics.rest;

import java.util.List;

/** The v0 MetricsMessage: datapoints plus the dimensions they share. */
public record MetricsMessage(List<Datapoint> datapoints, Dimensions dimensions) {
}
