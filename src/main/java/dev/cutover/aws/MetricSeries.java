package dev.cutover.aws;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The datapoints CloudWatch returned for one {@link MetricQuery}, newest first.
 *
 * @param points the datapoints; empty when the metric had none in the window (a gap is normal:
 *     SQS metrics stop after 6 idle hours)
 * @param partial whether CloudWatch said PartialData (more points than one call returns)
 */
public record MetricSeries(List<Point> points, boolean partial) {
    /**
     * A datapoint.
     *
     * @param at its timestamp
     * @param value its value
     */
    public record Point(Instant at, double value) {}

    public MetricSeries {
        points = List.copyOf(points);
    }

    /** The newest point, if any. */
    public Optional<Point> newest() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(0));
    }

    /** The sum of every value (for Sum statistics over a window). */
    public double sum() {
        return points.stream().mapToDouble(Point::value).sum();
    }
}
