package dev.cutover.core.traffic;

/**
 * The weights of the two sides of a pair. Traffic goes to each side in proportion to its weight; the
 * unit is the backend's (Route 53 record weight, ALB target group weight).
 *
 * @param blue the blue side's weight, not negative
 * @param green the green side's weight, not negative
 */
public record Weights(int blue, int green) {
    public Weights {
        if (blue < 0 || green < 0) {
            throw new IllegalArgumentException("weights must not be negative: " + blue + "/" + green);
        }
    }

    /**
     * The weights that send {@code percent} % of the traffic to green when the two weights add up to
     * {@code scale}; green's share is rounded half up.
     *
     * @param percent 0 to 100
     * @param scale the sum of both weights, at least 1
     */
    public static Weights ofPercent(int percent, int scale) {
        if (percent < 0 || percent > 100 || scale < 1) {
            throw new IllegalArgumentException("percent must be 0 to 100 and scale at least 1");
        }
        int green = (int) Math.round(scale * percent / 100.0);
        return new Weights(scale - green, green);
    }

    /** Green's share of the traffic in percent (0 to 100), rounded; 0 when both weights are 0. */
    public int greenPercent() {
        int sum = blue + green;
        return sum == 0 ? 0 : (int) Math.round(100.0 * green / sum);
    }

    /** {@code blue 90% / green 10%}: each side's share of the traffic, for people. */
    public String percents() {
        int green = greenPercent();
        int blue = this.blue + this.green == 0 ? 0 : 100 - green;
        return "blue " + blue + "% / green " + green + "%";
    }

    /** {@code blue 90 / green 10}, for people. */
    @Override
    public String toString() {
        return "blue " + blue + " / green " + green;
    }
}
