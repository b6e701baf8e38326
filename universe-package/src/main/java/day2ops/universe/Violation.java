package day2ops.universe;

/**
 * One broken rule: where (a file, or a file plus the rendering it came from), which rule and
 * what exactly is wrong.
 */
public record Violation(String location, Rule rule, String message) {

    @Override
    public String toString() {
        return location + ": " + message + " [" + rule.id() + "]";
    }
}
