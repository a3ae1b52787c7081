package dev.cutover.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pair's {@code traffic:}: where its two sides' weights live and how {@code /shift} moves traffic
 * from blue to green.
 *
 * @param backend {@code route53-weighted} (two weighted records of one name) or {@code alb-weighted}
 *     (a listener rule, or the listener's default action, forwarding to two target groups)
 * @param name route53-weighted: the weighted records' name (in the pair's hosted zone)
 * @param blue the blue side: the record's SetIdentifier (route53-weighted) or the target group ARN
 *     (alb-weighted)
 * @param green the green side, as {@code blue}
 * @param listener alb-weighted: the listener ARN
 * @param rule alb-weighted: the listener rule ARN; null means the listener's default action
 * @param scale the sum of both weights at every step (default 100); at most 255 for Route 53 (its
 *     highest record weight) and 999 for an ALB (its highest target group weight)
 * @param steps percent of the traffic to green at each step, increasing, each 1 to 100 (default
 *     {@code [10, 50, 100]})
 * @param bake how long each step is watched before the next (default 5m; 1s to 24h)
 * @param onAlarm what a crossed threshold of the cutover watch does during a bake: {@code halt}
 *     (stay at the current weights) or {@code revert} (back to the last weights that baked healthy;
 *     the default)
 */
public record TrafficConfig(
        Backend backend,
        String name,
        String blue,
        String green,
        String listener,
        String rule,
        Integer scale,
        List<Integer> steps,
        Duration bake,
        OnAlarm onAlarm) {

    /** Where the weights live. */
    public enum Backend {
        ROUTE53_WEIGHTED(255),
        ALB_WEIGHTED(999);

        private final int maxWeight;

        Backend(int maxWeight) {
            this.maxWeight = maxWeight;
        }

        /** The backend's highest weight of one side. */
        public int maxWeight() {
            return maxWeight;
        }

        @JsonValue
        String wire() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** What a crossed threshold during a bake does. */
    public enum OnAlarm {
        HALT,
        REVERT;

        @JsonValue
        String wire() {
            return name().toLowerCase();
        }
    }

    /** The steps when none are configured: percent to green. */
    public static final List<Integer> DEFAULT_STEPS = List.of(10, 50, 100);

    private static final Pattern SET_ID = Pattern.compile("[\\x21-\\x7e ]{1,128}");
    private static final Pattern LISTENER =
            Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener/app/.+");
    private static final Pattern RULE =
            Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener-rule/app/.+");
    private static final Pattern TARGET_GROUP =
            Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/.+");

    public TrafficConfig {
        if (backend == null) {
            throw ConfigException.invalid("backend", "required: route53-weighted or alb-weighted");
        }
        if (backend == Backend.ROUTE53_WEIGHTED) {
            if (name == null || name.isBlank()) {
                throw ConfigException.invalid("name", "required for route53-weighted: the weighted records' name");
            }
            blue = required("blue", blue, SET_ID, "the blue record's SetIdentifier");
            green = required("green", green, SET_ID, "the green record's SetIdentifier");
        } else {
            listener = required("listener", listener, LISTENER, "a listener ARN (arn:aws:elasticloadbalancing:...)");
            if (rule != null) {
                rule = required("rule", rule, RULE, "a listener rule ARN, or no rule for the default action");
            }
            blue = required("blue", blue, TARGET_GROUP, "the blue target group ARN");
            green = required("green", green, TARGET_GROUP, "the green target group ARN");
        }
        if (blue.equals(green)) {
            throw ConfigException.invalid("green", "must differ from blue");
        }
        scale = scale == null ? 100 : scale;
        if (scale < 1 || scale > backend.maxWeight()) {
            throw ConfigException.invalid(
                    "scale", "must be 1 to " + backend.maxWeight() + " (the highest " + backend.wire() + " weight)");
        }
        steps = steps(steps);
        bake = bake == null ? Duration.ofMinutes(5) : bake;
        if (bake.compareTo(Duration.ofSeconds(1)) < 0 || bake.compareTo(Duration.ofHours(24)) > 0) {
            throw ConfigException.invalid("bake", "must be between 1s and 24h");
        }
        onAlarm = onAlarm == null ? OnAlarm.REVERT : onAlarm;
    }

    /**
     * The cutover watch's side that reads green's metrics during a shift: the first of {@code
     * watch}'s sides whose target is part of green (its SetIdentifier) or whose target group ends
     * green (its target group ARN).
     *
     * @return empty when green is not watched: its shift's health cannot be confirmed, and no step
     *     is promoted without an approver
     */
    public Optional<CutoverWatchSettings.Side> greenSide(CutoverWatchSettings watch) {
        return watch.sides().stream()
                .filter(s -> green.contains(s.target()) || green.endsWith(s.targetGroup()))
                .findFirst();
    }

    /**
     * Checks explicit steps (from config or typed after {@code /shift}): each 1 to 100 percent,
     * strictly increasing.
     *
     * @return the steps, or {@link #DEFAULT_STEPS} for null
     * @throws ConfigException.InvalidValue naming {@code steps[i]} when a step is out of range or
     *     not above the one before
     */
    public static List<Integer> steps(List<Integer> steps) {
        if (steps == null) {
            return DEFAULT_STEPS;
        }
        if (steps.isEmpty() || steps.size() > 20) {
            throw ConfigException.invalid("steps", "give 1 to 20 steps, percent to green, e.g. [10, 50, 100]");
        }
        for (int i = 0; i < steps.size(); i++) {
            Integer s = steps.get(i);
            if (s == null || s < 1 || s > 100) {
                throw ConfigException.invalid("steps[" + i + "]", "must be a percent from 1 to 100");
            }
            if (i > 0 && s <= steps.get(i - 1)) {
                throw ConfigException.invalid(
                        "steps[" + i + "]", "steps must increase: " + s + " after " + steps.get(i - 1));
            }
        }
        return List.copyOf(steps);
    }

    private static String required(String key, String value, Pattern p, String what) {
        if (value == null || !p.matcher(value.strip()).matches()) {
            throw ConfigException.invalid(key, (value == null ? "required: " : "expected ") + what);
        }
        return value.strip();
    }
}
